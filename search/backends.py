"""The search backend of the whole site (WAGTAILSEARCH_BACKENDS): Wagtail's database backend
for the database in use, with SQLite's full-text search mended to take any text
(search/sqlite_fts.py). PostgreSQL is left as Wagtail configures it."""

from django.db import connection
from wagtail.search.backends import database


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """Returns the backend instance for the "default" database."""
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    from search.sqlite_fts import AnyTextSQLiteSearchBackend, SQLiteSearchBackend

    if type(backend) is SQLiteSearchBackend:
        return AnyTextSQLiteSearchBackend(params)
    return backend  # SQLite without FTS5: Wagtail's plain fallback, which takes any text
