"""WCAG 2.2 AA in a real browser: axe-core on every public page type at phone and desktop width,
and a keyboard-only journey with a visible focus indicator at every step.

axe runs the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa (what the law and our
statement promise, 2.2 included) and best-practice (landmarks, one h1, heading order, skip link
target): best practices cost us nothing on a site this small and catch what WCAG leaves to
judgement. axe's "experimental" rules are left out: they change between axe releases.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from django.utils import timezone

from pages.models import ContentPage, HomePage
from tests.browser.conftest import screenshot
from tests.factories import uploaded_image
from tests.html import SOFT_HYPHEN
from tests.newsroom_factories import (
    AGENDA_PAGES,
    NEWSROOM_PAGES,
    agenda_showcase,
    newsroom_showcase,
)
from tests.partner_factories import PARTNER_PAGES, partner_showcase
from tests.support_factories import SUPPORT_PAGES, support_showcase

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGE_TYPES = [
    ("home", "/"),
    ("over-ons", "/over-ons/"),
    ("actor-type", "/over-ons/maatwerkbedrijven/"),
    ("content-page", "/toegankelijkheid/"),
    ("search-results", "/zoeken/?q=sociale"),
    ("search-empty", "/zoeken/?q="),
    ("search-nothing-found", "/zoeken/?q=xyzzy"),
    ("not-found", "/bestaat-niet/"),
    ("open-data", "/open-data/"),
]

axe = Axe()


def assert_no_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("name", "path"), PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_page_type_has_no_axe_violations(page, site_url, name, path):
    page.goto(site_url + path)

    assert_no_violations(page)
    screenshot(page, f"a11y-{name}")


def test_the_open_phone_menu_has_no_axe_violations(page, site_url):
    page.goto(site_url + "/over-ons/")
    if page.locator(".site-menu__button").is_visible():
        page.locator(".site-menu__button").click()

    assert page.locator(".main-nav").is_visible()
    assert_no_violations(page)
    screenshot(page, "a11y-menu-open")


@pytest.mark.parametrize("name", list(SUPPORT_PAGES))
def test_support_page_type_has_no_axe_violations(page, site_url, name):
    support_showcase()
    page.goto(site_url + SUPPORT_PAGES[name])

    assert_no_violations(page)
    screenshot(page, f"a11y-support-{name}")


@pytest.mark.parametrize("name", list(PARTNER_PAGES))
def test_partner_page_type_has_no_axe_violations(page, site_url, name):
    logo = uploaded_image("logo-herwin.png")
    partner_showcase(logo)
    page.goto(site_url + PARTNER_PAGES[name])

    assert_no_violations(page)
    screenshot(page, f"a11y-partners-{name}")
    logo.file.delete(save=False)


@pytest.mark.parametrize("name", list(AGENDA_PAGES))
def test_agenda_page_type_has_no_axe_violations(page, site_url, name):
    agenda_showcase(timezone.now())
    page.goto(site_url + AGENDA_PAGES[name])

    assert_no_violations(page)
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"a11y-agenda-{name}")


@pytest.mark.parametrize("name", list(NEWSROOM_PAGES))
def test_newsroom_page_type_has_no_axe_violations(page, site_url, name):
    newsroom_showcase()
    page.goto(site_url + NEWSROOM_PAGES[name])

    assert_no_violations(page)
    # Nothing scrolls sideways, not even on the narrowest phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"a11y-newsroom-{name}")


def test_the_finder_works_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "/ondersteuning/")
    box = page.locator("#voor-maatwerkbedrijven")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.locator(".finder__submit").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ondersteuning/?voor=maatwerkbedrijven")

    assert page.locator(".finder__status").inner_text() == "3 maatregelen gevonden"
    assert_no_violations(page)


def test_server_error_page_has_no_axe_violations(page, site_url):
    # The 500 page is static HTML; load it into a page of the live site so its CSS resolves.
    page.goto(site_url + "/bestaat-niet/")
    page.set_content(render_to_string("500.html"))
    page.wait_for_load_state("load")

    assert page.locator("h1").inner_text() == "Er ging iets mis"
    assert_no_violations(page)
    screenshot(page, "a11y-server-error")


def test_search_results_with_pagination_have_no_axe_violations(page, site_url):
    home = HomePage.objects.get()
    for number in range(1, 13):
        home.add_child(
            instance=ContentPage(title=f"Veldbloemen {number}", slug=f"veldbloemen-{number}")
        ).save_revision().publish()

    page.goto(site_url + "/zoeken/?q=veldbloemen&page=2")

    assert page.locator(".pagination").is_visible()
    assert_no_violations(page)
    screenshot(page, "a11y-search-page-two")


FOCUS_STYLE = """element => {
    const style = getComputedStyle(element);
    return {
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        boxShadow: style.boxShadow,
        tag: element.tagName.toLowerCase(),
        text: (element.innerText || element.value || '').trim(),
    };
}"""


def focused(page):
    return page.evaluate_handle("document.activeElement").as_element()


def assert_focus_is_visible(page):
    style = focused(page).evaluate(FOCUS_STYLE)
    assert style["outlineStyle"] != "none" and style["outlineWidth"] >= 2, style
    assert style["boxShadow"] != "none", style


def tab_to(page, locator, limit=60):
    """Presses Tab until the locator's element has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            assert_focus_is_visible(page)
            return
    raise AssertionError(f"Tab never reached {locator}")


