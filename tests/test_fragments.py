"""What every page shows (the menu, the footer, the actor types, the site's name, the Vlaanderen
widget, which pages are private) is kept site-wide (fragments.cache) and never outlives an
edit: the next page after a publish or a save shows it, with local memory and with Redis."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

import fragments.cache
from fragments.cache import remember_in_process, remember_until
from pages.models import AboutPage, ContentPage, Footer, VlaanderenWidgetSettings
from support.finder import find_measures
from support.models import SupportIndexPage
from tests.html import soup
from tests.support_factories import brussels, make_call, make_measure, open_round
from tests.test_redis_cache import REDIS_URL, redis_cache
from tests.test_support import facet_counts

pytestmark = pytest.mark.django_db

PAGES = ["/", "/over-ons/", "/ondersteuning/collectief-maatwerk/"]


@pytest.fixture(params=["local memory", "Redis"])
def shared_cache(request, settings):
    """The cache of either kind, with the page cache off: what a page renders is counted, not
    what the page cache keeps (tests/test_page_cache.py covers that)."""
    settings.PAGE_CACHE_TIMEOUT = 0
    if request.param == "Redis":
        settings.CACHES = redis_cache(REDIS_URL)
    cache.clear()
    yield request.param
    cache.clear()


def primed(client):
    """Every page rendered once: the fragments are cached."""
    for address in PAGES:
        assert client.get(address).status_code == 200


def menu(client, address):
    return [a.get_text(strip=True) for a in soup(client.get(address)).select(".main-nav__link")]


def footer_links(client, address):
    footer = soup(client.get(address)).find("footer")
    return [a.get_text(strip=True) for a in footer.select(".site-footer__links a")]


def test_a_page_published_in_the_menu_shows_on_every_page_at_once(client, shared_cache, home):
    primed(client)
    letter = home.add_child(
        instance=ContentPage(title="Nieuwsbrief", slug="nieuwsbrief", show_in_menus=True)
    )
    letter.save_revision().publish()

    for address in PAGES:
        assert "Nieuwsbrief" in menu(client, address), address

    letter.unpublish()
    for address in PAGES:
        assert "Nieuwsbrief" not in menu(client, address), address


def test_a_published_footer_shows_on_every_page_at_once(client, shared_cache):
    primed(client)
    footer = Footer.objects.get()
    footer.organisation = "Departement Werk en Sociale Economie, afdeling Sociale Economie"
    footer.save_revision().publish()

    for address in PAGES:
        html = client.get(address).content.decode()
        assert "afdeling Sociale Economie</h2>" in html, address
        assert '"name":"Departement Werk en Sociale Economie, afdeling' in html  # JSON-LD


def test_a_renamed_actor_type_shows_in_every_list_at_once(client, shared_cache, maatwerkbedrijven):
    primed(client)
    maatwerkbedrijven.name = "Maatwerkondernemingen"
    maatwerkbedrijven.save_revision().publish()

    for address in ["/", "/over-ons/"]:
        cards = soup(client.get(address)).select(".actor-card__title")
        assert "Maatwerkondernemingen" in [card.get_text(strip=True) for card in cards], address
    others = soup(client.get("/over-ons/ondernemingen/")).select(".related__link")
    assert "Maatwerkondernemingen" in [link.get_text(strip=True) for link in others]


def test_a_page_made_private_leaves_the_footer_at_once(client, shared_cache):
    primed(client)
    assert "Privacy- en cookieverklaring" in footer_links(client, "/over-ons/")

    restriction = PageViewRestriction.objects.create(
        page=ContentPage.objects.get(slug="privacy"), restriction_type=PageViewRestriction.LOGIN
    )
    for address in PAGES:
        assert "Privacy- en cookieverklaring" not in footer_links(client, address), address
    assert client.get("/privacy/").status_code == 302  # to the login

    restriction.delete()
    assert "Privacy- en cookieverklaring" in footer_links(client, "/over-ons/")
    assert client.get("/privacy/").status_code == 200


def test_the_sites_new_name_and_the_widget_setting_show_at_once(client, shared_cache):
    primed(client)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Sociale economie Vlaanderen"
    site.save()
    widget = VlaanderenWidgetSettings.for_site(site)
    widget.enabled = True
    widget.header_widget_id = "8b7c1a4e-3f5d-4c2b-9a6e-1d2f3a4b5c6d"
    widget.save()

    for address in PAGES:
        page = soup(client.get(address))
        assert page.select_one(".site-header__name").get_text(strip=True) == (
            "Sociale economie Vlaanderen"
        )
        assert page.find("script", src=lambda src: src and "8b7c1a4e" in src), address


# What the listings of calls show also changes with the clock: a call opens or closes without
# any edit. Those fragments are kept until their next change (fragments.cache.remember_until).

CALL_LISTINGS = ["/", "/oproepen/", "/over-ons/maatwerkbedrijven/"]


def open_calls(client, address):
    """The titles in the page's "open calls" section (empty when it has none)."""
    section = soup(client.get(address)).find("section", attrs={"aria-labelledby": "open-oproepen"})
    return section.get_text(" ", strip=True) if section else ""


