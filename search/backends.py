"""The search backend of the whole site (WAGTAILSEARCH_BACKENDS): Wagtail's database backend
for the database in use, which also understands `Prefix` queries (the site search's:
search/site_search.py), with SQLite's full-text search mended to take any text
(search/sqlite_fts.py). Everything else is as Wagtail configures it."""

from django.db import connection
from wagtail.search.backends import database
from wagtail.search.query import PlainText


class Prefix(PlainText):
    """Plain text whose last term also matches the words it begins, over every searched field
    (as autocomplete() does, but that searches titles only). A backend that does not know it
    searches it as plain text."""


class PrefixAware:
    """Mixed into a database backend's query compiler: a Prefix query's last term is searched
    as a prefix (the compiler's LAST_TERM_IS_PREFIX, set for each part of a query as it is
    compiled), any other query as Wagtail searches it."""

    def build_prefix_aware(self, query):
        self.LAST_TERM_IS_PREFIX = isinstance(query, Prefix)


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """Returns the backend instance for the "default" database."""
    if connection.vendor == "postgresql":
        from search.postgres_search import PostgresSiteSearchBackend

        return PostgresSiteSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    from search.sqlite_fts import AnyTextSQLiteSearchBackend, SQLiteSearchBackend

    if type(backend) is SQLiteSearchBackend:
        return AnyTextSQLiteSearchBackend(params)
    return backend  # SQLite without FTS5: Wagtail's plain fallback, which takes any text
