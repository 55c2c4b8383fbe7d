"""Every page type costs a small, fixed number of SQL queries, however many actor types exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actortypes.models import ActorType

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "home": "/",
    "Over ons": "/over-ons/",
    "actor page": "/over-ons/maatwerkbedrijven/",
    "not found": "/over-ons/bestaat-niet/",
    "search": "/zoeken/?q=sociale+ondernemingen",
}
# What one page view needs: the site, the page route (Wagtail: four queries), view restrictions,
# the navigation, the breadcrumbs, the actor types, the footer settings, the pages its links
# point to and whether any of them is private (pages.references), and the Vlaanderen widget
# setting; an actor page looks up itself and the others.
MOST_QUERIES_PER_PAGE = 14
# The 404 page adds what it needs to suggest the page meant and to list the main routes: the live
# pages' addresses, the routes of each routable page type (Over ons and its actor types), the
# main pages, Over ons and the actor types below it; a fixed number, however many there are.
MOST_QUERIES_PER_NOT_FOUND = 19
# A search adds the promotions and, per kind of result (pages, actor types) and per matching
# method (full text, then fuzzy on PostgreSQL or prefix on SQLite), one search query plus one
# query per page type among the results: bounded by the page types, never by the results.
MOST_QUERIES_PER_SEARCH = 20


def queries_per_page(client):
    counts = {}
    for name, url in PAGE_TYPES.items():
        client.get(url)  # warms Wagtail's own caches (site root paths), as in production
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200)
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
    assert ActorType.objects.live().count() == 600
    over_ons = client.get("/over-ons/").content.decode()
    assert over_ons.count('class="actor-card"') == 600
    assert 'href="/over-ons/actortype-593/"' in over_ons
    with_six_hundred = queries_per_page(client)

    assert with_six_hundred == with_six
    search = with_six.pop("search")
    not_found = with_six.pop("not found")
    assert max(with_six.values()) <= MOST_QUERIES_PER_PAGE, with_six
    assert not_found <= MOST_QUERIES_PER_NOT_FOUND
    assert search <= MOST_QUERIES_PER_SEARCH
