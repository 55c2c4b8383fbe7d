"""What search engines and link previews read: titles, descriptions, canonical URLs, Open Graph,
JSON-LD, the sitemap and robots.txt; and the error pages."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import Page, PageViewRestriction

from actortypes.models import ActorType
from pages.models import ContentPage
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db

# The seeded Site is localhost:80; production sets its real host name in Settings › Sites.
ROOT = "http://localhost"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head(response):
    html = soup(response)
    meta = {
        tag.get("name") or tag.get("property"): tag["content"]
        for tag in html.head.find_all("meta")
        if tag.get("content") is not None
    }
    canonical = html.head.find("link", rel="canonical")
    return {
        "title": html.title.get_text(strip=True),
        "meta": meta,
        "canonical": canonical["href"] if canonical else None,
    }


def structured_data(response):
    scripts = soup(response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


@pytest.mark.parametrize(
    ("url", "title", "description_start"),
    [
        ("/", "Sociale economie | Departement Werk en Sociale Economie", "Sociale economie is het"),
        ("/over-ons/", "Over ons | Sociale economie", "Je komt het hier allemaal te weten."),
        (
            "/over-ons/maatwerkbedrijven/",
            "Maatwerkbedrijven | Sociale economie",
            "Maatwerkbedrijven zijn erkende organisaties",
        ),
        ("/privacy/", "Privacy- en cookieverklaring | Sociale economie", "Welke gegevens"),
    ],
)
def test_each_page_has_its_own_title_description_and_canonical_url(
    client, url, title, description_start
):
    tags = head(client.get(url))

    assert tags["title"] == title
    assert tags["meta"]["description"].startswith(description_start)
    assert tags["canonical"] == ROOT + url
    assert "robots" not in tags["meta"]  # public pages are indexed


def test_an_actor_type_is_described_by_its_summary(client, maatwerkbedrijven):
    tags = head(client.get("/over-ons/maatwerkbedrijven/"))

    assert tags["meta"]["description"] == maatwerkbedrijven.summary
    assert tags["meta"]["og:description"] == maatwerkbedrijven.summary


def test_editors_set_title_and_description_in_the_promote_tab(client, about):
    about.seo_title = "Over sociale economie in Vlaanderen"
    about.search_description = "Wie we zijn en wie er sociaal onderneemt."
    about.save_revision().publish()

    tags = head(client.get("/over-ons/"))

    assert tags["title"] == "Over sociale economie in Vlaanderen | Sociale economie"
    assert tags["meta"]["description"] == "Wie we zijn en wie er sociaal onderneemt."
    assert tags["meta"]["og:title"] == "Over sociale economie in Vlaanderen"
    # The visible heading stays the page title.
    assert soup(client.get("/over-ons/")).h1.get_text(strip=True) == "Over ons"


def test_a_long_introduction_stands_in_for_a_missing_description_cut_to_160_characters(
    client, home
):
    page = home.add_child(
        instance=ContentPage(title="Lang", slug="lang", intro="<p>" + "Woorden &amp; zinnen. " * 20)
    )
    page.save_revision().publish()

    description = head(client.get("/lang/"))["meta"]["description"]

    assert description.startswith("Woorden & zinnen. Woorden & zinnen.")
    assert len(description) == 160
    assert description.endswith("…")


def test_a_page_without_description_or_intro_gets_the_site_description(client, home):
    page = home.add_child(instance=ContentPage(title="Veldbloemen", slug="veldbloemen"))
    page.save_revision().publish()

    tags = head(client.get("/veldbloemen/"))

    assert tags["meta"]["description"] == (
        "Sociale economie is een initiatief van het Departement Werk en Sociale Economie: het "
        "knooppunt voor iedereen met interesse in sociale economie en sociaal ondernemerschap in "
        "Vlaanderen."
    )


def test_open_graph_tags_describe_the_page_for_link_previews(client):
    meta = head(client.get("/over-ons/maatwerkbedrijven/"))["meta"]

    assert meta["og:type"] == "website"
    assert meta["og:title"] == "Maatwerkbedrijven"
    assert meta["og:url"] == ROOT + "/over-ons/maatwerkbedrijven/"
    assert meta["og:site_name"] == "Sociale economie"
    assert meta["og:locale"] == "nl_BE"


def test_json_ld_describes_the_department_the_site_and_the_page(client):
    data = structured_data(client.get("/contact/"))

    organisation = data["GovernmentOrganization"]
    assert organisation["name"] == "Departement Werk en Sociale Economie"
    assert organisation["url"] == ROOT + "/"
    assert organisation["telephone"] == "1700"
    assert organisation["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Koning Albert II-laan 35 bus 20",
        "postalCode": "1030",
        "addressLocality": "Brussel",
        "addressCountry": "BE",
    }
    assert organisation["parentOrganization"]["name"] == "Vlaamse overheid"
    assert data["WebSite"]["publisher"] == {"@id": organisation["@id"]}
    page = data["WebPage"]
    assert page["url"] == ROOT + "/contact/"
    assert page["name"] == "Contact"
    assert page["inLanguage"] == "nl-BE"
    assert page["isPartOf"] == {"@id": data["WebSite"]["@id"]}
    assert page["dateModified"].startswith(
        ContentPage.objects.get(slug="contact").last_published_at.strftime("%Y-%m-%d")
    )


def test_json_ld_breadcrumbs_follow_the_visible_breadcrumbs(client):
    data = structured_data(client.get("/over-ons/maatwerkbedrijven/"))

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", ROOT + "/"),
        (2, "Over ons", ROOT + "/over-ons/"),
        (3, "Maatwerkbedrijven", ROOT + "/over-ons/maatwerkbedrijven/"),
    ]
    assert data["WebPage"]["breadcrumb"] == {"@id": data["BreadcrumbList"]["@id"]}


def test_the_home_page_has_no_breadcrumb_list(client):
    data = structured_data(client.get("/"))

    assert "BreadcrumbList" not in data
    assert data["WebPage"]["url"] == ROOT + "/"


def test_json_ld_cannot_be_broken_out_of_by_editors_text(client, maatwerkbedrijven):
    text = "Tekst met </script><script>alert('x')</script> & <!-- en -->"
    maatwerkbedrijven.summary = text
    maatwerkbedrijven.save_revision().publish()

    response = client.get("/over-ons/maatwerkbedrijven/")

    assert "</script><script>alert" not in response.content.decode()
    assert structured_data(response)["WebPage"]["description"] == text


def test_no_page_has_an_inline_script(client):
    """JSON-LD data and external scripts only: a strict Content-Security-Policy forbids the rest."""
    for url in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/contact/", "/zoeken/?q=a"]:
        for script in soup(client.get(url)).find_all("script"):
            assert script.get("type") == "application/ld+json" or script.get("src"), url


# The starting measures, in tree order (the order content/support.yaml lists them).
MEASURE_SLUGS = [
    "collectief-maatwerk",
    "individueel-maatwerk",
    "lokale-diensteneconomie",
    "regierol-sociale-economie",
    "opstart-en-innovatie",
    "sociaal-investeringsfonds",
    "managementondersteuning",
    "activiteitencooperaties",
]


def test_the_sitemap_lists_every_page_and_every_actor_type(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = [url.findtext("sm:loc", namespaces=SITEMAP_NS) for url in root]
    assert urls == [
        ROOT + path
        for path in [
            "/",
            "/ondersteuning/",
            *[f"/ondersteuning/{slug}/" for slug in MEASURE_SLUGS],
            "/oproepen/",
            "/partners/",
            "/over-ons/",
            *[f"/over-ons/{slug}/" for slug in ActorType.objects.values_list("slug", flat=True)],
            "/nieuws/",
            "/publicaties/",
            "/agenda/",
            "/agenda/archief/",
            "/contact/",
            "/toegankelijkheid/",
            "/privacy/",
            "/disclaimer/",
            "/open-data/",
        ]
    ]
    assert all(url.findtext("sm:lastmod", namespaces=SITEMAP_NS) for url in root)


def test_the_sitemap_leaves_out_drafts_and_unpublished_pages(client, maatwerkbedrijven):
    maatwerkbedrijven.unpublish()
    ContentPage.objects.get(slug="disclaimer").unpublish()

    text = client.get("/sitemap.xml").content.decode()

    assert "/over-ons/maatwerkbedrijven/" not in text
    assert "/disclaimer/" not in text
    assert "/over-ons/lokale-besturen/" in text


def test_the_sitemap_drops_a_page_at_once_when_it_is_unpublished(client, settings):
    """What it lists is a site-wide fragment, computed once per publish."""
    settings.PAGE_CACHE_TIMEOUT = 0
    assert "/disclaimer/" in client.get("/sitemap.xml").content.decode()

    ContentPage.objects.get(slug="disclaimer").unpublish()

    assert "/disclaimer/" not in client.get("/sitemap.xml").content.decode()


def sitemap_locations(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return [element.text for element in ET.fromstring(response.content).iter(f"{{{SM}}}loc")]


SM = SITEMAP_NS["sm"]


def test_a_large_site_gets_a_sitemap_index_of_sections_listing_each_address_once(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # the same address answers differently below
    single = sitemap_locations(client, "/sitemap.xml")

    # More live pages than 5 per file make the site "large"; the finder and its measures
    # fill two files of 5, the other pages three more.
    settings.SITEMAP_PAGES_PER_FILE = 5
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{SM}}}sitemapindex"
    sections = sitemap_locations(client, "/sitemap.xml")
    assert sections == [
        ROOT + "/sitemap-algemeen.xml",
        ROOT + "/sitemap-algemeen.xml?p=2",
        ROOT + "/sitemap-algemeen.xml?p=3",
        ROOT + "/sitemap-ondersteuning.xml",
        ROOT + "/sitemap-ondersteuning.xml?p=2",
    ]
    listed = []
    for section in sections:
        section_root = ET.fromstring(client.get(section.removeprefix(ROOT)).content)
        assert section_root.tag == f"{{{SM}}}urlset"
        listed += sitemap_locations(client, section.removeprefix(ROOT))
    assert sorted(listed) == sorted(single)  # every address, each once
    assert len(set(listed)) == len(listed)
    # Oproepen has no calls yet: it is listed with the general pages.
    assert ROOT + "/oproepen/" in sitemap_locations(client, "/sitemap-algemeen.xml")


def test_sitemap_sections_leave_out_drafts_unpublished_and_private_pages(
    client, settings, maatwerkbedrijven
):
    settings.PAGE_CACHE_TIMEOUT = 0
    settings.SITEMAP_PAGES_PER_FILE = 5
    maatwerkbedrijven.unpublish()
    ContentPage.objects.get(slug="disclaimer").unpublish()
    measure = Page.objects.get(slug="collectief-maatwerk")
    PageViewRestriction.objects.create(page=measure, restriction_type=PageViewRestriction.LOGIN)
    draft = ContentPage.objects.get(slug="privacy")
    draft.title = "Privacy, nieuwe versie"
    draft.save_revision()

    listed = [
        location
        for section in sitemap_locations(client, "/sitemap.xml")
        for location in sitemap_locations(client, section.removeprefix(ROOT))
    ]

    assert ROOT + "/over-ons/lokale-besturen/" in listed
    assert ROOT + "/over-ons/maatwerkbedrijven/" not in listed
    assert ROOT + "/disclaimer/" not in listed
    assert ROOT + "/ondersteuning/collectief-maatwerk/" not in listed
    assert listed.count(ROOT + "/privacy/") == 1


def test_an_unknown_sitemap_section_or_page_is_not_found(client, settings):
    settings.SITEMAP_PAGES_PER_FILE = 5

    assert client.get("/sitemap-bestaat-niet.xml").status_code == 404
    assert client.get("/sitemap-ondersteuning.xml?p=99").status_code == 404
    assert client.get("/sitemap-ondersteuning.xml?p=x").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /zoeken/" in lines
    assert (
        "Sitemap: http://localhost/sitemap.xml" in lines
    )  # the Site's address, not the Host header


def test_each_over_ons_section_has_a_visible_link_to_itself(client):
    html = soup(client.get("/over-ons/"))

    sections = html.find_all("section", class_="section")
    assert len(sections) == 4
    for section in sections:
        heading = section.find("h2")
        link = section.find("a", class_="section__anchor")
        assert link["href"] == f"#{heading['id']}"
        assert link.find(attrs={"aria-hidden": "true"}).get_text() == "#"
        assert " ".join(link.get_text(" ").split()) == (
            f"# Link naar deze sectie: {heading.get_text(strip=True)}"
        )


def test_404_page_is_dutch_with_search_and_a_way_home(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    tags = head(response)
    assert tags["title"] == "Pagina niet gevonden | Sociale economie"
    assert tags["meta"]["robots"] == "noindex"
    assert tags["canonical"] is None
    main = soup(response).find("main")
    assert main.find("form", role="search")["action"] == "/zoeken/"
    assert main.find("a", string="Ga naar de startpagina")["href"] == "/"
    assert "Zoek wat je nodig hebt, of begin opnieuw op de startpagina." in visible_text(response)


def test_500_page_has_search_and_a_way_home_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = BeautifulSoup(render_to_string("500.html"), "html.parser")

    assert html.h1.get_text(strip=True) == "Er ging iets mis"
    assert html.find("main").find("form", role="search")["action"] == "/zoeken/"
    assert html.find("a", string="Ga naar de startpagina")["href"] == "/"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "1700" in html.find("footer").get_text()
