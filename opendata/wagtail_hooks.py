"""What the open data app adds to pages it does not own, through hooks called by name: the
<link rel="alternate"> to the feeds and data that belong to a page (pages.templatetags.seo_tags
calls every "feed_links" hook)."""

from wagtail import hooks

from opendata.catalogue import dataset
from opendata.models import OpenDataPage
from pages.models import AboutPage, HomePage
from support.models import CallIndexPage, SupportIndexPage


def link(request, key, actor_type=None):
    item = dataset(key)
    query = f"?voor={actor_type.slug}" if actor_type else ""
    title = f"{item.title} ({item.format})"
    if actor_type:
        title = f"{item.title}: {actor_type.name} ({item.format})"
    return {
        "href": request.build_absolute_uri(item.path() + query),
        "type": item.media_type,
        "title": title,
    }


@hooks.register("feed_links")
def open_data_links(request, page, actor_type):
    """The feeds of what a page lists: the calls on the calls overview, the measures on the
    finder, an actor type's own on its page, the calls on the home page and everything on the
    open-data page. Costs no query."""
    if actor_type is not None and isinstance(page, AboutPage):
        return [
            link(request, key, actor_type) for key in ("calls-atom", "calls-json", "measures-json")
        ]
    if isinstance(page, CallIndexPage):
        return [link(request, "calls-atom"), link(request, "calls-json")]
    if isinstance(page, SupportIndexPage):
        return [link(request, "measures-json")]
    if isinstance(page, HomePage):
        return [link(request, "calls-atom")]
    if isinstance(page, OpenDataPage):
        return [link(request, key) for key in ("calls-atom", "calls-json", "measures-json")]
    return []
