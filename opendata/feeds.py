"""The Atom feeds of the open data, built with Django's syndication framework.

An entry carries what a partner's site or feed reader needs to show it without a second
request: the title, the summary, the link, the actor types (as categories with their slug as
term and their name as label) and, for a call, its status and deadline (as text in the summary,
and machine-readable in our own namespace, NAMESPACE). The licence is the feed's <rights>.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, get_tag_uri
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.models import Site

from newsroom.models import NewsIndexPage
from newsroom.models.news import listed_news
from opendata.catalogue import absolute_url
from opendata.licence import rights_statement
from opendata.payloads import iso, listed_calls
from pages import clock
from pages.models import Footer
from support import listings
from support.models import CallIndexPage

# An identifier, not an address: the name of our elements in the entries (se:status,
# se:deadline). Version 1, as the JSON; it changes only with an incompatible change.
NAMESPACE = "https://www.socialeeconomie.be/open-data/ns/1"
# A feed shows the most recently changed entries; the JSON documents hold every item.
MAX_ENTRIES = 50


class OpenDataAtomFeed(Atom1Feed):
    """Atom 1.0 with our namespace's elements and labelled categories in the entries."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:se": NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for term, label, scheme in item.get("labelled_categories", ()):
            handler.addQuickElement(
                "category", "", {"term": term, "label": label, "scheme": scheme}
            )
        for name, value in item.get("extensions", ()):
            if value is not None:
                handler.addQuickElement(f"se:{name}", value)


class OpenDataFeed(Feed):
    """What every feed here shares: made per request (it keeps the request for the pages'
    addresses), for everything or for one actor type, with the licence and the department."""

    feed_type = OpenDataAtomFeed
    language = "nl-BE"

    def __init__(self, request, actor_type=None):
        super().__init__()
        self.request = request
        self.actor_type = actor_type
        self.at = clock.now()

    def get_object(self, request, *args, **kwargs):
        return self.actor_type

    def feed_guid(self):
        # The feed's own address (with ?voor=…): stable, and different for each actor type.
        return self.feed_url()

    def feed_url(self):
        return absolute_url(self.request, self.request.get_full_path())

    def feed_copyright(self):
        return rights_statement()

    def author_name(self):
        footer = Footer.for_request(self.request)
        site = Site.find_for_request(self.request)
        return (footer and footer.organisation) or (site and site.site_name) or _("Social economy")

    def actor_type_url(self):
        [(_actor_type, url)] = listings.actor_type_links([self.actor_type], self.request)
        return absolute_url(self.request, url) if url else None

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # The page's id, not its address: an entry stays the same entry when its slug changes.
        root = Site.find_for_request(self.request).root_url
        return get_tag_uri(f"{root}/pagina/{item.pk}", item.first_published_at)

    def item_guid_is_permalink(self, item):
        return False

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or self.at

    def item_extra_kwargs(self, item):
        scheme = absolute_url(self.request, "/open-data/#voor")
        return {
            "labelled_categories": [
                (actor_type.slug, actor_type.name, scheme) for actor_type in item.listed_actor_types
            ]
        }


class CallFeed(OpenDataFeed):
    """Calls, most recently changed first: published, or opened or closed a round."""

    def title(self):
        if self.actor_type:
            return _("Calls for %(actor_type)s") % {"actor_type": self.actor_type.name}
        return _("Calls")

    def subtitle(self):
        return _(
            "Calls for proposals of the Department of Work and Social Economy, with their status "
            "and deadline."
        )

    def link(self):
        if self.actor_type:
            return self.actor_type_url() or absolute_url(self.request, "/")
        call_index = CallIndexPage.objects.live().first()
        if call_index is None:
            return absolute_url(self.request, "/")
        return call_index.get_full_url(self.request)

    @cached_property
    def listed(self):
        """Every listed call (or those for the actor type), read once."""
        return listed_calls(self.actor_type, self.at)

    def items(self):
        return sorted(self.listed, key=self.item_updateddate, reverse=True)[:MAX_ENTRIES]

    def next_change(self):
        """When the feed next changes by the clock (a round of any listed call opens or closes,
        which moves it up), or None."""
        return listings.next_change(self.listed, self.at)

    def item_updateddate(self, item):
        # A call changes for its readers when it opens or closes, not only when it is published.
        passed = [
            moment
            for round in item.sorted_rounds
            for moment in (round.opens_at, round.closes_at)
            if moment <= self.at
        ]
        return max([super().item_updateddate(item), *passed])

    def item_description(self, item):
        return f"{item.status_label(self.at)}. {item.summary}"

    def item_extra_kwargs(self, item):
        current = item.current_round(self.at)
        return {
            **super().item_extra_kwargs(item),
            "extensions": [
                ("status", str(item.status(self.at))),
                ("deadline", iso(current.closes_at) if current else None),
            ],
        }


class NewsFeed(OpenDataFeed):
    """News items, newest first (by their date, as the news overview lists them)."""

    def title(self):
        if self.actor_type:
            return _("News for %(actor_type)s") % {"actor_type": self.actor_type.name}
        return _("News")

    def subtitle(self):
        return _("News of the Department of Work and Social Economy.")

    def link(self):
        if self.actor_type:
            return self.actor_type_url() or absolute_url(self.request, "/")
        news_index = NewsIndexPage.objects.live().first()
        if news_index is None:
            return absolute_url(self.request, "/")
        return news_index.get_full_url(self.request)

    @cached_property
    def listed(self):
        """The newest listed news items (or those for the actor type), read once."""
        news = listed_news(self.at).prefetch_related("actor_types")
        if self.actor_type:
            news = news.filter(actor_types=self.actor_type)
        return list(news[:MAX_ENTRIES])

    def items(self):
        return self.listed

    def item_pubdate(self, item):
        # The day of the announcement; the moment of its first publication when that was on
        # the same day.
        published = item.first_published_at
        if published and clock.brussels(published).date() == item.date:
            return published
        return datetime.combine(item.date, time(), tzinfo=clock.BRUSSELS)

    def item_updateddate(self, item):
        return max(filter(None, [item.last_published_at, self.item_pubdate(item)]))

    def item_description(self, item):
        return item.summary

    def next_change(self):
        """When the feed next changes by the clock (a listed item expires), or None."""
        return clock.earliest(
            item.expire_at for item in self.listed if item.expire_at and item.expire_at > self.at
        )