@pytest.mark.parametrize("address", CALL_LISTINGS)
def test_a_call_leaves_the_open_calls_at_its_deadline_without_an_edit(
    client, shared_cache, maatwerkbedrijven, address
):
    deadline = brussels(2027, 3, 1, 12, 0)
    with time_machine.travel(deadline - timedelta(days=1), tick=False):
        make_call(
            "Oproep werkplekken", [(deadline - timedelta(days=30), deadline)], [maatwerkbedrijven]
        )
        assert "Oproep werkplekken" in open_calls(client, address)
        assert "Oproep werkplekken" in open_calls(client, address)  # kept: asked nothing
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        assert "Oproep werkplekken" in open_calls(client, address)
    with time_machine.travel(deadline, tick=False):
        assert "Oproep werkplekken" not in open_calls(client, address)


def shown_as_open(client, address, title):
    # The actor page lists the calls opening soon among its open ones, marked "Binnenkort open".
    listed = open_calls(client, address)
    return title in listed and "Binnenkort open" not in listed


@pytest.mark.parametrize("address", CALL_LISTINGS)
def test_a_call_joins_the_open_calls_when_its_round_opens_without_an_edit(
    client, shared_cache, maatwerkbedrijven, address
):
    opens = brussels(2027, 3, 1, 9, 0)
    with time_machine.travel(opens - timedelta(days=1), tick=False):
        make_call("Oproep later", [(opens, opens + timedelta(days=30))], [maatwerkbedrijven])
        assert not shown_as_open(client, address, "Oproep later")
        assert not shown_as_open(client, address, "Oproep later")
    with time_machine.travel(opens, tick=False):
        assert shown_as_open(client, address, "Oproep later")


@pytest.mark.parametrize("address", CALL_LISTINGS)
def test_the_next_view_of_a_call_listing_reads_no_call(
    client, shared_cache, maatwerkbedrijven, address
):
    make_call("Oproep nu", [open_round(timezone.now())], [maatwerkbedrijven])
    assert "Oproep nu" in open_calls(client, address)

    with CaptureQueriesContext(connection) as next_view:
        assert "Oproep nu" in open_calls(client, address)

    tables = ('"support_callpage"', '"support_callround"', '"support_measurepage"')
    assert [query["sql"] for query in next_view if any(t in query["sql"] for t in tables)] == []


def test_a_value_true_until_a_moment_is_kept_until_then_only():
    computed = []

    def compute(until):
        def value():
            computed.append(until)
            return len(computed), until

        return value

    now = timezone.now()
    assert remember_until(None, "test-until", compute(now + timedelta(hours=1))) == 1
    assert remember_until(None, "test-until", compute(now + timedelta(hours=1))) == 1
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert remember_until(None, "test-until", compute(now - timedelta(hours=1))) == 2
        # A value already out of date when computed is not kept at all.
        assert remember_until(None, "test-until", compute(None)) == 3
        assert remember_until(None, "test-until", compute(None)) == 3


def test_a_preview_neither_reads_nor_keeps_a_fragment():
    assert remember_until(None, "test-preview", lambda: ("published", None)) == "published"

    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert remember_until(preview, "test-preview", lambda: ("unsaved", None)) == "unsaved"
    # Read once per request, like any fragment.
    assert remember_until(preview, "test-preview", lambda: ("again", None)) == "unsaved"

    other_preview = RequestFactory().get("/")
    other_preview.is_preview = True
    assert remember_until(other_preview, "test-new", lambda: ("unsaved", None)) == "unsaved"
    # What visitors get was never touched by the previews.
    assert remember_until(None, "test-preview", lambda: ("computed", None)) == "published"
    assert remember_until(None, "test-new", lambda: ("computed", None)) == "computed"


