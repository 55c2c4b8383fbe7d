"""Actor types are snippets with drafts, revisions and previews; visitors see only what is live."""

import json

import pytest
from django.core.exceptions import ValidationError

from actortypes.models import ActorType
from tests.factories import draft_actor_type
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db


def over_ons_summaries(client):
    html = soup(client.get("/over-ons/"))
    return [p.get_text(strip=True) for p in html.select(".actor-card__summary")]


def test_a_saved_draft_changes_nothing_for_visitors(client, maatwerkbedrijven):
    maatwerkbedrijven.summary = "Een nieuwe samenvatting in ontwerp."
    maatwerkbedrijven.body = "<p>Nieuwe tekst in ontwerp.</p>"
    maatwerkbedrijven.save_revision()

    assert "Een nieuwe samenvatting in ontwerp." not in over_ons_summaries(client)
    page = main_text(client.get("/over-ons/maatwerkbedrijven/"))
    assert "Nieuwe tekst in ontwerp." not in page
    assert "Maatwerkbedrijven zijn erkende organisaties" in page


def test_publishing_updates_the_actor_page_and_the_over_ons_list(client, maatwerkbedrijven):
    maatwerkbedrijven.summary = "Maatwerk voor mensen met een afstand tot de arbeidsmarkt."
    maatwerkbedrijven.body = "<p>Vernieuwde tekst.</p>"
    maatwerkbedrijven.save_revision().publish()

    assert "Maatwerk voor mensen met een afstand tot de arbeidsmarkt." in over_ons_summaries(client)
    assert "Vernieuwde tekst." in main_text(client.get("/over-ons/maatwerkbedrijven/"))


def test_a_new_unpublished_actor_type_is_invisible(client):
    draft = draft_actor_type(summary="Nog niet klaar.")

    assert client.get("/over-ons/sociale-cooperaties/").status_code == 404
    assert "Sociale coöperaties" not in main_text(client.get("/over-ons/"))

    draft.get_latest_revision().publish()
    assert client.get("/over-ons/sociale-cooperaties/").status_code == 200
    assert "Sociale coöperaties" in main_text(client.get("/over-ons/"))


def test_an_unpublished_actor_type_disappears(client, maatwerkbedrijven):
    maatwerkbedrijven.unpublish()

    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 404
    assert "Maatwerkbedrijven" not in [
        a.get_text(strip=True) for a in soup(client.get("/over-ons/")).select(".actor-card a")
    ]


def test_editors_order_is_the_public_order(client):
    last = ActorType.objects.get(slug="sociale-ondernemingen")
    last.sort_order = -1
    last.save()

    names = [a.get_text(strip=True) for a in soup(client.get("/over-ons/")).select(".actor-card a")]
    assert names[0] == "Sociale ondernemingen"


def test_urls_are_stable_and_readable(maatwerkbedrijven):
    assert maatwerkbedrijven.get_url() == "/over-ons/maatwerkbedrijven/"
    assert maatwerkbedrijven.get_full_url() == "http://localhost/over-ons/maatwerkbedrijven/"


def test_slug_must_be_a_plain_slug_and_unique(maatwerkbedrijven):
    maatwerkbedrijven.slug = "maatwerk bedrijven!"
    with pytest.raises(ValidationError) as error:
        maatwerkbedrijven.full_clean()
    assert "slug" in error.value.message_dict

    duplicate = ActorType(name="Nog een", slug="ondernemingen", summary="x", body="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def test_preview_renders_the_public_template_with_unsaved_changes(maatwerkbedrijven):
    maatwerkbedrijven.body = "<p>Zo ziet mijn wijziging eruit.</p>"

    response = maatwerkbedrijven.make_preview_request()

    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Maatwerkbedrijven"
    assert "Zo ziet mijn wijziging eruit." in html.find("main").get_text()
    assert [li.get_text(strip=True) for li in html.select(".breadcrumbs li")] == [
        "Home",
        "Over ons",
        "Maatwerkbedrijven",
    ]


def test_admin_search_finds_actor_types(admin_client):
    response = admin_client.get("/admin/snippets/actortypes/actortype/", {"q": "maatwerk"})
    assert response.status_code == 200
    assert "Maatwerkbedrijven" in response.content.decode()
    assert "Lokale besturen" not in response.content.decode()


def test_every_actor_type_address_follows_the_over_ons_route(client, about, maatwerkbedrijven):
    # Built in one place (AboutPage.actor_type_links): renaming Over ons moves every link to the
    # actor types with it, in lists, search, the sitemap, canonical URLs and JSON-LD.
    about.slug = "wie-we-zijn"
    about.save_revision().publish()
    new_url = "/wie-we-zijn/maatwerkbedrijven/"

    assert maatwerkbedrijven.get_url() == new_url
    assert maatwerkbedrijven.get_full_url() == "http://localhost" + new_url
    for listing in ("/", "/wie-we-zijn/"):
        links = [a["href"] for a in soup(client.get(listing)).select(".actor-card a")]
        assert new_url in links and all(link.startswith("/wie-we-zijn/") for link in links)
    page = soup(client.get(new_url))
    assert page.find("link", rel="canonical")["href"] == "http://localhost" + new_url
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["item"] == "http://localhost" + new_url
    assert all(a["href"].startswith("/wie-we-zijn/") for a in page.select(".related__link"))
    assert "http://localhost" + new_url in client.get("/sitemap.xml").content.decode()
    results = soup(client.get("/zoeken/", {"q": "maatwerkbedrijven"}))
    assert new_url in [a["href"] for a in results.select(".search-result__link")]


def test_an_actor_type_previews_before_over_ons_exists(about, maatwerkbedrijven):
    about.unpublish()

    response = maatwerkbedrijven.make_preview_request()

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Maatwerkbedrijven"
    assert maatwerkbedrijven.get_url() is None
