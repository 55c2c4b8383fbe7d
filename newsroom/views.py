from newsroom.models.events import CALENDAR_ROUTE
from serving.views import serve


def calendar_file(request, path):
    """Serves "<page address>agenda.ics" through Wagtail, as the page's calendar route: page
    addresses cannot hold a dot, calendar clients want one. Wagtail's serve checks that the
    page is live and may be seen (view restrictions), as for the page itself."""
    return serve(request, f"{path}{CALENDAR_ROUTE}/")
