"""PostgreSQL's search backend with search_with_prefix() (search/backends.py). Importable only on
PostgreSQL, as Wagtail's own backend module."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.backends import PrefixSearchMixin


class PrefixQueryCompiler(PostgresSearchQueryCompiler):
    # The prefix is stemmed as the words are ("ondernemingen:*" searches "ondernem:*").
    LAST_TERM_IS_PREFIX = True


class PostgresSiteSearchBackend(PrefixSearchMixin, PostgresSearchBackend):
    prefix_query_compiler_class = PrefixQueryCompiler
