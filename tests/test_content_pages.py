"""The legal and trust pages: editable content pages, linked from every page's footer."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import AboutPage, ContentPage, HomePage
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db

FOOTER_LINKS = [
    ("Contact", "/contact/"),
    ("Toegankelijkheidsverklaring", "/toegankelijkheid/"),
    ("Privacy- en cookieverklaring", "/privacy/"),
    ("Disclaimer", "/disclaimer/"),
    ("Open data", "/open-data/"),
    ("Vlaanderen.be", "https://www.vlaanderen.be"),
]


class TestContentPageTree(WagtailPageTestCase):
    def test_content_pages_sit_below_the_home_page_without_children(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage})
        self.assertAllowedSubpageTypes(ContentPage, {})
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanNotCreateAt(AboutPage, ContentPage)

    def test_editors_can_create_a_content_page(self):
        self.login()
        self.assertCanCreate(
            HomePage.objects.get(),
            ContentPage,
            nested_form_data(
                {
                    "title": "Veelgestelde vragen",
                    "slug": "veelgestelde-vragen",
                    "intro": rich_text("<p>Antwoorden op wat mensen ons vaak vragen.</p>"),
                    "body": streamfield(
                        [
                            (
                                "section",
                                {
                                    "heading": "Wat is een maatwerkbedrijf?",
                                    "anchor": "maatwerkbedrijf",
                                    "text": rich_text("<p>Een erkende onderneming.</p>"),
                                },
                            )
                        ]
                    ),
                }
            ),
        )

    def test_content_pages_render_and_preview(self):
        page = ContentPage.objects.get(slug="toegankelijkheid")
        self.assertPageIsRenderable(page)
        post_data = nested_form_data(
            {
                "title": "Toegankelijkheidsverklaring",
                "slug": "toegankelijkheid",
                "intro": rich_text("<p>Een nieuwe inleiding in de preview.</p>"),
                "body": streamfield([("text", rich_text("<p>Nieuwe tekst.</p>"))]),
            }
        )
        self.assertPageIsPreviewable(page, post_data=post_data)


@pytest.mark.parametrize(("label", "url"), FOOTER_LINKS)
def test_every_page_links_the_legal_pages_in_its_footer(client, label, url):
    for page_url in ["/", "/over-ons/maatwerkbedrijven/", "/bestaat-niet/", "/zoeken/"]:
        footer = soup(client.get(page_url)).find("footer")
        assert footer.find("a", string=label)["href"] == url, page_url


@pytest.mark.parametrize(("title", "url"), FOOTER_LINKS[:4])
def test_legal_pages_render_with_their_title_and_breadcrumbs(client, title, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "pages/content_page.html" in [t.name for t in response.templates]
    html = soup(response)
    assert [h1.get_text(strip=True) for h1 in html.find_all("h1")] == [title]
    crumbs = html.find("nav", class_="breadcrumbs").find_all("li")
    assert [li.get_text(strip=True) for li in crumbs] == ["Home", title]


def test_content_pages_show_when_they_were_last_changed_in_dutch(client):
    page = ContentPage.objects.get(slug="disclaimer")
    published = datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC)  # 6 March in Brussels
    ContentPage.objects.filter(pk=page.pk).update(last_published_at=published)

    modified = soup(client.get("/disclaimer/")).find(class_="content-page__modified")

    assert " ".join(modified.get_text(" ").split()) == "Laatst gewijzigd op 6 maart 2026"
    assert modified.find("time")["datetime"] == "2026-03-06"


def test_the_accessibility_statement_covers_what_the_law_asks(client):
    text = main_text(client.get("/toegankelijkheid/"))

    for expected in [
        "Nalevingsstatus",
        "gedeeltelijk in overeenstemming met de norm EN 301 549",
        "WCAG 2.1 niveau AA",
        "Bekende problemen",
        "Feedback en contactgegevens",
        "Bel gratis naar de Vlaamse Infolijn op 1700",
        "Klacht indienen",
        "Vlaamse Ombudsdienst",
    ]:
        assert expected in text
    link = soup(client.get("/toegankelijkheid/")).find("a", string="vlaamseombudsdienst.be")
    assert link["href"] == "https://www.vlaamseombudsdienst.be"


def test_the_privacy_statement_says_the_site_sets_no_tracking_cookies(client):
    text = main_text(client.get("/privacy/"))

    assert "Deze website zet geen tracking- of analysecookies en geen cookies van derden." in text
    # Searches are counted for Wagtail's search terms report, and nothing about the visitor.
    assert "We tellen ook hoe vaak een zoekterm per dag gebruikt wordt" in text
    assert "Daarbij bewaren we niets over jou." in text


def test_visitors_really_get_no_cookies(client):
    """What the privacy statement promises: no page or search sets a cookie for a visitor."""
    urls = ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/privacy/", "/zoeken/?q=werk"]
    for url in [*urls, "/bestaat-niet/", "/sitemap.xml", "/robots.txt"]:
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url


def test_the_contact_page_gives_the_department_and_the_information_line(client):
    text = main_text(client.get("/contact/"))

    assert "Bel gratis naar 1700" in text
    assert "Departement Werk en Sociale Economie Koning Albert II-laan 35 bus 20 1030 Brussel" in (
        text
    )


def test_contact_is_in_the_main_navigation_and_the_legal_pages_are_not(client):
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    assert [a.get_text(strip=True) for a in nav.find_all("a")] == [
        "Ondersteuning",
        "Oproepen",
        "Partners",
        "Over ons",
        "Nieuws",
        "Publicaties",
        "Agenda",
        "Contact",
    ]
    in_menus = Page.objects.type(ContentPage).filter(show_in_menus=True)
    assert list(in_menus.values_list("slug", flat=True)) == ["contact"]


def test_the_contact_page_gives_an_e_mail_address_and_numbers_to_tap(client):
    main = soup(client.get("/contact/")).find("main")

    links = {a.get_text(strip=True): a["href"] for a in main.find_all("a")}
    assert links["socialeeconomie@vlaanderen.be"] == "mailto:socialeeconomie@vlaanderen.be"
    assert links["1700"] == "tel:1700"
    assert links["+32 2 553 17 00"] == "tel:+3225531700"


@pytest.mark.parametrize("slug", ["contact", "toegankelijkheid", "privacy"])
def test_every_1700_in_the_starting_content_is_tap_to_call(client, slug):
    main = soup(client.get(f"/{slug}/")).find("main")
    texts = [div.find_all(string=lambda s: "1700" in s) for div in main.select(".rich-text")]

    assert any(texts)
    for text in sum(texts, []):
        assert text.find_parent("a")["href"] == "tel:1700", text


def test_numbers_and_addresses_that_editors_type_become_links(client, home):
    page = home.add_child(
        instance=ContentPage(
            title="Loket",
            slug="loket",
            intro="<p>Bel 02 553 00 00 of 0478 12 34 56, of mail <b>loket@vlaanderen.be</b>.</p>",
            body=[
                (
                    "text",
                    RichText(
                        '<p>Al een link: <a href="tel:+3225530000">ons nummer</a>. Richtlijn '
                        "2016/2102, 7 december 2018, 1030 Brussel, gratis 1700.</p>"
                    ),
                )
            ],
        )
    )
    page.save_revision().publish()

    main = soup(client.get("/loket/")).find("main")

    assert [(a.get_text(), a["href"]) for a in main.find_all("a", href=True)][-4:] == [
        ("02 553 00 00", "tel:+3225530000"),
        ("0478 12 34 56", "tel:+32478123456"),
        ("loket@vlaanderen.be", "mailto:loket@vlaanderen.be"),
        ("ons nummer", "tel:+3225530000"),
    ]
    # Dates, postcodes, directive numbers and bare short numbers stay text.
    assert "Richtlijn 2016/2102, 7 december 2018, 1030 Brussel, gratis 1700." in main.get_text()
