"""When the database cannot be used right now, visitors get a Dutch 503 page, never a 500.

Only a failure of the database itself counts: it cannot be reached, the connection broke, or it
is too slow (a statement timeout). A query that the database rejects on a working connection (a
malformed full-text search on SQLite, say) is a bug, not an outage, and stays a 500.
"""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# PostgreSQL error classes that mean "not now" rather than "not so": connection exceptions,
# insufficient resources, operator intervention (shutdown, a statement cancelled by
# statement_timeout).
TRANSIENT_SQLSTATE_CLASSES = ("08", "53", "57")


def _connection_is_open(connection):
    # psycopg marks a broken connection closed; sqlite3 connections have no such flag.
    return connection.connection is not None and not getattr(connection.connection, "closed", False)


def is_outage(exception):
    """Whether this exception means the database is unavailable (rather than a bug)."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return False
    sqlstate = getattr(exception.__cause__, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(TRANSIENT_SQLSTATE_CLASSES)
    # No SQLSTATE: the driver's own error (refused, timed out, lost) leaves the connection
    # unopened or closed; SQLite's errors on an open connection are the query's fault.
    return not all(
        _connection_is_open(connection) for connection in connections.all(initialized_only=True)
    )


def unavailable_response(request):
    """The Dutch 503 page with Retry-After, never cached. Rendered without a request context,
    so it queries nothing."""
    logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
