"""The support finder at /ondersteuning/: measures filtered by who you are (voor), the kind of
support (soort) and the status, from a plain GET form.

Each option shows how many measures choosing it would give, counted the usual faceted way:
with the other filters applied and this one's choices replaced by the option. Counting,
filtering, ordering and pagination happen in SQL (pages.facets.count_and_filter_queryset), and
only the measures of the page shown are read: the finder costs the same few queries, and about
the same time, with 10 or 5,000 measures. Its first page for each set of known filters is then
kept as a fragment until the next publish or a listed measure's expiry.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from fragments.cache import remember_until
from pages import clock, facets
from pages.facets import Facet, Option
from pages.models import AboutPage
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
    # Whether this view shows the first page of a set of known filters and nothing else from
    # its address, and so may be kept rendered (the template's fragment) until kept_until (an
    # aware datetime, UTC; None: until the next publish).
    kept: bool = False
    kept_until: datetime | None = None

    @property
    def query(self):
        """The normalised query of this finder page ("?soort=advice&voor=…", sorted, known
        values only, the page number from 2 on), or "" for the first unfiltered page."""
        return facets.normalised_query(self.facets, self.results.number)

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def find_measures(index_page, request):
    """The finder for this request: the facets with their counts and one page of results."""
    at = clock.now()

    def measures():
        # The list shows titles and summaries: the bodies are not read (nor kept in the
        # fragment). Built only when needed: a kept first page builds no queryset (building
        # one, its filters and subqueries, was a fifth of an uncached view).
        return listings.listed_measures(at).descendant_of(index_page).defer("body")

    # The published actor types come from a site-wide fragment (fragments.cache): no query.
    actor_types = [actor_type for actor_type, _url in AboutPage.published_actor_type_links(request)]
    finder_facets = [
        Facet(
            "voor",
            _("For whom"),
            [Option(a.slug, a.name) for a in actor_types],
            field="actor_types__slug",
            many=True,
        ),
        Facet(
            "soort",
            _("Kind of support"),
            [Option(v, lbl) for v, lbl in SupportKind.choices],
            field="kind",
        ),
        Facet(
            "status",
            _("Status"),
            [Option(v, lbl) for v, lbl in MeasureStatus.choices],
            field="status",
        ),
    ]
    selected, is_canonical = facets.choose(finder_facets, request)

    def find():
        results, count = facets.count_and_filter_queryset(finder_facets, measures(), selected)
        return listings.paginate(listings.measures_in_order(results), request, count=count), count

    first_page_view = is_canonical and facets.PAGE_PARAMETER not in request.GET
    # Rendered, it is kept only when the address holds nothing else: its page links repeat the
    # address's parameters.
    kept = first_page_view and set(request.GET) <= set(FILTER_PARAMETERS)
    kept_until = None
    if first_page_view:
        # A first page with known filters (the finder as most visitors see it) is a fragment
        # (fragments.cache) until a listed measure expires: its next view asks no query.
        def first_page():
            results_page, count = find()
            # By option value: a request that began before an actor type was published may
            # hold the older list of options.
            counts = {
                facet.name: {option.value: option.count for option in facet.options}
                for facet in finder_facets
            }
            expiry = measures().aggregate(expiry=Min("expire_at"))["expiry"]
            return (list(results_page), count, counts, expiry), expiry

        key = f"finder-page:{index_page.pk}:{facets.normalised_query(finder_facets)}"
        shown, result_count, counts, kept_until = remember_until(request, key, first_page)
        for facet in finder_facets:
            for option in facet.options:
                option.count = counts[facet.name].get(option.value, 0)
        results_page = listings.paginate(shown, request, count=result_count)
    else:
        results_page, result_count = find()
    return Finder(
        facets=finder_facets,
        results=results_page,
        result_count=result_count,
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical and facets.page_is_canonical(results_page, request),
        kept=kept,
        kept_until=kept_until,
    )
