"""What a citizen sees on the home page, Over ons and the actor-type pages."""

import pytest

from pages.models import Footer
from search.site_search import MAX_QUERY_LENGTH
from tests.html import main_text, soup, visible_text

pytestmark = pytest.mark.django_db

ACTOR_TYPES = [
    ("Activiteitencoöperaties", "/over-ons/activiteitencooperaties/"),
    ("Lokale besturen", "/over-ons/lokale-besturen/"),
    ("Lokale diensteneconomie", "/over-ons/lokale-diensteneconomie/"),
    ("Maatwerkbedrijven", "/over-ons/maatwerkbedrijven/"),
    ("Ondernemingen", "/over-ons/ondernemingen/"),
    ("Sociale ondernemingen", "/over-ons/sociale-ondernemingen/"),
]

SECTIONS = [
    ("Wie zijn wij?", "wie-zijn-wij"),
    ("Wat is sociaal ondernemen?", "wat-is-sociaal-ondernemen"),
    ("Wat is sociale economie?", "wat-is-sociale-economie"),
    ("Wie onderneemt sociaal?", "wie-onderneemt-sociaal"),
]


def test_every_page_is_dutch_with_one_h1_and_a_description(client):
    for url in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        assert html.html["lang"] == "nl"
        assert len(html.find_all("h1")) == 1, url
        assert html.find("meta", attrs={"name": "description"})["content"].strip(), url
        assert html.find("a", class_="skip-link")["href"] == "#main-content"
        assert html.find("main", id="main-content")


def test_home_page_leads_to_over_ons_and_every_actor_type(client):
    response = client.get("/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "pages/home_page.html"
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Sociale economie"
    main = html.find("main")
    hrefs = [a["href"] for a in main.find_all("a")]
    assert "/over-ons/" in hrefs
    for _name, url in ACTOR_TYPES:
        assert url in hrefs
    assert "Wie onderneemt sociaal?" in main_text(response)


def test_header_navigation_comes_from_the_page_tree(client):
    html = soup(client.get("/over-ons/"))
    nav = html.find("nav", class_="main-nav")
    link = nav.find("a", string="Over ons")
    assert link["href"] == "/over-ons/"
    assert link["aria-current"] == "page"
    assert html.find(class_="site-header__name").get_text(strip=True) == "Sociale economie"


def test_footer_shows_the_department_from_site_settings(client):
    footer = soup(client.get("/")).find("footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Departement Werk en Sociale Economie" in text
    assert "1700" in text


def test_over_ons_lists_its_questions_as_in_page_links_to_the_sections(client):
    response = client.get("/over-ons/")

    html = soup(response)
    contents = html.find("nav", class_="toc")
    assert [(a.get_text(strip=True), a["href"]) for a in contents.find_all("a")] == [
        (heading, f"#{anchor}") for heading, anchor in SECTIONS
    ]
    for heading, anchor in SECTIONS:
        target = html.find(id=anchor)
        assert target.name == "h2"
        assert target.get_text(strip=True) == heading
    assert "Je komt het hier allemaal te weten." in main_text(response)


def test_over_ons_opens_with_its_introduction_then_a_contents_list_with_a_heading(client):
    main = soup(client.get("/over-ons/")).find("main")

    intro = main.find(class_="intro")
    contents = main.find("nav", class_="toc")
    assert intro.get_text(strip=True) == "Je komt het hier allemaal te weten."
    # The introduction comes first; the contents list is named by its own heading.
    assert contents in intro.find_all_next("nav")
    heading = contents.find("h2")
    assert heading.get_text(strip=True) == "Op deze pagina"
    assert contents["aria-labelledby"] == heading["id"]


def test_over_ons_lists_the_six_actor_types_in_the_seed_order_with_summary_and_link(client):
    html = soup(client.get("/over-ons/"))

    cards = html.find_all(class_="actor-card")
    assert [(c.find("a").get_text(strip=True), c.find("a")["href"]) for c in cards] == ACTOR_TYPES
    summary = cards[3].find(class_="actor-card__summary").get_text(strip=True)
    assert summary == (
        "Maatwerkbedrijven zijn erkende organisaties of ondernemingen en hebben de inschakeling "
        "van werknemers met een afstand tot de arbeidsmarkt als kerntaak."
    )


@pytest.mark.parametrize(("name", "url"), ACTOR_TYPES)
def test_actor_type_page_has_its_name_breadcrumbs_text_and_the_other_five(client, name, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "actortypes/actor_type.html" in [t.name for t in response.templates]
    html = soup(response)
    assert [h1.get_text(strip=True) for h1 in html.find_all("h1")] == [name]
    assert html.title.get_text(" ", strip=True).startswith(name)
    crumbs = html.find("nav", class_="breadcrumbs").find_all("li")
    assert [li.get_text(strip=True) for li in crumbs] == ["Home", "Over ons", name]
    assert crumbs[0].a["href"] == "/"
    assert crumbs[1].a["href"] == "/over-ons/"
    assert crumbs[2].find(attrs={"aria-current": "page"})
    related = html.find("nav", class_="related")
    others = [(a.get_text(strip=True), a["href"]) for a in related.find_all("a")]
    assert others == [pair for pair in ACTOR_TYPES if pair[0] != name]


def test_actor_type_page_shows_its_full_text(client):
    text = main_text(client.get("/over-ons/lokale-diensteneconomie/"))
    assert "Via de lokale diensteneconomie wil de overheid een dienstenaanbod uitbouwen" in text
    assert "draagt bij aan het engagement van de werknemers." in text


@pytest.mark.parametrize(
    "url", ["/over-ons/bestaat-niet/", "/bestaat-niet/", "/over-ons/maatwerkbedrijven/extra/"]
)
def test_unknown_addresses_answer_a_dutch_404_page(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = soup(response)
    assert html.html["lang"] == "nl"
    assert html.h1.get_text(strip=True) == "Pagina niet gevonden"
    assert "Ga naar de startpagina" in visible_text(response)


def test_500_page_is_dutch_and_needs_no_database(client, django_assert_num_queries):
    from django.template.loader import render_to_string

    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html


def test_the_department_is_named_in_one_place_the_footer(client):
    footer = Footer.objects.live().get()
    footer.organisation = "Departement Werk en Sociale Economie (WSE)"
    footer.save_revision().publish()

    html = soup(client.get("/"))
    assert html.title.get_text() == "Sociale economie | Departement Werk en Sociale Economie (WSE)"
    assert html.find(class_="site-header__tagline").get_text(strip=True) == (
        "Departement Werk en Sociale Economie (WSE)"
    )
    assert '"name":"Departement Werk en Sociale Economie (WSE)"' in str(html.find("script"))
    assert "Departement Werk en Sociale Economie (WSE)" in html.find("footer").get_text()


def test_every_search_box_takes_as_many_characters_as_the_search(client):
    for url in ["/", "/zoeken/?q=", "/bestaat-niet/"]:
        for field in soup(client.get(url)).select("input[type=search]"):
            assert field["maxlength"] == str(MAX_QUERY_LENGTH), url


def test_the_first_breadcrumb_is_home_whatever_the_home_page_is_called(client, home):
    home.title = "Sociale economie in Vlaanderen"
    home.save_revision().publish()

    html = soup(client.get("/over-ons/"))
    crumbs = [li.get_text(strip=True) for li in html.select(".breadcrumbs__item")]
    assert crumbs == ["Home", "Over ons"]
    assert '"position":1,"name":"Home"' in str(html.find("script"))
