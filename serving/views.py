"""Views of the serving layer: health endpoints and the 500 handler.

``/healthz``: the process is alive and serves requests (no database: a database outage must not
get healthy containers restarted). ``/readyz``: the database answers, so this instance can take
traffic. Both are never cached.
"""

import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from serving import outage


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
