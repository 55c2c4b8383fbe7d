"""Filters for a listing, as a plain GET form of checkboxes (the support finder, the agenda,
news and publications).

A listing names its facets (a query parameter and its options); `choose` reads which options a
request selected, `count_and_filter` counts, per option, how many items choosing it would give
(with the other facets applied and this one's choices replaced by the option: the usual faceted
way) and returns the items that match every facet. Counting happens in Python over items the
listing read with a fixed number of queries, so filters cost no query per item.
`filtered_listing` does all of it, and the pagination, for a listing that needs nothing more.

A long listing counts, filters and paginates in SQL instead (`filtered_queryset`, the support
finder): each facet names the field its values are (`field`, through a many-to-many relation
when `many`), so the time a page takes does not grow with the items either. The news, the
publications, the agenda and the partners still count in Python (they read every item for
their next expiry or their own ordering anyway).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from actortypes.models import ActorType
from pages.listings import paginate

PAGE_PARAMETER = "page"


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    name: str  # the query parameter
    legend: str
    options: list[Option] = field(default_factory=list)
    # For filtered_queryset: the field (or lookup, "actor_types__slug") the option values are
    # values of, and whether it goes through a many-to-many relation.
    field: str = ""
    many: bool = False

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def choose(facets, request):
    """Marks the options the request selected. Returns ({facet name: set of chosen values},
    is_canonical): False when the address repeats a value or holds one the facet does not know
    (such a page is shown, but not stored in the page cache)."""
    is_canonical = True
    selected = {}
    for facet in facets:
        asked = request.GET.getlist(facet.name)
        known = {option.value for option in facet.options}
        if len(set(asked)) != len(asked) or not set(asked) <= known:
            is_canonical = False
        selected[facet.name] = set(asked) & known
        for option in facet.options:
            option.selected = option.value in selected[facet.name]
    return selected, is_canonical


def matches(keys, selected, skip=None):
    """Whether an item's keys ({facet name: the values it matches}) fit every facet's choice
    (any of the chosen values within one facet), leaving out the facet named `skip`."""
    return all(
        not chosen or keys[name] & chosen for name, chosen in selected.items() if name != skip
    )


def count_and_filter(facets, keyed, selected):
    """Sets each option's count and returns the items that match every facet, in order.

    `keyed` is a list of (item, keys) pairs, keys as for `matches`."""
    for facet in facets:
        candidates = [keys for _item, keys in keyed if matches(keys, selected, skip=facet.name)]
        for option in facet.options:
            option.count = sum(option.value in keys[facet.name] for keys in candidates)
    return [item for item, keys in keyed if matches(keys, selected)]


def page_is_canonical(results_page, request):
    """False when the address asks for a page number other than the one shown (an invalid or too
    high number gives the first or last page)."""
    asked = request.GET.getlist(PAGE_PARAMETER)
    return not asked or asked == [str(results_page.number)]


def normalised_query(facets, page_number=1):
    """The query of a filtered page ("?provincie=limburg&voor=…": sorted, known values only,
    the page number from 2 on), or "" for the first unfiltered page."""
    pairs = sorted((facet.name, option.value) for facet in facets for option in facet.selected)
    if page_number > 1:
        pairs.append((PAGE_PARAMETER, str(page_number)))
    return "?" + urlencode(pairs) if pairs else ""


def actor_type_facet():
    """ "For whom" (voor=<slug>): every published actor type, in the editors' order."""
    actor_types = ActorType.objects.live().only("slug", "name")
    return Facet("voor", _("For whom"), [Option(a.slug, a.name) for a in actor_types])


def actor_type_slugs(page):
    """The slugs of a page's actor types (prefetched by the listing), for its "voor" keys."""
    return {actor_type.slug for actor_type in page.actor_types.all()}


@dataclass
class Listing:
    """One page of a filtered listing, with its filters (see filtered_listing)."""

    facets: list[Facet]
    results: object  # a Django Page of items
    result_count: int
    selected_count: int
    # False when the address holds choices the listing does not know or a page that does not
    # exist: such a response is shown, but not stored in the page cache.
    is_canonical: bool

    @property
    def query(self):
        """The normalised query of this page, for its canonical address (normalised_query)."""
        return normalised_query(self.facets, self.results.number)

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def _chosen_q(facet, chosen, model):
    """Items with any of the chosen values of the facet; a many-to-many facet as a subquery, so
    an item with two chosen values is still one item."""
    if facet.many:
        return Q(pk__in=model.objects.filter(**{f"{facet.field}__in": chosen}).values("pk"))
    return Q(**{f"{facet.field}__in": chosen})


def _matching_q(facets, selected, model, skip=None):
    """Items that fit every facet's choice but the one named `skip`; None when nothing is
    chosen."""
    q = Q()
    for facet in facets:
        if facet.name != skip and selected[facet.name]:
            q &= _chosen_q(facet, selected[facet.name], model)
    return q or None


def count_and_filter_queryset(facets, queryset, selected, **over_all):
    """As count_and_filter, in SQL: sets each option's count and returns (the queryset of the
    items that match every facet, without an order; their number; {name: value} of the
    `over_all` aggregates, computed over the whole queryset, e.g. expiry=Min("expire_at")).

    One aggregate query counts the options of the facets on the items' own fields, and the
    matching items (and computes `over_all`); one grouped query per many-to-many facet counts
    its options."""
    model = queryset.model
    queryset = queryset.order_by()  # no ordering: it would end up in the GROUP BY
    aggregates = {
        **{f"over_all_{name}": aggregate for name, aggregate in over_all.items()},
        "total": Count("pk", filter=_matching_q(facets, selected, model)),
    }
    for number, facet in enumerate(facets):
        others = _matching_q(facets, selected, model, skip=facet.name)
        if facet.many:
            rows = queryset.filter(others or Q()).values(facet.field).annotate(count=Count("pk"))
            by_value = {row[facet.field]: row["count"] for row in rows}
            for option in facet.options:
                option.count = by_value.get(option.value, 0)
            continue
        for index, option in enumerate(facet.options):
            option_q = Q(**{facet.field: option.value})
            aggregates[f"option_{number}_{index}"] = Count(
                "pk", filter=option_q & others if others else option_q
            )
    counts = queryset.aggregate(**aggregates)
    for number, facet in enumerate(facets):
        for index, option in enumerate(facet.options if not facet.many else []):
            option.count = counts[f"option_{number}_{index}"]
    matching = _matching_q(facets, selected, model)
    found = {name: counts[f"over_all_{name}"] for name in over_all}
    return (queryset.filter(matching) if matching else queryset), counts["total"], found


def filtered_listing(items, listing_facets, keys, request):
    """The listing for this request over items (already in listing order): the facets with
    their counts and choices, and one page of the items that match. keys(item) returns
    {facet name: the values the item matches}."""
    selected, is_canonical = choose(listing_facets, request)
    results = count_and_filter(listing_facets, [(item, keys(item)) for item in items], selected)
    results_page = paginate(results, request)
    return Listing(
        facets=listing_facets,
        results=results_page,
        result_count=len(results),
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical and page_is_canonical(results_page, request),
    )