def open_menu_on_a_phone(page):
    """On a phone the sections and the search box are behind the menu button: press it."""
    button = page.locator(".site-menu__button")
    if button.is_visible():
        tab_to(page, button)
        page.keyboard.press("Enter")


def test_keyboard_only_journey_with_visible_focus_at_every_step(page, site_url, width):
    page.goto(site_url + "/")

    # Home → Over ons, through the main navigation.
    open_menu_on_a_phone(page)
    tab_to(page, page.locator(".main-nav").get_by_role("link", name="Over ons"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/over-ons/")
    assert page.locator("h1").inner_text() == "Over ons"

    # Over ons → an actor type, through its card.
    tab_to(page, page.locator(".actor-card").get_by_role("link", name="Activiteitencoöperaties"))
    screenshot(page, "keyboard-focus-actor-card")
    page.keyboard.press("Enter")
    page.wait_for_url("**/over-ons/activiteitencooperaties/")
    assert page.locator("h1").inner_text().replace(SOFT_HYPHEN, "") == "Activiteitencoöperaties"

    # The actor page → search, with the search box in the header.
    open_menu_on_a_phone(page)
    search_box = page.get_by_role("searchbox", name="Zoeken op deze website")
    tab_to(page, search_box)
    page.keyboard.type("maatwerkbedrijf")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=maatwerkbedrijf")
    assert page.locator("h1").inner_text() == "Zoeken"

    # Search → the first result.
    tab_to(page, page.locator(".search-result__link").first)
    screenshot(page, "keyboard-focus-search-result")
    page.keyboard.press("Enter")
    page.wait_for_url("**/over-ons/maatwerkbedrijven/")
    assert page.locator("h1").inner_text() == "Maatwerkbedrijven"


def test_the_search_button_and_section_links_show_focus_too(page, site_url):
    page.goto(site_url + "/over-ons/")

    tab_to(page, page.get_by_role("link", name="Link naar deze sectie: Wat is sociale economie?"))
    page.keyboard.press("Enter")
    # The jump is a navigation of its own, which the browser may finish after the key or click
    # has returned (CI saw the old address under load): wait for it.
    page.wait_for_url("**/over-ons/#wat-is-sociale-economie")

    page.goto(site_url + "/")
    open_menu_on_a_phone(page)
    tab_to(page, page.get_by_role("button", name="Zoeken"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=")
    assert page.locator(".search__status").inner_text() == "Typ een of meer woorden in het zoekvak."


def test_axe_really_reports_violations(page, site_url):
    page.goto(site_url + "/")
    page.set_content(
        '<html lang="nl"><title>x</title><main><img src="/static/img/favicon.svg">'
        '<a href="/"></a></main></html>'
    )

    ids = {v["id"] for v in axe.run(page, options=AXE_OPTIONS).response["violations"]}

    assert {"image-alt", "link-name", "page-has-heading-one"} <= ids
