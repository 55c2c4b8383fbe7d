"""What the support app adds to pages it does not own, through hooks called by name.

The actor page (served below Over ons) asks every "actor_type_sections" hook for sections to
show, the home page every "home_page_sections" hook; this keeps actortypes and pages free of
any import of support.
"""

from urllib.parse import urlencode

from django.db.models import Case, Min, Sum, Value, When
from wagtail import hooks

from fragments.cache import remember_until
from pages import clock
from pages.references import overview_url
from pages.sections import Section
from support import listings
from support.models import CallIndexPage, SupportIndexPage

HOME_PAGE_CALLS = 3
# An actor page shows this many measures and as many current calls, and links to the rest.
ACTOR_PAGE_ITEMS = 10


@hooks.register("actor_type_sections")
def support_for_actor_type(request, actor_type):
    """The first ACTOR_PAGE_ITEMS live measures for this actor type (open ones first) and of its
    calls open now or opening soon (soonest deadline first), each with their total and a link to
    the full list; selected, counted and sorted in SQL. The section is kept until one of them
    expires or any call of this actor type opens or closes a round (one that is not shown yet may
    then be); what it lists is a fragment until then (fragments.cache), so the page's next view
    asks nothing of it, and is read only when the page renders the section anew."""

    def support():
        at = clock.now()
        measures, measure_totals = listings.first_of(
            listings.measures_in_order(
                listings.listed_measures(at).filter(actor_types=actor_type).defer("body")
            ),
            ACTOR_PAGE_ITEMS,
            expiry=Min("expire_at"),  # listed pages expire after `at` if at all
        )
        calls, call_totals = listings.first_of(
            listings.current_calls_in_order(
                listings.listed_calls(at).filter(actor_types=actor_type).defer("body"), at
            ),
            ACTOR_PAGE_ITEMS,
            expiry=Min("expire_at"),
            round_change=Min("next_round_change"),
        )
        expires_at = clock.earliest(
            [measure_totals["expiry"], call_totals["expiry"], call_totals["round_change"]]
        )
        found = (measures, measure_totals["total"], calls, call_totals["total"], expires_at)
        return found, expires_at

    def context():
        # The listing depends on the actor type's id only (a preview, also of an unsaved one,
        # keeps nothing: fragments.cache).
        found = remember_until(request, f"actor-type-support:{actor_type.pk}", support)
        measures, measure_count, calls, call_count, expires_at = found
        finder_url = overview_url(SupportIndexPage, request)
        return {
            "actor_type": actor_type,
            "measures": measures,
            "measure_count": measure_count,
            "measures_url": f"{finder_url}?{urlencode({'voor': actor_type.slug})}"
            if finder_url
            else None,
            "calls": calls,
            "call_count": call_count,
            "calls_url": overview_url(CallIndexPage, request),
        }, expires_at

    return [Section("support/actor_type_support.html", context)]


# The home page shows its sections in hook order (see newsroom.wagtail_hooks).
@hooks.register("home_page_sections", order=10)
def open_calls_on_the_home_page(request):
    """ "Open oproepen": the calls open now, soonest deadline first, at most HOME_PAGE_CALLS;
    the section is kept until a call opens or closes, and what it lists is a fragment until then."""

    def open_calls():
        at = clock.now()
        # The current calls, open ones first: the first few of them, how many are open, and when
        # any of them next changes (an upcoming one opening too), in one query.
        first, totals = listings.first_of(
            listings.current_calls_in_order(listings.listed_calls(at).defer("body"), at),
            HOME_PAGE_CALLS,
            open=Sum(Case(When(status_rank=0, then=Value(1)), default=Value(0))),
            expiry=Min("expire_at"),
            round_change=Min("next_round_change"),
        )
        expires_at = clock.earliest([totals["expiry"], totals["round_change"]])
        calls = [call for call in first if call.status_rank == 0]
        return (calls, (totals["open"] or 0) > HOME_PAGE_CALLS, expires_at), expires_at

    calls, more, expires_at = remember_until(request, "home-open-calls", open_calls)
    context = {"calls": calls, "more": more, "call_index_url": overview_url(CallIndexPage, request)}
    return [Section.of("support/home_open_calls.html", context, expires_at)]
