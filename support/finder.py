"""The support finder at /ondersteuning/: measures filtered by who you are (voor), the kind of
support (soort) and the status, from a plain GET form.

Each option shows how many measures choosing it would give, counted the usual faceted way:
with the other filters applied and this one's choices replaced by the option. All counting is
done in Python over the listed measures, so the finder costs the same few queries for 10 or
500 measures.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from actortypes.models import ActorType
from pages import clock, facets
from pages.facets import Facet, Option
from support import listings
from support.models import MeasureStatus, SupportKind

# The query parameters the finder reads; serving.middleware caches finder pages per set of them.
FILTER_PARAMETERS = ("voor", "soort", "status")


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
        return facets.normalised_query(self.facets, self.results.number)

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
    finder_facets = [
        Facet(
            "voor",
            _("For whom"),
            [Option(a.slug, a.name) for a in ActorType.objects.live().only("slug", "name")],
        ),
        Facet("soort", _("Kind of support"), [Option(v, lbl) for v, lbl in SupportKind.choices]),
        Facet("status", _("Status"), [Option(v, lbl) for v, lbl in MeasureStatus.choices]),
    ]
    selected, is_canonical = facets.choose(finder_facets, request)
    keyed = [(measure, measure_keys(measure)) for measure in measures]
    results = facets.count_and_filter(finder_facets, keyed, selected)
    results_page = listings.paginate(results, request)
    return Finder(
        facets=finder_facets,
        results=results_page,
        result_count=len(results),
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical and facets.page_is_canonical(results_page, request),
    )
