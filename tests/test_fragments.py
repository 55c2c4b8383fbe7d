"""What every page shows (the menu, the footer, the actor types, the site's name, the Vlaanderen
widget, which pages are private) is kept site-wide (fragments.cache) and never outlives an
edit: the next page after a publish or a save shows it, with local memory and with Redis."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from pages.models import ContentPage, Footer, VlaanderenWidgetSettings
from tests.html import soup
from tests.test_redis_cache import REDIS_URL, redis_cache

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
