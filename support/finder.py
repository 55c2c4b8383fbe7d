"""The support finder at /ondersteuning/: measures filtered by who you are (voor), the kind of
support (soort) and the status, from a plain GET form (pages.finder counts and pages)."""

from django.utils.translation import gettext_lazy as _

from pages import clock
from pages.finder import Facet, Option, actor_type_facet, actor_type_slugs, find
from support import listings
from support.models import MeasureStatus, SupportKind

# The query parameters the finder reads; serving.middleware caches finder pages per set of them.
FILTER_PARAMETERS = ("voor", "soort", "status")


def measure_keys(measure):
    """The values of each filter that a measure matches."""
    return {
        "voor": actor_type_slugs(measure),
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
        actor_type_facet(),
        Facet("soort", _("Kind of support"), [Option(v, lbl) for v, lbl in SupportKind.choices]),
        Facet("status", _("Status"), [Option(v, lbl) for v, lbl in MeasureStatus.choices]),
    ]
    return find(measures, facets, measure_keys, request)
