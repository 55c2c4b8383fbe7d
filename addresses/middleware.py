from django.http import HttpResponsePermanentRedirect

from addresses.lookup import variant_of


class AddressVariantMiddleware:
    """Answers a 404 for a case or diacritic variant of a public address with a 301 to it.

    `/Over-Ons/`, `/over-ons/Maatwerkbedrijven/` and `/over-ons/activiteitenco%C3%B6peraties/`
    lead to `/over-ons/`, `/over-ons/maatwerkbedrijven/` and `/over-ons/activiteitencooperaties/`.
    Like Wagtail's redirect middleware, it only looks at what would otherwise be a 404 from the
    page tree (so never at the admin), and it sits outside that middleware: an editor's own
    redirect wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = request.resolver_match
        if match is not None and match.url_name != "wagtail_serve":
            return response
        target = variant_of(request)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(target + ("?" + query if query else ""))
