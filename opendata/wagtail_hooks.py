"""What the open data app adds to pages it does not own, through hooks called by name: the
<link rel="alternate"> to the feeds and data that belong to a page (pages.templatetags.seo_tags
calls every "feed_links" hook)."""

from wagtail import hooks

from newsroom.models import EventIndexPage, NewsIndexPage
from opendata.catalogue import DATASETS, absolute_url, dataset
from opendata.models import OpenDataPage
from pages.models import AboutPage, HomePage
from support.models import CallIndexPage, SupportIndexPage

# What an actor page links: everything there is per actor type.
ACTOR_TYPE_DATASETS = [item.key for item in DATASETS if item.per_actor_type]


def link(request, key, actor_type=None):
    item = dataset(key)
    query = f"?voor={actor_type.slug}" if actor_type else ""
    title = f"{item.title} ({item.format})"
    if actor_type:
        title = f"{item.title}: {actor_type.name} ({item.format})"
    return {
        "href": absolute_url(request, item.path() + query),
        "type": item.media_type,
        "title": title,
    }


@hooks.register("feed_links")
def open_data_links(request, page, actor_type):
    """The feeds of what a page lists: the news on the news overview, the calls on the calls
    overview, the measures on the finder, the agenda on the agenda (and its archive), an actor
    type's own on its page, the news, the calls and the agenda on the home page and everything
    on the open-data page. Costs no query."""
    if actor_type is not None and isinstance(page, AboutPage):
        return [link(request, key, actor_type) for key in ACTOR_TYPE_DATASETS]
    if isinstance(page, CallIndexPage):
        return [link(request, "calls-atom"), link(request, "calls-json")]
    if isinstance(page, NewsIndexPage):
        return [link(request, "news-atom")]
    if isinstance(page, EventIndexPage):
        return [link(request, "events-ics"), link(request, "events-json")]
    if isinstance(page, SupportIndexPage):
        return [link(request, "measures-json")]
    if isinstance(page, HomePage):
        return [
            link(request, "news-atom"),
            link(request, "calls-atom"),
            link(request, "events-ics"),
        ]
    if isinstance(page, OpenDataPage):
        return [link(request, dataset.key) for dataset in DATASETS]
    return []
