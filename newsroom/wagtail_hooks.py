"""What the newsroom adds to pages it does not own, through hooks called by name."""

from wagtail import hooks

from newsroom import agenda
from newsroom.models import EventIndexPage
from pages import clock


@hooks.register("home_page_sections")
def next_events(request):
    """ "Volgende activiteiten": the next events, until the first of them starts, ends or
    expires (then another may take its place)."""
    at = clock.now()
    events = agenda.home_page_events(at)
    index_page = EventIndexPage.objects.live().first()
    return [
        {
            "template": "newsroom/home_events.html",
            "context": {"events": events, "index_page": index_page},
            "expires_at": agenda.next_change(events, at),
        }
    ]
