"""What the support pages list, and until when a page that lists calls stays true.

Every listing takes a fixed number of queries however much content there is: rounds and actor
types are prefetched, sorting and counting happen in Python.
"""

from pages.listings import listable, paginate  # noqa: F401 (paginate: the support pages use it)
from pages.models import AboutPage
from support.models import CallPage, CallStatus, MeasurePage, MeasureStatus

MEASURE_STATUS_ORDER = {
    MeasureStatus.OPEN: 0,
    MeasureStatus.PHASING_OUT: 1,
    MeasureStatus.CLOSED: 2,
}


def listed_measures(at):
    """Live, public, unexpired measures, open ones first, then by title."""
    return listable(MeasurePage.objects.all(), at)


def sort_measures(measures):
    return sorted(measures, key=lambda m: (MEASURE_STATUS_ORDER.get(m.status, 9), m.title.lower()))


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
