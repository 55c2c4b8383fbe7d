"""Queries that every page view runs, with their SQL compiled once.

Django's ORM builds and compiles a query's SQL anew each time it runs: for the routing's two
queries (the pages along the address, the specific page) that was about a tenth of an uncached
page view. Here a query is built once per *shape* (key) with placeholder values, compiled, and
from then on run as raw SQL (Django's RawQuerySet) with the real values in their place: the
same SQL, the same columns, the same model instances. A query whose placeholders cannot be told
apart in the compiled parameters is simply left to the ORM.
"""

from django.db.models.query import RawQuerySet

# {key: (model, sql, params, positions)}, or {key: None} for a shape left to the ORM.
_compiled = {}

_INT_PLACEHOLDER = 2_147_000_000  # an id no row has, in range of every integer column


def _placeholder(number, value):
    if isinstance(value, int):
        return _INT_PLACEHOLDER - number
    return f"\x00placeholder {number}\x00"


def instances(key, build, values):
    """The model instances that build(*values) finds, as a list. build returns a queryset;
    it is called with placeholders once per key (so its shape must depend only on the key) and
    with the real values only when the placeholders cannot be found in its compiled SQL."""
    if key not in _compiled:
        _compiled[key] = _compile(build, values)
    entry = _compiled[key]
    if entry is None:
        return list(build(*values))
    model, sql, params, positions = entry
    params = list(params)
    for position, value in zip(positions, values, strict=True):
        params[position] = value
    return list(RawQuerySet(sql, model=model, params=params))


def _compile(build, values):
    placeholders = [_placeholder(number, value) for number, value in enumerate(values)]
    queryset = build(*placeholders)
    sql, params = queryset.query.sql_with_params()
    params = list(params)
    if any(params.count(placeholder) != 1 for placeholder in placeholders):
        return None
    query = queryset.query
    if query.annotations or query.select_related or query.deferred_loading != (frozenset(), True):
        return None  # RawQuerySet would load them differently (or not at all)
    positions = [params.index(placeholder) for placeholder in placeholders]
    return queryset.model, sql, tuple(params), positions
