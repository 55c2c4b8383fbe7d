"""What the support app adds to pages it does not own, through hooks called by name.

The actor page (served below Over ons) asks every "actor_type_sections" hook for sections to
show, the home page every "home_page_sections" hook; this keeps actortypes and pages free of
any import of support.
"""

from wagtail import hooks

from pages import clock
from pages.references import overview_url
from support import listings
from support.models import CallIndexPage, CallStatus

HOME_PAGE_CALLS = 3


@hooks.register("actor_type_sections")
def support_for_actor_type(request, actor_type):
    """The live measures for this actor type, and its calls open now or opening soon."""
    at = clock.now()
    measures = listings.sort_measures(listings.listed_measures(at).filter(actor_types=actor_type))
    calls = [
        call
        for call in listings.sorted_calls(
            listings.listed_calls(at).filter(actor_types=actor_type), at
        )
        if call.status(at) != CallStatus.CLOSED
    ]
    call_index = CallIndexPage.objects.live().first()
    return [
        {
            "template": "support/actor_type_support.html",
            "context": {
                "actor_type": actor_type,
                "measures": measures,
                "calls": calls,
                "call_index": call_index,
            },
            "expires_at": listings.next_change([*measures, *calls], at),
        }
    ]


# The home page shows its sections in hook order (see newsroom.wagtail_hooks).
@hooks.register("home_page_sections", order=10)
def open_calls_on_the_home_page(request):
    """ "Open oproepen": the calls open now, soonest deadline first, at most HOME_PAGE_CALLS;
    the section is kept until a call opens or closes."""
    at = clock.now()
    # Only calls with a round still to close can be open now or open later.
    current = listings.listed_calls(at).filter(rounds__closes_at__gt=at).distinct()
    calls = listings.sorted_calls(current, at)
    open_calls = [call for call in calls if call.status(at) == CallStatus.OPEN]
    return [
        {
            "template": "support/home_open_calls.html",
            "context": {
                "calls": open_calls[:HOME_PAGE_CALLS],
                "more": len(open_calls) > HOME_PAGE_CALLS,
                "call_index_url": overview_url(CallIndexPage, request),
            },
            "expires_at": listings.next_change(calls, at),
        }
    ]
