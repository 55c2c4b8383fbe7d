"""The search backend of the whole site (WAGTAILSEARCH_BACKENDS): Wagtail's database backend
for the database in use, with one search of our own, `search_with_prefix()` (the site search's:
search/site_search.py), and SQLite's full-text search mended to take any text
(search/sqlite_fts.py). Everything else is as Wagtail configures it."""

from django.db import connection
from wagtail.search.backends import database


class PrefixSearchMixin:
    """Adds search_with_prefix() to a database backend: a full-text search like search(), except
    that its last term also matches the words it begins (what autocomplete() does, but over every
    searched field, not the titles only), ranked by relevance."""

    prefix_query_compiler_class = None  # the backend's query compiler, with LAST_TERM_IS_PREFIX

    def search_with_prefix(self, query, model_or_queryset):
        """Returns the search results (a sliceable SearchResults with annotate_score())."""
        return self._search(
            self.prefix_query_compiler_class,
            query,
            model_or_queryset,
            fields=None,
            operator=None,
            order_by_relevance=True,
        )


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
