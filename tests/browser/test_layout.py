"""What a visitor sees at phone and desktop width."""

import pytest

from pages.models import ContentPage, HomePage
from tests.browser.conftest import SCREENSHOTS, screenshot
from tests.html import SOFT_HYPHEN

SMALLEST_PHONE = 320
LONG_WORD = "Arbeidszorgmedewerkersondersteuningsmaatregel"

PAGES = [
    ("home", "/", "Sociale economie"),
    ("over-ons", "/over-ons/", "Over ons"),
    ("actor-type", "/over-ons/maatwerkbedrijven/", "Maatwerkbedrijven"),
    ("content-page", "/toegankelijkheid/", "Toegankelijkheidsverklaring"),
    ("search", "/zoeken/?q=sociale+economie", "Zoeken"),
    ("partners", "/partners/", "Partners"),
    ("not-found", "/over-ons/bestaat-niet/", "Pagina niet gevonden"),
]


@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[p[0] for p in PAGES])
def test_page_fits_the_screen_and_shows_its_heading(page, site_url, name, path, heading):
    page.goto(site_url + path)

    assert page.locator("h1").inner_text().replace(SOFT_HYPHEN, "") == heading
    assert page.locator("h1").is_visible()
    # Nothing sticks out sideways: no horizontal scrolling at phone width either.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert screenshot(page, name).stat().st_size > 0


def test_contents_link_jumps_to_its_section(page, site_url):
    page.goto(site_url + "/over-ons/")

    page.locator(".toc").get_by_role("link", name="Wat is sociale economie?").click()

    # The jump is a navigation of its own, which the browser may finish after the key or click
    # has returned (CI saw the old address under load): wait for it.
    page.wait_for_url("**/over-ons/#wat-is-sociale-economie")
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

    assert page.locator("h1").inner_text().replace(SOFT_HYPHEN, "") == heading
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, name)
    context.close()


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture(params=[SMALLEST_PHONE, 390], ids=["320", "390"])
def phone(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 800}, locale="nl-BE")
    yield context.new_page()
    context.close()


@pytest.fixture
def page_with_long_content(site_url):
    """What an editor may type: a long heading, a long address, a wide table."""
    page = HomePage.objects.get().add_child(
        instance=ContentPage(
            title=f"{LONG_WORD} en Toegankelijkheidsverklaringsprocedure",
            slug="lang",
            intro=(
                '<p>Zie <a href="https://www.vlaanderen.be/werk/sociale-economie/'
                'maatwerkbedrijven-en-lokale-diensteneconomie-subsidies-2027-overzicht">'
                "https://www.vlaanderen.be/werk/sociale-economie/maatwerkbedrijven-en-lokale-"
                "diensteneconomie-subsidies-2027-overzicht</a> of mail "
                "maatwerkbedrijvenenlokalediensteneconomie@vlaanderen.be.</p>"
                "<table><tr>" + "<td>Maatwerkbedrijven</td>" * 12 + "</tr></table>"
            ),
        )
    )
    page.save_revision().publish()
    return site_url + "/lang/"


@pytest.mark.parametrize(
    "query",
    [LONG_WORD, "x" * 200, "a" * 300, f"{LONG_WORD} " * 5],
    ids=["long-word", "200-characters", "too-long", "long-words"],
)
def test_no_search_makes_the_page_wider_than_the_phone(phone, site_url, query):
    phone.goto(f"{site_url}/zoeken/?q={query}")

    assert phone.locator("h1").inner_text() == "Zoeken"
    assert overflow(phone) <= 0
    if query == LONG_WORD:
        screenshot(phone, "long-search")


def test_no_heading_address_or_table_makes_the_page_wider_than_the_phone(
    phone, page_with_long_content
):
    phone.goto(page_with_long_content)

    assert overflow(phone) <= 0
    # The table scrolls inside itself: all of it can still be read.
    table = phone.locator("main table")
    assert table.evaluate("table => table.scrollWidth > table.clientWidth")
    screenshot(phone, "long-content")


LINE_ENDS = """heading => {
    // The character before each line break of the heading, found where a visitor's click at the
    // start of each next line would put the caret.
    const range = document.createRange();
    range.selectNodeContents(heading);
    const lines = [...range.getClientRects()].filter(rect => rect.width > 0);
    return lines.slice(1).map(line => {
        const caret = document.caretRangeFromPoint(line.left + 1, line.top + line.height / 2);
        return caret.startContainer.data[caret.startOffset - 1];
    });
}"""


