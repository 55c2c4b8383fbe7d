"""The support finder at /ondersteuning/: measures filtered by who you are (voor), the kind of
support (soort) and the status, from a plain GET form.

Each option shows how many measures choosing it would give, counted the usual faceted way:
with the other filters applied and this one's choices replaced by the option. Counting,
filtering, ordering and pagination happen in SQL (pages.facets.count_and_filter_queryset), and
only the measures of the page shown are read: the finder costs the same few queries, and about
the same time, with 10 or 5,000 measures. Its first page for each set of known filters is then
kept as a fragment until the next publish or a listed measure's expiry, and rendered (the
template's fragment) as long: a view of a kept render reads nothing of the finder's results.
"""

from django.db.models import Min
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from fragments.cache import note_until, remember_until
from pages import clock, facets
from pages.facets import Facet, Option
from pages.models import AboutPage
from support import listings
from support.models import MeasureStatus, SupportKind

# The query parameters the finder reads; serving.middleware caches finder pages per set of them.
FILTER_PARAMETERS = ("voor", "soort", "status")


class Finder:
    """The finder for one request: its facets (with their counts), one page of results and
    what the view needs to know about them.

    The results and counts of a first page with known filters are read when first used: the
    template keeps that page's form and results rendered (its fragment), and a kept render reads
    nothing, not even the fragment they come from.
    """

    def __init__(self, facets, selected_count, is_canonical, page_number, kept, find):
        self._facets = facets
        self.selected_count = selected_count
        # False when the address holds choices the finder does not know or a page that does
        # not exist: such a response is shown, but not stored in the page cache.
        self.is_canonical = is_canonical
        self.page_number = page_number
        # Whether this view shows the first page of a set of known filters and nothing else
        # from its address, and so may be kept rendered (the template's fragment).
        self.kept = kept
        self._find = find  # () -> (a Django Page of measures, their number, kept until)

    @cached_property
    def _found(self):
        return self._find()

    @property
    def facets(self):
        """The facets, each option with the number of measures choosing it would give."""
        self._found  # noqa: B018 (reading the results sets the options' counts)
        return self._facets

    @property
    def results(self):
        """The page of measures shown (a Django Page)."""
        return self._found[0]

    @property
    def result_count(self):
        return self._found[1]

    @property
    def kept_until(self):
        """Until when the results hold (an aware datetime, UTC), or None: until the next
        publish."""
        return self._found[2]

    @property
    def query(self):
        """The normalised query of this finder page ("?soort=advice&voor=…", sorted, known
        values only, the page number from 2 on), or "" for the first unfiltered page."""
        return facets.normalised_query(self._facets, self.page_number)

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def find_measures(index_page, request):
    """The finder for this request: the facets with their counts and one page of results."""
    at = clock.now()

    def measures():
        # The list shows titles and summaries: the bodies are not read (nor kept in the
        # fragment).
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
    selected_count = sum(len(chosen) for chosen in selected.values())

    def find():
        """(the page of measures asked for, their number, the first listed measure's expiry)"""
        results, count, found = facets.count_and_filter_queryset(
            finder_facets, measures(), selected, expiry=Min("expire_at")
        )
        results_page = listings.paginate(listings.measures_in_order(results), request, count=count)
        return results_page, count, found["expiry"]

    # Whether the address holds nothing the finder does not read (?provincie=… is another
    # listing's, ?utm_source=… a newsletter's): otherwise the page is shown, but its rendering
    # is not kept and the page cache does not store it.
    only_filters = set(request.GET) <= {*FILTER_PARAMETERS, facets.PAGE_PARAMETER}
    if is_canonical and facets.PAGE_PARAMETER not in request.GET:
        # A first page with known filters (the finder as most visitors see it) is a fragment
        # (fragments.cache) until a listed measure expires: its next view asks no query.
        def first_page():
            results_page, count, expiry = find()
            # By option value: a request that began before an actor type was published may
            # hold the older list of options.
            counts = {
                facet.name: {option.value: option.count for option in facet.options}
                for facet in finder_facets
            }
            return (list(results_page), count, counts, expiry), expiry

        def found():
            key = f"finder-page:{index_page.pk}:{facets.normalised_query(finder_facets)}"
            shown, count, counts, until = remember_until(request, key, first_page)
            for facet in finder_facets:
                for option in facet.options:
                    option.count = counts[facet.name].get(option.value, 0)
            return listings.paginate(shown, request, count=count), count, until

        return Finder(
            finder_facets,
            selected_count,
            only_filters,
            page_number=1,
            # Rendered, it is kept only when the address holds nothing else: its page links
            # repeat the address's parameters.
            kept=only_filters,
            find=found,
        )

    # Another page, or filters the finder does not know: computed for this view only. Its page of
    # measures changes when any listed measure expires, which the response's max-age says.
    results_page, result_count, expiry = find()
    note_until(request, expiry)
    return Finder(
        finder_facets,
        selected_count,
        is_canonical and only_filters and facets.page_is_canonical(results_page, request),
        page_number=results_page.number,
        kept=False,
        find=lambda: (results_page, result_count, expiry),
    )
