"""Filters for a listing, as a plain GET form of checkboxes (the support finder, the agenda).

A listing names its facets (a query parameter and its options); `choose` reads which options a
request selected, `count_and_filter` counts, per option, how many items choosing it would give
(with the other facets applied and this one's choices replaced by the option: the usual faceted
way) and returns the items that match every facet. Counting happens in Python over items the
listing read with a fixed number of queries, so filters cost no query per item.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

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
