"""PostgreSQL's search backend, knowing Prefix queries (search/backends.py). Importable only on
PostgreSQL, as Wagtail's own backend module."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.backends import PrefixAware


class QueryCompiler(PrefixAware, PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        # The prefix is stemmed as the words are: "ondernemingen:*" searches "ondernem:*".
        self.build_prefix_aware(query)
        return super().build_tsquery_content(query, config, invert)


class PostgresSiteSearchBackend(PostgresSearchBackend):
    query_compiler_class = QueryCompiler
