"""SQLite full-text search that takes any text (used through search/backends.py).

modelsearch (1.3.2, under Wagtail 8) puts each term of a SQLite search between double quotes
for FTS5 without doubling a double quote inside it, so searching for `"` or `a"b` in the admin
(the page explorer, snippet listings, choosers) is an FTS5 syntax error. Here such quotes are
doubled, as FTS5 strings require. Its searches also know Prefix queries (search/backends.py).
Importable only on SQLite: its index model exists only there.
"""

from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import Phrase, PlainText

from search.backends import PrefixAware


def fts5_literal(query):
    """The query with each double quote doubled, so FTS5 reads it as text in a string."""
    if isinstance(query, PlainText):  # a Prefix too: it stays one
        return type(query)(query.query_string.replace('"', '""'), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace('"', '""'))
    return query


class QueryCompiler(PrefixAware, SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        self.build_prefix_aware(query)
        return super().build_search_query_content(fts5_literal(query), config)


class AutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(fts5_literal(query), config)


class AnyTextSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = QueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
