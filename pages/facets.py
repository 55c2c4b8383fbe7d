"""Filtering a listing on facets from a plain GET form, shared by the support finder and the
partner list: each facet is a query parameter ("voor", "soort", …), each option one of its
values, and each option shows how many items choosing it would give.

Counting is the usual faceted way: with the other facets' choices applied and this one's
choices replaced by the option. It happens in Python over items already loaded, so a listing
costs the same queries however many items it has.
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


@dataclass
class Filtered:
    """The items that match every chosen option, and what the request asked for."""

    items: list
    selected_count: int
    # False when the address holds a value the facets do not know, or one value twice.
    is_canonical: bool


def apply_facets(facets, keyed_items, request):
    """Marks the options the request chose, counts every option and returns the matching items
    as a Filtered. keyed_items are (item, {facet name: set of the values it matches}) pairs."""
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

    def matches(keys, skip=None):
        return all(
            not chosen or keys[name] & chosen for name, chosen in selected.items() if name != skip
        )

    for facet in facets:
        candidates = [keys for _item, keys in keyed_items if matches(keys, skip=facet.name)]
        for option in facet.options:
            option.count = sum(option.value in keys[facet.name] for keys in candidates)

    return Filtered(
        items=[item for item, keys in keyed_items if matches(keys)],
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical,
    )


def is_known_page(results_page, request):
    """Whether the page number in the address, if any, is the page shown (not one that does not
    exist or is written oddly, which the paginator replaces)."""
    asked = request.GET.getlist(PAGE_PARAMETER)
    return not asked or asked == [str(results_page.number)]


def canonical_query(facets, results_page):
    """The normalised query of a filtered listing ("?soort=advice&voor=…", sorted, known values
    only, the page number from 2 on), or "" for the first unfiltered page."""
    pairs = sorted((facet.name, option.value) for facet in facets for option in facet.selected)
    if results_page.number > 1:
        pairs.append((PAGE_PARAMETER, str(results_page.number)))
    return "?" + urlencode(pairs) if pairs else ""
