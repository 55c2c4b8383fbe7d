"""Views of the serving layer: health endpoints, the 500 handler and Wagtail's page view.

``/healthz``: the process is alive and serves requests (no database: a database outage must not
get healthy containers restarted). ``/readyz``: the database answers, so this instance can take
traffic. Both are never cached.
"""

import sys

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from serving import outage, routing


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """Django's handler500: the Dutch 503 page when the error was the database being
    unavailable (say while rendering the 404 page), else the 500 page. Both need no database."""
    if outage.is_outage(sys.exception()):
        return outage.unavailable_response(request)
    return HttpResponseServerError(render_to_string("500.html"))


def serve(request, path):
    """Wagtail's page view (wagtail.views.serve), routed by serving.routing; Wagtail's
    view-restriction check runs only for a page that may be private (serving.routing
    .may_be_restricted), since no restriction applies to the others. Every other hook runs as in
    Wagtail."""
    route = routing.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions and not routing.may_be_restricted(page, request):
            continue
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)
