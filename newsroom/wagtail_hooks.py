"""What the newsroom adds to pages it does not own, through hooks called by name.

The home page shows its sections in hook order: open calls (support, order 10), the latest
news (20), the next events (30).
"""

from wagtail import hooks

from fragments.cache import remember_until
from newsroom import agenda
from newsroom.models import EventIndexPage
from newsroom.models.news import NewsIndexPage, listed_news
from pages import clock
from pages.references import overview_url
from pages.sections import Section

HOME_PAGE_NEWS = 3


@hooks.register("home_page_sections", order=20)
def latest_news_on_the_home_page(request):
    """ "Laatste nieuws": the newest news items, at most HOME_PAGE_NEWS; kept until one of
    them expires (then another takes its place; publishing news starts a new generation). A
    fragment until then (fragments.cache): the home page's next view asks nothing of the news."""

    def latest():
        at = clock.now()
        news = list(listed_news(at)[:HOME_PAGE_NEWS])
        expires_at = clock.earliest(
            item.expire_at for item in news if item.expire_at and item.expire_at > at
        )
        return (news, expires_at), expires_at

    news, expires_at = remember_until(request, "home-latest-news", latest)
    context = {"news": news, "news_index_url": overview_url(NewsIndexPage, request)}
    return [Section.of("newsroom/home_latest_news.html", context, expires_at)]


@hooks.register("home_page_sections", order=30)
def next_events(request):
    """ "Volgende activiteiten": the next events, until the first of them starts, ends or
    expires (then another may take its place); a fragment until then, like the news."""

    def upcoming():
        at = clock.now()
        events = agenda.home_page_events(at)
        next_change = agenda.next_change(events, at)
        return (events, next_change), next_change

    events, next_change = remember_until(request, "home-next-events", upcoming)
    context = {"events": events, "index_url": overview_url(EventIndexPage, request)}
    return [Section.of("newsroom/home_events.html", context, next_change)]
