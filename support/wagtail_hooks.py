"""What the support app adds to pages it does not own, through hooks called by name.

The actor page (served below Over ons) asks every "actor_type_sections" hook for sections to
show; this keeps actortypes and pages free of any import of support.
"""

from wagtail import hooks

from pages import clock
from support import listings
from support.models import CallIndexPage, CallStatus


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
