"""What a visitor sees at phone and desktop width."""

import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot

PAGES = [
    ("home", "/", "Sociale economie"),
    ("over-ons", "/over-ons/", "Over ons"),
    ("actor-type", "/over-ons/maatwerkbedrijven/", "Maatwerkbedrijven"),
    ("content-page", "/toegankelijkheid/", "Toegankelijkheidsverklaring"),
    ("search", "/zoeken/?q=sociale+economie", "Zoeken"),
    ("not-found", "/over-ons/bestaat-niet/", "Pagina niet gevonden"),
]


@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[p[0] for p in PAGES])
def test_page_fits_the_screen_and_shows_its_heading(page, site_url, name, path, heading):
    page.goto(site_url + path)

    assert page.locator("h1").inner_text() == heading
    assert page.locator("h1").is_visible()
    # Nothing sticks out sideways: no horizontal scrolling at phone width either.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert screenshot(page, name).stat().st_size > 0


def test_contents_link_jumps_to_its_section(page, site_url):
    page.goto(site_url + "/over-ons/")

    page.locator(".toc").get_by_role("link", name="Wat is sociale economie?").click()

    assert page.url.endswith("/over-ons/#wat-is-sociale-economie")
    # Scrolling is smooth for visitors who allow motion: wait until the heading is at the top.
    # An arrow function, not an expression: Playwright evals expressions, which the CSP forbids.
    page.wait_for_function(
        "() => Math.abs(document.getElementById('wat-is-sociale-economie')"
        ".getBoundingClientRect().top) < 40"
    )
    assert page.locator("#wat-is-sociale-economie").is_visible()


def test_skip_link_is_the_first_stop_and_lands_on_the_main_content(page, site_url):
    page.goto(site_url + "/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[p[0] for p in PAGES])
def test_nothing_sticks_out_on_the_smallest_phones(browser, site_url, name, path, heading):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-BE")
    page = context.new_page()
    page.goto(site_url + path)

    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, name)
    context.close()


def test_printing_shows_the_content_and_where_links_lead(page, site_url):
    page.goto(site_url + "/toegankelijkheid/")
    page.emulate_media(media="print")

    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-header .search-form").is_visible()
    assert not page.locator(".section__anchor").first.is_visible()
    assert page.locator("h1").is_visible()
    link = page.get_by_role("link", name="vlaamseombudsdienst.be")
    after = link.evaluate("element => getComputedStyle(element, '::after').content")
    assert after == '" (" attr(href) ")"' or "https://www.vlaamseombudsdienst.be" in after
    page.pdf(path=SCREENSHOTS / "toegankelijkheid-print.pdf")
