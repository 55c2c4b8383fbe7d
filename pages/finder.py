"""Listings filtered from a plain GET form: the support finder, news and publications.

A listing has facets (a query parameter each, e.g. voor=maatwerkbedrijven); choices within one
facet give either, choices in two facets give both. Each option shows how many items choosing
it would give, counted the usual faceted way: with the other facets applied and this one's
choices replaced by the option. All counting is done in Python over the listed items, so a
listing costs the same few queries for 10 or 500 items.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from actortypes.models import ActorType

PAGE_PARAMETER = "page"
PER_PAGE = 20


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

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


@dataclass
class Finder:
    facets: list[Facet]
    results: object  # a Django Page of items
    result_count: int
    selected_count: int
    # False when the address holds choices the finder does not know or a page that does not
    # exist: such a response is shown, but not stored in the page cache.
    is_canonical: bool

    @property
    def query(self):
        """The normalised query of this page ("?soort=advice&voor=…", sorted, known values
        only, the page number from 2 on), or "" for the first unfiltered page."""
        pairs = sorted(
            (facet.name, option.value) for facet in self.facets for option in facet.selected
        )
        if self.results.number > 1:
            pairs.append((PAGE_PARAMETER, str(self.results.number)))
        return "?" + urlencode(pairs) if pairs else ""

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def actor_type_facet():
    """ "For whom" (voor=<slug>): every published actor type, in the editors' order."""
    actor_types = ActorType.objects.live().only("slug", "name")
    return Facet("voor", _("For whom"), [Option(a.slug, a.name) for a in actor_types])


def actor_type_slugs(page):
    """The slugs of a page's actor types (prefetched by the listing), for its "voor" key."""
    return {actor_type.slug for actor_type in page.actor_types.all()}


def paginate(items, request, per_page=PER_PAGE):
    """A page of the list; an invalid number gives the first page, a too high one the last."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))


def find(items, facets, keys, request, per_page=PER_PAGE):
    """The finder for this request over items (already in listing order): the facets with
    their counts and selections, and one page of the matching items. keys(item) returns
    {facet name: set of the option values the item matches}."""
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

    keyed = [(item, keys(item)) for item in items]

    def matches(item_keys, skip=None):
        return all(
            not chosen or item_keys[name] & chosen
            for name, chosen in selected.items()
            if name != skip
        )

    for facet in facets:
        candidates = [item_keys for _item, item_keys in keyed if matches(item_keys, facet.name)]
        for option in facet.options:
            option.count = sum(option.value in item_keys[facet.name] for item_keys in candidates)

    results = [item for item, item_keys in keyed if matches(item_keys)]
    results_page = paginate(results, request, per_page)
    asked_page = request.GET.getlist(PAGE_PARAMETER)
    if asked_page and asked_page != [str(results_page.number)]:
        is_canonical = False
    return Finder(
        facets=facets,
        results=results_page,
        result_count=len(results),
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical,
    )