def test_a_value_kept_in_the_process_is_read_from_it_until_the_next_publish(shared_cache):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert remember_in_process(RequestFactory().get("/"), "test-process", compute) == 1
    cache.delete(fragments.cache.fragment_key("test-process"))  # Redis lost it, or evicted it
    assert remember_in_process(RequestFactory().get("/"), "test-process", compute) == 1

    fragments.cache.clear()  # what a publish does
    assert remember_in_process(RequestFactory().get("/"), "test-process", compute) == 2

    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert remember_in_process(preview, "test-process", compute) == 3
    assert remember_in_process(RequestFactory().get("/"), "test-process", compute) == 2


def test_no_value_kept_in_the_process_holds_on_to_a_request(client, home):
    """Every request and thread of a process shares these values: none may carry a visitor's
    request along (Wagtail's settings keep the request they were read for)."""
    for address in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/ondersteuning/"]:
        assert client.get(address, headers={"x-marker": "eerste bezoeker"}).status_code == 200

    kept = [value for _generation, value in fragments.cache._in_process.values()]
    assert kept
    for value in kept:
        for item in value if isinstance(value, list | tuple | frozenset) else [value]:
            assert getattr(item, "_request", None) is None, item


FINDERS = ["/ondersteuning/", "/ondersteuning/?voor=maatwerkbedrijven"]


def finder_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".support-item__link")]


@pytest.mark.parametrize("address", FINDERS)
def test_a_measure_leaves_the_finder_when_it_expires_without_an_edit(
    client, shared_cache, maatwerkbedrijven, address
):
    expiry = brussels(2027, 3, 1, 12, 0)
    with time_machine.travel(expiry - timedelta(days=1), tick=False):
        make_measure("Tijdelijke steun", [maatwerkbedrijven], expire_at=expiry)
        assert "Tijdelijke steun" in finder_titles(client.get(address))
        assert "Tijdelijke steun" in finder_titles(client.get(address))
    with time_machine.travel(expiry, tick=False):
        assert "Tijdelijke steun" not in finder_titles(client.get(address))


@pytest.mark.parametrize("address", FINDERS)
def test_the_next_view_of_the_finder_reads_no_measure_and_counts_the_same(
    client, shared_cache, address
):
    first = client.get(address)

    with CaptureQueriesContext(connection) as next_view:
        again = client.get(address)

    assert [query["sql"] for query in next_view if '"support_measurepage"' in query["sql"]] == []
    assert finder_titles(again) == finder_titles(first)
    assert facet_counts(again, "voor") == facet_counts(first, "voor")
    assert facet_counts(again, "status") == facet_counts(first, "status")


def test_the_finder_counts_from_its_fragment_by_option_even_if_the_options_changed(
    shared_cache, home
):
    # A request that began before an actor type was published holds the older list of options,
    # while the finder's fragment may come from the newer one: each option gets its own count.
    finder = SupportIndexPage.objects.get()
    request = RequestFactory().get("/ondersteuning/")
    request.META["HTTP_HOST"] = "localhost"
    counts = {
        option.value: option.count for option in find_measures(finder, request).facets[0].options
    }

    later = RequestFactory().get("/ondersteuning/")
    later.META["HTTP_HOST"] = "localhost"
    actor_types = AboutPage.published_actor_type_links(later)
    later._fragments[f"actor-type-links:{Site.find_for_request(later).pk}"] = actor_types[1:]

    voor = find_measures(finder, later).facets[0].options
    assert {option.value: option.count for option in voor} == {
        value: count for value, count in counts.items() if value != actor_types[0][0].slug
    }


@pytest.mark.parametrize("address", FINDERS)
def test_a_kept_finder_page_reads_only_its_rendered_results(client, settings, address):
    """The finder's rendered form and results know until when they hold: their next view
    neither reads nor computes the results behind them."""
    settings.PAGE_CACHE_TIMEOUT = 0  # every view renders; fragments are kept
    finder = SupportIndexPage.objects.get()
    first = client.get(address)
    results = [
        fragments.cache.fragment_key(name)
        for name in (
            f"finder-page:{finder.pk}:",
            f"finder-page:{finder.pk}:?voor=maatwerkbedrijven",
        )
    ]
    assert any(cache.get(key) is not None for key in results)
    cache.delete_many(results)

    with CaptureQueriesContext(connection) as next_view:
        again = client.get(address)

    assert finder_titles(again) == finder_titles(first)
    assert facet_counts(again, "voor") == facet_counts(first, "voor")
    assert [cache.get(key) for key in results] == [None, None]
    assert [query["sql"] for query in next_view if '"support_measurepage"' in query["sql"]] == []