@pytest.mark.parametrize(
    ("path", "heading", "lines"),
    [
        ("/over-ons/maatwerkbedrijven/", "Maatwerkbedrijven", 1),
        ("/over-ons/activiteitencooperaties/", "Activiteitencoöperaties", None),
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring", None),
        (
            "/ondersteuning/activiteitencooperaties/",
            "Ondersteuning van activiteitencoöperaties",
            None,
        ),
    ],
)
def test_headings_break_long_words_only_at_a_hyphenation_point(
    phone, site_url, path, heading, lines
):
    phone.goto(site_url + path)
    h1 = phone.locator("h1")

    assert h1.inner_text().replace(SOFT_HYPHEN, "") == heading
    line_ends = h1.evaluate(LINE_ENDS)
    # Every line ends at a hyphenation point (shown as "-"), never inside a syllable.
    assert set(line_ends) <= {SOFT_HYPHEN, " "}, line_ends
    if lines:
        assert len(line_ends) + 1 == lines
    assert overflow(phone) <= 0


def test_a_long_word_in_a_section_heading_breaks_at_hyphenation_points(
    phone, page_with_long_content
):
    phone.goto(page_with_long_content)

    line_ends = phone.locator("h1").evaluate(LINE_ENDS)
    assert line_ends and set(line_ends) <= {SOFT_HYPHEN, " "}, line_ends


@pytest.fixture
def hub_sections(site_url):
    """The hub's sections: the seed's, and one more as editors may add it."""
    home = HomePage.objects.get()
    home.add_child(
        instance=ContentPage(title="Vacatures", slug="vacatures", show_in_menus=True)
    ).save_revision().publish()
    return [
        "Ondersteuning",
        "Oproepen",
        "Partners",
        "Over ons",
        "Nieuws",
        "Publicaties",
        "Agenda",
        "Contact",
        "Vacatures",
    ]


def test_on_a_desktop_the_sections_stand_in_one_row_below_the_name_and_search_box(
    browser, site_url, hub_sections
):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-BE")
    page = context.new_page()
    page.goto(site_url + "/over-ons/")

    links = page.locator(".main-nav__link")
    assert links.all_inner_texts() == hub_sections
    assert not page.locator(".site-menu__button").is_visible()
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1, "the menu wraps"
    search = page.locator(".site-header .search-form").bounding_box()
    brand = page.locator(".site-header__brand").bounding_box()
    assert search["y"] < brand["y"] + brand["height"], "the search box dropped below the name"
    assert search["y"] + search["height"] <= min(tops)
    assert page.locator(".site-header").bounding_box()["height"] < 150
    screenshot(page, "header")
    context.close()


def test_on_a_phone_a_menu_button_opens_the_sections_without_javascript(
    browser, site_url, hub_sections
):
    for width in (SMALLEST_PHONE, 390):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="nl-BE", java_script_enabled=False
        )
        page = context.new_page()
        page.goto(site_url + "/over-ons/")
        header = page.locator(".site-header")

        assert header.bounding_box()["height"] <= 130
        assert not page.locator(".main-nav").is_visible()
        screenshot(page, "header-closed")
        page.get_by_text("Menu", exact=True).click()

        assert page.locator(".main-nav__link").all_inner_texts() == hub_sections
        assert page.get_by_role("searchbox", name="Zoeken op deze website").is_visible()
        assert overflow(page) <= 0
        screenshot(page, "header-open")
        page.get_by_role("link", name="Agenda").click()
        page.wait_for_url("**/agenda/")
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


@pytest.fixture
def agenda_with_long_content(site_url):
    """Events as editors may write them: a long title, venue and link, an event of several days;
    one to come, one past (in the archive)."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.newsroom_factories import make_event

    now = timezone.now()
    for slug, start in [
        ("lang-binnenkort", now + timedelta(days=3)),
        ("lang-voorbij", now - timedelta(days=30)),
    ]:
        make_event(
            f"{LONG_WORD} studiedag",
            start,
            start + timedelta(days=2),
            slug=slug,
            venue_name=f"Vergadercentrum {LONG_WORD}",
            street="Koning Albert II-laan 35 bus 20",
            attendance_mode="mixed",
            online_url="https://example.org/" + "livestream-" * 12,
            registration_url="https://example.org/" + "inschrijven-" * 12,
        )
    return site_url


@pytest.mark.parametrize(
    "path",
    ["/", "/agenda/", "/agenda/archief/", "/agenda/lang-binnenkort/", "/agenda/lang-voorbij/"],
    ids=["home", "agenda", "archive", "event", "event-past"],
)
def test_no_event_makes_the_agenda_wider_than_the_phone(phone, agenda_with_long_content, path):
    phone.goto(agenda_with_long_content + path)

    assert overflow(phone) <= 0
