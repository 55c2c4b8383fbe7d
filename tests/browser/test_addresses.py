"""What people type becomes a good address, in the real admin; the 404 page at phone and desktop
width (issue 11)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from pages.models import HomePage
from tests.browser.conftest import DESKTOP, screenshot
from tests.factories import EDITOR_PASSWORD
from tests.html import SOFT_HYPHEN

TYPED = [
    ("Coöperaties", "cooperaties"),
    ("financiële steun", "financiele-steun"),
    ("Café & co", "cafe-en-co"),
]


@pytest.fixture
def admin_tab(browser, site_url):
    get_user_model().objects.create_superuser(
        username="beheerder", email="beheerder@example.org", password=EDITOR_PASSWORD
    )
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    tab.goto(site_url + "/admin/login/")
    tab.get_by_label("Gebruikersnaam").fill("beheerder")
    tab.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(site_url + "/admin/")
    yield tab
    context.close()


def type_into(tab, selector, text):
    """Types as a person does, key by key, then leaves the field."""
    field = tab.locator(selector)
    field.click()
    field.press_sequentially(text)
    field.blur()


@pytest.mark.parametrize(("title", "slug"), TYPED)
def test_a_new_pages_slug_transliterates_its_title(admin_tab, site_url, title, slug):
    home = HomePage.objects.get()
    admin_tab.goto(f"{site_url}/admin/pages/add/pages/contentpage/{home.pk}/")

    type_into(admin_tab, "#id_title", title)

    # Wagtail syncs the title into the slug a moment after the last key: expect() waits for it.
    expect(admin_tab.locator("#id_slug")).to_have_value(slug)


@pytest.mark.parametrize(("name", "slug"), TYPED)
def test_a_new_actor_types_slug_fills_in_from_its_name(admin_tab, site_url, name, slug):
    admin_tab.goto(site_url + "/admin/snippets/actortypes/actortype/add/")

    type_into(admin_tab, "#id_name", name)

    expect(admin_tab.locator("#id_slug")).to_have_value(slug)
    if slug == "cafe-en-co":
        screenshot(admin_tab, "admin-actor-type-slug-from-name")


@pytest.mark.parametrize(("typed", "slug"), TYPED)
def test_a_slug_typed_by_hand_is_transliterated(admin_tab, site_url, typed, slug):
    admin_tab.goto(site_url + "/admin/snippets/actortypes/actortype/add/")

    type_into(admin_tab, "#id_slug", typed)

    expect(admin_tab.locator("#id_slug")).to_have_value(slug)


def test_the_404_page_suggests_and_lists_the_main_routes_on_every_width(page, site_url):
    response = page.goto(site_url + "/over-ons/maatwerkbedrijf/")

    assert response.status == 404
    suggestion = page.locator(".not-found__suggestion")
    assert suggestion.inner_text().strip() == "Bedoelde je /over-ons/maatwerkbedrijven/?"
    routes = page.locator(".not-found__routes")
    assert routes.get_by_role("link", name="Maatwerkbedrijven").is_visible()
    assert routes.get_by_role("link", name="Contact").is_visible()
    assert page.locator("main").get_by_role("searchbox").is_visible()
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, "not-found-near-miss")


def test_a_variant_of_an_address_lands_on_the_page(page, site_url):
    page.goto(site_url + "/Over-Ons/Activiteitenco%C3%B6peraties/")

    assert page.url == site_url + "/over-ons/activiteitencooperaties/"
    assert page.locator("h1").inner_text().replace(SOFT_HYPHEN, "") == "Activiteitencoöperaties"
