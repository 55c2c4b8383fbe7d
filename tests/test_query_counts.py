"""Every page type costs a small, fixed number of SQL queries, however much content exists."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

import fragments.cache
from actortypes.models import ActorType
from bench import fill
from fragments.templatetags.fragment_tags import fragment_name
from newsroom.models import EventPage, NewsPage
from partners.models import Partner
from serving import pagecache
from support.models import CallIndexPage, CallPage, MeasurePage, SupportIndexPage
from tests.newsroom_factories import make_event, make_news, make_publication
from tests.support_factories import make_call, make_measure, open_round

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "home": "/",
    "Over ons": "/over-ons/",
    "actor page": "/over-ons/maatwerkbedrijven/",
    "not found": "/over-ons/bestaat-niet/",
    "not found, a near miss": "/over-ons/maatwerkbedrijf/",
    "content page": "/contact/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
    "search": "/zoeken/?q=sociale+ondernemingen",
}
SUPPORT_PAGE_TYPES = {
    "actor page": "/over-ons/maatwerkbedrijven/",
    "finder": "/ondersteuning/",
    "finder, filtered": "/ondersteuning/?voor=maatwerkbedrijven&status=open",
    "finder, page 2": "/ondersteuning/?page=2",
    "measure": "/ondersteuning/collectief-maatwerk/",
    "call": "/oproepen/oproep-0/",
    "calls overview": "/oproepen/",
    "calls overview, archive page 2": "/oproepen/?page=2",
}
# The open data: the same listings as the support pages, as JSON and Atom, and the page that
# documents them (its actor types).
OPEN_DATA_ADDRESSES = {
    "news, Atom": "/open-data/nieuws.atom",
    "news, Atom, one actor type": "/open-data/nieuws.atom?voor=maatwerkbedrijven",
    "calls, Atom": "/open-data/oproepen.atom",
    "calls, Atom, one actor type": "/open-data/oproepen.atom?voor=maatwerkbedrijven",
    "calls, JSON": "/open-data/v1/oproepen.json",
    "calls, JSON, one actor type": "/open-data/v1/oproepen.json?voor=maatwerkbedrijven",
    "measures, JSON": "/open-data/v1/maatregelen.json",
    "measures, JSON, one actor type": "/open-data/v1/maatregelen.json?voor=maatwerkbedrijven",
    "events, JSON": "/open-data/v1/activiteiten.json",
    "events, JSON, one actor type": "/open-data/v1/activiteiten.json?voor=maatwerkbedrijven",
    "events, iCalendar": "/open-data/agenda.ics",
    "events, iCalendar, one actor type": "/open-data/agenda.ics?voor=maatwerkbedrijven",
    "open-data page": "/open-data/",
}
# Every public page and address, uncached, asks the database at most this often, with 10 items
# or 5,000 (issue 12). What one page view needs once the site-wide fragments are cached
# (fragments.cache: the site, the menu, the footer, the actor types with their addresses, the
# Vlaanderen widget setting, which pages are private, the 404 page's known addresses and main
# routes, the sitemap's addresses; computed once per publish and shared by every page): the page
# route (serving.routing: the pages along the address in one query, then the specific page; it
# also gives the breadcrumbs and, from the site-wide list, tells that no view restriction
# applies) and what the page itself shows. Measured on SQLite: a content page and Over ons 2,
# the open-data page 3, the 404 page 3 (the route, Wagtail's redirects), the sitemap and
# robots.txt 0; the other kinds below (docs/performance.md).
MOST_QUERIES_PER_PAGE = 7
# A search costs what any page does. The promotions, the actor types (matched in Python) and the
# results of a search made before (per site and query, until the next publish) are site-wide
# fragments; the search terms report takes two statements (the query's row if new, then one
# upsert of the day's count); the full-text search one query whatever it finds (the last term
# also a prefix), the trigram match of titles on PostgreSQL one more when that finds less than a
# page; the excerpts of the ten results shown one query (a UNION over their page types), and a
# search without results the main routes (three). Measured: a search made before 3; one never
# made 3 to 6 on SQLite, 4 to 7 on PostgreSQL (the most when nothing is found), with 10 items as
# with 5,000.
MOST_QUERIES_PER_SEARCH = MOST_QUERIES_PER_PAGE
# Searches that need each part: many results, a singular for a plural, one result (so the
# trigram titles too), none (the main routes too).
NEW_SEARCHES = ["sociale ondernemingen", "maatwerkbedrijf", "ombudsdienst", "xyzzy"]
# The support pages add their lists to what every page needs, counted and sorted in SQL and read
# for what is shown only. The finder: its option counts (one aggregate query, one grouped query for
# "voor wie") and its page of measures (the actor types come from the site-wide fragments). The
# actor page: its first ten measures and current calls, each with their total and earliest change
# (window functions), the calls' rounds, and the partners. The calls overview: the current calls,
# the archive's count and its page, their rounds in one query. The finder's first pages, the actor
# page's lists and partners, a measure's calls and publications and the calls overview are timed
# fragments (fragments.cache.remember_until), which the first of the two views counted here fills.
# Measured on SQLite: the measure page 3, the actor page 2, the finder 2 (page 2: 5), a call 5,
# the calls overview 2 (its archive's page 2: 6).
# An open-data address needs the actor type asked for, the listing with its prefetched parts
# (actor types; a call's rounds and measure), and for Atom the footer (the author) and the calls
# overview (the feed's link). Measured on SQLite and PostgreSQL alike: 2 to 5 (the calls feed
# and the calendar for one actor type).
# News and publications add their list (with actor types and, for publications, documents) and
# Over ons for actor-type links; a news item its related pages (one query), a publication its
# documents. The home page shows the open calls and the latest news with their overviews'
# addresses from the site-wide fragments. Measured on SQLite: 5 each, the measure page with its
# publications 7, the home page 6 (nothing to show) to 7.


@pytest.fixture(autouse=True)
def fragments_outlive_the_test(monkeypatch):
    """With the page cache off, fragments are kept a minute; counting many addresses with many
    items on a busy machine takes longer, and a fragment computed again would be counted."""
    monkeypatch.setattr(fragments.cache, "MINIMUM_TIMEOUT", 3600)


def queries_per_page(client, page_types=PAGE_TYPES):
    counts = {}
    for name, url in page_types.items():
        client.get(url)  # warms Wagtail's own caches (site root paths), as in production
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == (404 if name.startswith("not found") else 200), url
        counts[name] = len(queries)
    return counts


def test_queries_per_page_do_not_grow_with_the_number_of_actor_types(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # count what rendering costs, not what the cache saves
    assert ActorType.objects.live().count() == 6
    with_six = queries_per_page(client)

    ActorType.objects.bulk_create(
        ActorType(
            name=f"Actortype {number}",
            slug=f"actortype-{number}",
            summary=f"Samenvatting {number}.",
            body=f"<p>Tekst {number}.</p>",
            live=True,
            sort_order=100 + number,
        )
        for number in range(594)
    )
    pagecache.clear()  # bulk_create sends no signal; publishing in the admin clears this way
    assert ActorType.objects.live().count() == 600
    over_ons = client.get("/over-ons/").content.decode()
    assert over_ons.count('class="actor-card"') == 600
    assert 'href="/over-ons/actortype-593/"' in over_ons
    with_six_hundred = queries_per_page(client)

    assert with_six_hundred == with_six
    search = with_six.pop("search")
    assert max(with_six.values()) <= MOST_QUERIES_PER_PAGE, with_six
    assert search <= MOST_QUERIES_PER_SEARCH


def queries_per_new_search(client):
    """{search: its queries} for searches never made before (after a publish), once the
    site-wide fragments they share are computed."""
    pagecache.clear()
    client.get("/zoeken/?q=warm")
    counts = {}
    for query in NEW_SEARCHES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200
        counts[query] = len(queries)
    return counts


def test_a_search_costs_what_a_page_does_also_the_first_time(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    counts = queries_per_new_search(client)

    assert max(counts.values()) <= MOST_QUERIES_PER_SEARCH, counts


def add_support_content(start, stop):
    """Measures and calls for maatwerkbedrijven: each call open, opening soon or closed, each
    with two rounds, half of them belonging to collectief maatwerk."""
    maatwerk = list(ActorType.objects.filter(slug__in=["maatwerkbedrijven", "ondernemingen"]))
    collectief = MeasurePage.objects.get(slug="collectief-maatwerk")
    finder, calls = SupportIndexPage.objects.get(), CallIndexPage.objects.get()
    now = timezone.now()
    day = timedelta(days=1)
    starts = [now - 10 * day, now + 10 * day, now - 100 * day]  # open, opening soon, closed
    for number in range(start, stop):
        make_measure(f"Maatregel {number}", maatwerk, publish="bulk", index=finder, kind="advice")
        opens = starts[number % 3]
        make_call(
            f"Oproep {number}",
            [(opens, opens + 30 * day), (opens + 60 * day, opens + 90 * day)],
            actor_types=maatwerk,
            publish="bulk",
            index=calls,
            measure=collectief if number % 2 else None,
        )
    pagecache.clear()  # pages made live in bulk send no signal; publishing clears this way


def test_support_pages_cost_the_same_with_10_and_with_500_measures_and_calls(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_support_content(0, 10)
    with_ten = queries_per_page(client, SUPPORT_PAGE_TYPES)

    add_support_content(10, 500)
    with_five_hundred = queries_per_page(client, SUPPORT_PAGE_TYPES)

    assert with_five_hundred == with_ten, (with_ten, with_five_hundred)
    assert max(with_ten.values()) <= MOST_QUERIES_PER_PAGE, with_ten


def forget_timed_fragments():
    """As if the listings kept until their next change (fragments.cache.remember_until) had
    reached it: the next view computes them again."""
    finder, calls = SupportIndexPage.objects.get(), CallIndexPage.objects.get()
    names = ["home-open-calls", f"calls-overview:{calls.pk}"]
    names += [f"actor-type-support:{pk}" for pk in ActorType.objects.values_list("pk", flat=True)]
    queries = ("", "?status=open&voor=maatwerkbedrijven")
    names += [f"finder-page:{finder.pk}:{query}" for query in queries]
    # Their rendered HTML (a {% fragment %}) is kept until the same moment.
    site = Site.objects.get(is_default_site=True)
    names += [
        fragment_name(site, "calls-overview", "support/call_index_page.html", [calls.pk]),
        *(
            fragment_name(site, "finder", "support/support_index_page.html", [finder.pk, query])
            for query in queries
        ),
        *(
            fragment_name(
                site,
                "actor-type-section",
                "actortypes/actor_type.html",
                [pk, "support/actor_type_support.html"],
            )
            for pk in ActorType.objects.values_list("pk", flat=True)
        ),
    ]
    cache.delete_many([fragments.cache.fragment_key(name) for name in names])


def test_support_pages_that_compute_their_timed_fragments_stay_within_the_limit(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_support_content(0, 100)
    counts = {}
    for name, url in SUPPORT_PAGE_TYPES.items():
        client.get(url)
        forget_timed_fragments()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        listing_tables = ('"support_measurepage"', '"support_callpage"')
        assert any(table in query["sql"] for query in queries for table in listing_tables), name
        counts[name] = len(queries)

    assert max(counts.values()) <= MOST_QUERIES_PER_PAGE, counts


def give_actor_types(model, slugs=("maatwerkbedrijven", "ondernemingen")):
    """Writes the actor types of pages made with publish="bulk" (which skips the save that
    writes a page's ParentalManyToManyField), so that ?voor= finds them."""
    field = model._meta.get_field("actor_types")
    through = field.remote_field.through
    page_id, actor_type_id = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    done = through.objects.values_list(page_id, flat=True)
    through.objects.bulk_create(
        through(**{page_id: pk, actor_type_id: actor_type.pk})
        for pk in model.objects.exclude(pk__in=done).values_list("pk", flat=True)
        for actor_type in ActorType.objects.filter(slug__in=slugs)
    )


def add_open_data_content(start, stop):
    add_support_content(start, stop)
    add_events(start, stop)
    for number in range(start, stop):
        make_news(f"Nieuws {number}", timezone.localdate(), publish="bulk")
    for model in (MeasurePage, CallPage, EventPage, NewsPage):
        give_actor_types(model)


PARTNER_PAGE_TYPES = {
    "partner list": "/partners/",
    "partner list, filtered": "/partners/?voor=maatwerkbedrijven",
    "partner list, page 2": "/partners/?page=2",
    "actor page": "/over-ons/maatwerkbedrijven/",
}


def add_partners(start, stop, logo):
    """Live partners for maatwerkbedrijven and ondernemingen, every other one with a logo."""
    maatwerk = list(ActorType.objects.filter(slug__in=["maatwerkbedrijven", "ondernemingen"]))
    partners = Partner.objects.bulk_create(
        Partner(
            name=f"Partner {number:03}",
            website=f"https://partner-{number}.example.org",
            description=f"Wat partner {number} doet.",
            logo=logo if number % 2 else None,
            logo_alt_text=f"Partner {number}" if number % 2 else "",
            live=True,
        )
        for number in range(start, stop)
    )
    Partner.actor_types.through.objects.bulk_create(
        Partner.actor_types.through(partner=partner, actortype=actor_type)
        for partner in partners
        for actor_type in maatwerk
    )


def test_partner_pages_cost_the_same_with_10_and_with_500_partners(client, settings, photo):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_partners(0, 10, photo)
    with_ten = queries_per_page(client, PARTNER_PAGE_TYPES)

    add_partners(10, 500, photo)
    with_five_hundred = queries_per_page(client, PARTNER_PAGE_TYPES)

    assert with_five_hundred == with_ten
    assert max(with_ten.values()) <= MOST_QUERIES_PER_PAGE, with_ten


def test_open_data_costs_the_same_with_10_and_with_500_items(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_open_data_content(0, 10)
    with_ten = queries_per_page(client, OPEN_DATA_ADDRESSES)

    add_open_data_content(10, 500)
    for address in ["oproepen", "activiteiten"]:
        payload = client.get(f"/open-data/v1/{address}.json?voor=maatwerkbedrijven").json()
        assert payload["count"] == 500
    with_five_hundred = queries_per_page(client, OPEN_DATA_ADDRESSES)

    assert with_five_hundred == with_ten
    assert max(with_ten.values()) <= MOST_QUERIES_PER_PAGE, with_ten


AGENDA_PAGE_TYPES = {
    "home": "/",
    "agenda": "/agenda/",
    "agenda, filtered": "/agenda/?voor=maatwerkbedrijven&provincie=limburg",
    "agenda, page 2": "/agenda/?page=2",
    "archive": "/agenda/archief/",
    "archive, page 2": "/agenda/archief/?page=2",
    "event": "/agenda/activiteit-1/",
    "event calendar file": "/agenda/activiteit-1/agenda.ics",
    "calendar feed": "/agenda/agenda.ics",
    "calendar feed, one actor type": "/agenda/agenda.ics?voor=maatwerkbedrijven",
}
# The agenda adds its events (with their actor types) and the actor types for its filter to what
# every page needs; the archive also reads the upcoming events (the next to end joins it). An
# event is routed past the agenda's own routes in the one routing query (serving.routing) and
# adds its actor types with Over ons' address. The calendar files need no navigation or footer.
# Measured on SQLite: the agenda 5, the archive 7, an event 4, its calendar file 6, the feed 4
# (5 for one actor type).


def add_events(start, stop):
    """Events for maatwerkbedrijven and ondernemingen, half past and half to come, in Limburg
    and Brussels."""
    actor_types = list(ActorType.objects.filter(slug__in=["maatwerkbedrijven", "ondernemingen"]))
    now = timezone.now()
    for number in range(start, stop):
        start_at = now + timedelta(days=number + 1) * (1 if number % 2 else -1)
        make_event(
            f"Activiteit {number}",
            start_at,
            actor_types=actor_types,
            publish="bulk",
            province="limburg" if number % 3 else "brussel",
            registration_url="https://example.org/inschrijven",
        )
    pagecache.clear()  # pages made live in bulk send no signal; publishing clears this way


def test_agenda_pages_cost_the_same_with_10_and_with_500_events(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_events(0, 10)
    with_ten = queries_per_page(client, AGENDA_PAGE_TYPES)

    add_events(10, 500)
    with_five_hundred = queries_per_page(client, AGENDA_PAGE_TYPES)

    assert with_five_hundred == with_ten
    assert max(with_ten.values()) <= MOST_QUERIES_PER_PAGE, with_ten


NEWSROOM_PAGE_TYPES = {
    "home": "/",
    "news": "/nieuws/",
    "news, filtered": "/nieuws/?voor=maatwerkbedrijven",
    "news, page 2": "/nieuws/?page=2",
    "news item": "/nieuws/nieuws-0/",
    "publications": "/publicaties/",
    "publications, filtered": "/publicaties/?soort=report&voor=maatwerkbedrijven",
    "publication": "/publicaties/publicatie-0/",
    "measure": "/ondersteuning/collectief-maatwerk/",
}


def add_newsroom_content(start, stop):
    """Open calls, news items and publications for maatwerkbedrijven; each news item points to
    a measure, a call and a publication, collectief maatwerk lists every publication."""
    maatwerk = list(ActorType.objects.filter(slug__in=["maatwerkbedrijven", "ondernemingen"]))
    collectief = MeasurePage.objects.get(slug="collectief-maatwerk")
    today = timezone.localdate()
    for number in range(start, stop):
        call = make_call(
            f"Oproep {number}", [open_round(timezone.now())], actor_types=maatwerk, publish="bulk"
        )
        publication = make_publication(
            f"Publicatie {number}",
            today - timedelta(days=number),
            publication_type=["guide", "report"][number % 2],
            actor_types=maatwerk,
            publish="bulk",
        )
        collectief.related_publications.create(publication=publication, sort_order=number)
        make_news(
            f"Nieuws {number}",
            today - timedelta(days=number),
            actor_types=maatwerk,
            related=[collectief, call, publication],
            publish="bulk",
        )
    pagecache.clear()  # pages made live in bulk send no signal; publishing clears this way


def test_newsroom_pages_cost_the_same_with_10_and_with_500_items(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    add_newsroom_content(0, 10)
    with_ten = queries_per_page(client, NEWSROOM_PAGE_TYPES)

    add_newsroom_content(10, 500)
    with_five_hundred = queries_per_page(client, NEWSROOM_PAGE_TYPES)

    assert with_five_hundred == with_ten
    assert max(with_ten.values()) <= MOST_QUERIES_PER_PAGE, with_ten


@pytest.mark.reliability
def test_every_page_type_costs_the_same_with_5000_items(client, settings):
    """The benchmark's content (bench.fill: 5,000 measures, calls, events, news and actor
    types) costs every page exactly what 10 of each cost. Slow: `make test-reliability`."""
    settings.PAGE_CACHE_TIMEOUT = 0
    # 10 of each kind the filler adds (news too: a feed with items costs one query more).
    add_open_data_content(0, 10)
    addresses = {
        **PAGE_TYPES,
        **SUPPORT_PAGE_TYPES,
        **AGENDA_PAGE_TYPES,
        **OPEN_DATA_ADDRESSES,
        "news": "/nieuws/",
        "news item": "/nieuws/nieuws-0/",
        "publications": "/publicaties/",
        "partner list": "/partners/",
    }
    with_ten = queries_per_page(client, addresses)

    added = fill.fill(5000)
    pagecache.clear()  # the filler publishes in bulk, without signals
    with_five_thousand = queries_per_page(client, addresses)

    assert added["measures"] > 1200 and added["actor types"] == 50
    assert max(queries_per_new_search(client).values()) <= MOST_QUERIES_PER_SEARCH
    assert with_five_thousand == with_ten
