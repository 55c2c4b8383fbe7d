"""The Content-Security-Policy: one for the public site, one for the admin, extras per response."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def allow_sources(request, directives):
    """Add sources to this response's Content-Security-Policy, e.g. for an optional widget.

    ``directives`` maps a directive to the sources to add:
    ``allow_sources(request, {"script-src": ["https://widgets.example.org"]})``. Call it while the
    response is made (in a view, a template tag, a context processor); repeated calls add up.
    """
    extra = getattr(request, "_csp_update", None) or {}
    for directive, sources in directives.items():
        extra[directive] = list(dict.fromkeys([*extra.get(directive, []), *sources]))
    request._csp_update = extra


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by area and taking per-request additions.

    The public site gets ``CONTENT_SECURITY_POLICY``; the Wagtail admin, whose own scripts and
    styles need more, gets ``CONTENT_SECURITY_POLICY_ADMIN``. Sources added with
    ``allow_sources()`` are appended to either, for that response only.

    A preview is a page rendered inside an admin request: Wagtail runs it through the middleware
    as a dummy request for the page's own URL. That inner pass sets no policy; the admin request
    around it does, keeping the sources the page added.
    """

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            response._csp_sources_from_preview = getattr(request, "_csp_update", None)
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = dict(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        update = dict(parts.update or {})
        for extra in [
            getattr(request, "_csp_update", None),
            getattr(response, "_csp_sources_from_preview", None),
        ]:
            for directive, sources in (extra or {}).items():
                update[directive] = [*update.get(directive, []), *sources]
        return PolicyParts(parts.config, update or parts.update, parts.replace, parts.nonce)
