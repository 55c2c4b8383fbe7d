"""What the support pages list, and until when a page that lists calls stays true.

Every listing takes a fixed number of queries however much content there is, and the long ones
also a fixed amount of work in Python: the finder, the actor pages and the calls overview filter,
count, sort and paginate in SQL and read only the pages they show (with their rounds and actor
types prefetched). The open data and a measure's own calls still sort in Python (sorted_calls)
what they list in full.
"""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Value, When
from django.db.models.expressions import Subquery, Window
from django.db.models.functions import Coalesce, Lower
from django.utils.functional import cached_property

from fragments.cache import note_until, remember_until
from pages.facets import PAGE_PARAMETER
from pages.listings import listable, paginate
from pages.models import AboutPage
from support.models import CallPage, CallRound, CallStatus, MeasurePage, MeasureStatus

MEASURE_STATUS_ORDER = {
    MeasureStatus.OPEN: 0,
    MeasureStatus.PHASING_OUT: 1,
    MeasureStatus.CLOSED: 2,
}
CALL_STATUS_ORDER = {CallStatus.OPEN: 0, CallStatus.UPCOMING: 1, CallStatus.CLOSED: 2}


def listed_measures(at):
    """Live, public, unexpired measures, open ones first, then by title."""
    return listable(MeasurePage.objects.all(), at)


def sort_measures(measures):
    return sorted(measures, key=lambda m: (MEASURE_STATUS_ORDER.get(m.status, 9), m.title.lower()))


def measures_in_order(queryset):
    """The queryset in sort_measures' order, in SQL: open, phasing out, closed, then by title
    (case-insensitive; on PostgreSQL by the database's collation), then tree order."""
    rank = Case(
        *(When(status=status, then=Value(order)) for status, order in MEASURE_STATUS_ORDER.items()),
        default=Value(9),
        output_field=IntegerField(),
    )
    return queryset.order_by(rank, Lower("title"), "path")


def listed_calls(at):
    """Live, public, unexpired calls with their rounds."""
    return listable(CallPage.objects.all(), at).prefetch_related("rounds")


def sorted_calls(calls, at):
    """Open calls first (soonest deadline first), then opening soon (soonest first), then
    closed calls (most recently closed first)."""

    def key(call):
        status = call.status(at)
        if status == CallStatus.OPEN:
            return (0, call.current_round(at).closes_at.timestamp())
        if status == CallStatus.UPCOMING:
            return (1, call.current_round(at).opens_at.timestamp())
        closed_at = call.closed_at()
        return (2, -closed_at.timestamp() if closed_at else 0)

    return sorted(calls, key=key)


def _first_round_moment(rounds, field):
    return Subquery(rounds.order_by("opens_at", "sort_order").values(field)[:1])


