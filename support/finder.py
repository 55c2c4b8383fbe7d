"""The support finder at /ondersteuning/: measures filtered by who you are (voor), the kind of
support (soort) and the status, from a plain GET form.

Each option shows how many measures choosing it would give, counted the usual faceted way:
with the other filters applied and this one's choices replaced by the option. All counting is
done in Python over the listed measures, so the finder costs the same few queries for 10 or
500 measures.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from actortypes.models import ActorType
from pages import clock
from support import listings
from support.models import MeasureStatus, SupportKind

# The query parameters the finder reads; serving.middleware caches finder pages per set of them.
FILTER_PARAMETERS = ("voor", "soort", "status")
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
class Finder:
    facets: list[Facet]
    results: object  # a Django Page of measures
    result_count: int
    selected_count: int
    # False when the address holds choices the finder does not know or a page that does not
    # exist: such a response is shown, but not stored in the page cache.
    is_canonical: bool

    @property
    def query(self):
        """The normalised query of this finder page ("?soort=advice&voor=…", sorted, known
        values only, the page number from 2 on), or "" for the first unfiltered page."""
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


def measure_keys(measure):
    """The values of each filter that a measure matches."""
    return {
        "voor": {actor_type.slug for actor_type in measure.actor_types.all()},
        "soort": {measure.kind},
        "status": {measure.status},
    }


def find_measures(index_page, request):
    """The finder for this request: the facets with their counts and one page of results."""
    at = clock.now()
    measures = listings.sort_measures(
        listings.listed_measures(at).descendant_of(index_page).prefetch_related("actor_types")
    )
    facets = [
        Facet(
            "voor",
            _("For whom"),
            [Option(a.slug, a.name) for a in ActorType.objects.live().only("slug", "name")],
        ),
        Facet("soort", _("Kind of support"), [Option(v, lbl) for v, lbl in SupportKind.choices]),
        Facet("status", _("Status"), [Option(v, lbl) for v, lbl in MeasureStatus.choices]),
    ]
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

    keyed = [(measure, measure_keys(measure)) for measure in measures]

    def matches(keys, skip=None):
        return all(
            not chosen or keys[name] & chosen for name, chosen in selected.items() if name != skip
        )

    for facet in facets:
        candidates = [keys for _measure, keys in keyed if matches(keys, skip=facet.name)]
        for option in facet.options:
            option.count = sum(option.value in keys[facet.name] for keys in candidates)

    results = [measure for measure, keys in keyed if matches(keys)]
    results_page = listings.paginate(results, request)
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