def with_call_status(queryset, at):
    """The calls annotated, in SQL, with what CallPage.status and current_round tell at the
    moment `at` (aware datetimes, None where it does not apply): open_deadline (the current
    round's closing while open), next_opening (when the next round opens: the current round's
    opening while opening soon), status_rank (0 open, 1 opening soon, 2 closed, as
    CALL_STATUS_ORDER), last_closing (when the last round closes) and next_round_change (the
    first moment after `at` a round opens or closes). tests/test_support.py checks them against
    CallPage on calls in every state."""
    rounds = CallRound.objects.filter(page=OuterRef("pk"))
    future = rounds.filter(closes_at__gt=at).annotate(
        moment=Case(When(opens_at__gt=at, then=F("opens_at")), default=F("closes_at"))
    )
    return queryset.annotate(
        open_deadline=_first_round_moment(
            rounds.filter(opens_at__lte=at, closes_at__gt=at), "closes_at"
        ),
        next_opening=_first_round_moment(rounds.filter(opens_at__gt=at), "opens_at"),
        last_closing=Subquery(rounds.order_by("-closes_at").values("closes_at")[:1]),
        next_round_change=Subquery(future.order_by("moment").values("moment")[:1]),
    ).annotate(
        status_rank=Case(
            When(open_deadline__isnull=False, then=Value(0)),
            When(next_opening__isnull=False, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


def _round_to_close(at):
    """Calls with a round that closes after `at`: open now or opening later, i.e. not closed."""
    return Exists(CallRound.objects.filter(page=OuterRef("pk"), closes_at__gt=at))


def current_calls_in_order(queryset, at):
    """The calls open now or opening soon, as sorted_calls orders them (open ones by deadline,
    then those opening soon by opening), in SQL."""
    return with_call_status(queryset.filter(_round_to_close(at)), at).order_by(
        "status_rank", Coalesce("open_deadline", "next_opening"), "path"
    )


def closed_calls_in_order(queryset, at):
    """The closed calls, most recently closed first (calls without rounds last), in SQL."""
    last_closing = CallRound.objects.filter(page=OuterRef("pk")).order_by("-closes_at")
    return (
        queryset.filter(~_round_to_close(at))
        .annotate(last_closing=Subquery(last_closing.values("closes_at")[:1]))
        .order_by(F("last_closing").desc(nulls_last=True), "path")
    )


def first_of(queryset, limit, **window_aggregates):
    """At most `limit` items of the ordered queryset, in one query, and aggregates over all of
    them (however many): `total` (their number) and each of window_aggregates (name: an aggregate
    such as Min("expire_at")), computed as window functions before the limit. Returns (the items,
    {name: value}); with no item, the total is 0 and the other values None."""
    windows = {"window_total": Window(Count("pk"))}
    windows.update({f"window_{name}": Window(agg) for name, agg in window_aggregates.items()})
    items = list(queryset.annotate(**windows)[:limit])
    values = {"total": 0, **dict.fromkeys(window_aggregates)}
    if items:
        values = {
            name: getattr(items[0], f"window_{name}") for name in ["total", *window_aggregates]
        }
    return items, values


def next_change(pages, at):
    """The first moment after `at` at which what these pages show may change: a call's round
    opens or closes, or a listed page expires. None when nothing is due."""
    moments = []
    for page in pages:
        if isinstance(page, CallPage) and (change := page.next_change(at)):
            moments.append(change)
        if page.expire_at and page.expire_at > at:
            moments.append(page.expire_at)
    return min(moments, default=None)


def actor_type_links(actor_types, request=None):
    """(actor type, its address) pairs; the address is None while Over ons is not live."""
    about_page = AboutPage.objects.live().first()
    if about_page is None:
        return [(actor_type, None) for actor_type in actor_types]
    return about_page.actor_type_links(actor_types, request=request)


class CallsOverview:
    """The calls overview's lists for one request, read when first used: a kept render of them
    (its template's fragment) reads nothing, not even the fragment of the lists.

    open and upcoming: the calls open now and opening soon, in order; archive: the page of
    closed calls the request asks for (a Django Page); next_change: the first moment any of
    them may change (an aware datetime, or None). The first page, the one most visitors see, is
    a fragment until then (fragments.cache); any page notes that moment on the request
    (fragments.cache.note_until), which limits the response's max-age."""

    def __init__(self, index_page, request):
        self.index_page = index_page
        self.request = request

    @cached_property
    def _found(self):
        request = self.request
        if PAGE_PARAMETER in request.GET:
            current, archive, next_change = self.index_page.calls(request)
            note_until(request, next_change)
            return current, archive, next_change

        def first_page():
            current, archive, next_change = self.index_page.calls(request)
            found = (current, list(archive), archive.paginator.count, next_change)
            return found, next_change

        current, first, count, next_change = remember_until(
            request, f"calls-overview:{self.index_page.pk}", first_page
        )
        return current, paginate(first, request, count=count), next_change

    @property
    def open(self):
        return [call for call in self._found[0] if call.status_rank == 0]

    @property
    def upcoming(self):
        return [call for call in self._found[0] if call.status_rank == 1]

    @property
    def archive(self):
        return self._found[1]

    @property
    def next_change(self):
        return self._found[2]
