"""Publicaties: guides, reports, brochures and regulation texts below /publicaties/, each with
its document (format and size), its accessibility, and the measures that list it."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Collection, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from actortypes.models import ActorType
from editorial.roles import REVIEW_COLLECTION
from newsroom.models import PublicationIndexPage, PublicationPage
from support.models import MeasurePage, SupportIndexPage
from tests.html import form_errors, main_text, soup
from tests.newsroom_factories import make_document, make_publication
from tests.test_support_editorial import measure_form

pytestmark = pytest.mark.django_db

PUBLICATIONS = "/publicaties/"


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select("main .news-item__link")]


def status_text(response):
    return " ".join(soup(response).find(role="status").get_text(" ").split())


def actor(slug):
    return ActorType.objects.get(slug=slug)


def text_of(element):
    return " ".join(element.get_text(" ").split())


def test_publications_live_below_the_one_publications_overview():
    assert PublicationPage.allowed_parent_page_models() == [PublicationIndexPage]
    assert PublicationIndexPage.allowed_subpage_models() == [PublicationPage]
    assert PublicationIndexPage.max_count == 1


def test_a_fresh_install_has_an_empty_publications_overview(client):
    response = client.get(PUBLICATIONS)

    assert response.status_code == 200
    assert PublicationPage.objects.count() == 0
    assert status_text(response) == "0 publicaties gevonden"
    assert "Er zijn nog geen publicaties. Handleidingen, rapporten, brochures en regelgeving " in (
        main_text(response)
    )


def test_the_loader_adds_the_publications_overview_to_an_existing_install_once():
    PublicationIndexPage.objects.get().delete()

    call_command("load_initial_data", stdout=open("/dev/null", "w"))
    call_command("load_initial_data", stdout=open("/dev/null", "w"))

    assert PublicationIndexPage.objects.get().url_path == "/home/publicaties/"


def test_publications_are_listed_newest_first_with_kind_date_and_download(client):
    make_publication("Jaarrapport 2025", date(2026, 6, 12), "report")
    make_publication(
        "Handleiding collectief maatwerk",
        date(2026, 11, 2),
        document=make_document("Handleiding", "handleiding.pdf", b"%PDF" + b"x" * 2044),
    )

    response = client.get(PUBLICATIONS)

    assert titles(response) == ["Handleiding collectief maatwerk", "Jaarrapport 2025"]
    first = soup(response).select_one("main .news-item")
    assert text_of(first.select_one(".news-item__date")) == "Handleiding 2 november 2026"
    assert text_of(first.select_one(".news-item__download")) == (
        "Downloaden : Handleiding collectief maatwerk PDF, 2,0\xa0KB".replace("\xa0", " ")
    )
    assert first.select_one(".news-item__download a")["href"].startswith("/documenten/")


def test_filters_by_kind_and_by_actor_type_with_counts(client):
    make_publication("Rapport maatwerk", date(2026, 6, 1), "report", [actor("maatwerkbedrijven")])
    make_publication("Rapport lokaal", date(2026, 6, 2), "report", [actor("lokale-besturen")])
    make_publication("Gids maatwerk", date(2026, 6, 3), "guide", [actor("maatwerkbedrijven")])

    response = client.get(PUBLICATIONS + "?soort=report")
    assert titles(response) == ["Rapport lokaal", "Rapport maatwerk"]

    both = client.get(PUBLICATIONS + "?soort=report&voor=maatwerkbedrijven")
    assert titles(both) == ["Rapport maatwerk"]
    assert status_text(both) == "1 publicatie gevonden"
    guide = soup(both).find("label", attrs={"for": "soort-guide"})
    assert text_of(guide) == "Handleiding (1)"
    # Two filters: too many combinations for search engines.
    assert soup(both).find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_filters_without_results_say_so_and_lead_back(client):
    make_publication("Rapport maatwerk", date(2026, 6, 1), "report")

    response = client.get(PUBLICATIONS + "?soort=regulation")

    assert "Geen enkele publicatie past bij alle filters die je koos." in main_text(response)
    assert soup(response).find("a", string="Bekijk alle publicaties")["href"] == PUBLICATIONS


def test_drafts_expired_and_private_publications_are_never_listed(client):
    make_publication("Gepubliceerd", date(2026, 6, 1))
    make_publication("Concept", date(2026, 6, 2), publish=False)
    expired = make_publication("Verlopen", date(2026, 6, 3))
    PublicationPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    private = make_publication("Afgeschermd", date(2026, 6, 4))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert titles(client.get(PUBLICATIONS)) == ["Gepubliceerd"]


def test_a_publication_shows_its_document_with_format_and_size(client):
    publication = make_publication(
        "Handleiding collectief maatwerk",
        date(2026, 11, 2),
        actor_types=[actor("maatwerkbedrijven")],
        document=make_document("Handleiding", "handleiding.pdf", b"%PDF" + b"x" * 2044),
    )

    response = client.get(publication.url)

    text = main_text(response)
    assert "Home Publicaties Handleiding collectief maatwerk" in text
    assert "Handleiding 2 november 2026" in text
    download = soup(response).select_one(".publication__download")
    assert download["href"] == publication.document.url
    assert text_of(download.parent) == "Downloaden : Handleiding collectief maatwerk PDF, 2,0 KB"
    assert "Voor wie Maatwerkbedrijven" in text


def test_a_document_waiting_for_release_is_not_linked(client):
    review = Collection.objects.get(name=REVIEW_COLLECTION)
    publication = make_publication(
        "Rapport", date(2026, 6, 1), document=make_document(collection=review)
    )

    response = client.get(publication.url)

    assert not soup(response).select(".publication__download")
    assert "Het document is op dit moment niet beschikbaar." in main_text(response)
    assert not soup(client.get(PUBLICATIONS)).select(".news-item__download")


def accessibility_text(response):
    dl = soup(response).select_one(".summary-box__list")
    return text_of(dl.find("dt", string="Toegankelijkheid").find_next_sibling("dd"))


def test_a_publication_says_how_accessible_its_document_is(client):
    accessible = make_publication("Toegankelijke gids", date(2026, 6, 1), is_accessible=True)
    with_version = make_publication(
        "Rapport met versie",
        date(2026, 6, 2),
        accessible_document=make_document("Rapport (toegankelijk)", "rapport.docx", b"docx"),
    )
    without = make_publication("Oud rapport", date(2026, 6, 3))

    assert accessibility_text(client.get(accessible.url)) == (
        "Dit document is toegankelijk: een schermlezer kan het voorlezen."
    )
    response = client.get(with_version.url)
    assert accessibility_text(response) == "Toegankelijke versie DOCX, 4 bytes"
    link = soup(response).find("a", string="Toegankelijke versie")
    assert link["href"] == with_version.accessible_document.url
    assert accessibility_text(client.get(without.url)) == (
        "Er is nog geen toegankelijke versie. Heb je er een nodig? Vraag het ons via "
        "socialeeconomie@vlaanderen.be ."
    )


def test_a_publication_is_described_for_search_engines_with_its_file(client):
    publication = make_publication("Jaarrapport 2025", date(2026, 6, 12), "report")

    script = soup(client.get(publication.url)).find("script", type="application/ld+json")
    graph = {node["@type"]: node for node in json.loads(script.string)["@graph"]}

    report = graph["Report"]
    assert report["name"] == "Jaarrapport 2025"
    assert report["datePublished"] == "2026-06-12"
    assert report["encoding"]["encodingFormat"] == "application/pdf"
    assert report["encoding"]["contentUrl"] == "http://localhost" + publication.document.url


def test_a_measure_lists_the_publications_chosen_for_it_that_visitors_may_open(client):
    guide = make_publication("Handleiding collectief maatwerk", date(2026, 11, 2))
    draft = make_publication("Ontwerp", date(2026, 11, 3), publish=False)
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    measure.related_publications.create(publication=guide)
    measure.related_publications.create(publication=draft)
    measure.save_revision().publish()

    section = soup(client.get(measure.url)).find("h2", string="Publicaties").find_parent("section")

    assert text_of(section) == "Publicaties Handleiding Handleiding collectief maatwerk"
    assert section.find("a")["href"] == guide.url


def publication_form(chosen_document, **changes):
    data = {
        "title": "Handleiding voor maatwerkbedrijven",
        "slug": "handleiding-maatwerkbedrijven",
        "publication_type": "guide",
        "date": "02-11-2026",
        "summary": "Hoe een maatwerkbedrijf zijn erkenning aanvraagt.",
        "document": chosen_document.pk,
        "accessible_document": "",
        "body": streamfield([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return {**nested_form_data(data), "actor_types": [actor("maatwerkbedrijven").pk]}


def test_a_hoofdredacteur_publishes_a_publication_with_its_document(client, hoofdredacteur):
    index = PublicationIndexPage.objects.get()
    document = make_document()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/newsroom/publicationpage/{index.pk}/",
        {**publication_form(document, is_accessible="on"), "action-publish": "1"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert titles(client.get(PUBLICATIONS + "?soort=guide&voor=maatwerkbedrijven")) == [
        "Handleiding voor maatwerkbedrijven"
    ]


def test_a_publication_without_a_document_gets_a_dutch_error(client, hoofdredacteur):
    index = PublicationIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/newsroom/publicationpage/{index.pk}/",
        {**publication_form(make_document(), document=""), "action-publish": "1"},
    )

    assert response.status_code == 200
    assert form_errors(response) == ["Dit is een verplicht veld."]
    assert not PublicationPage.objects.filter(slug="handleiding-maatwerkbedrijven").exists()


def test_an_editor_chooses_publications_for_a_measure_in_the_admin(client, hoofdredacteur):
    guide = make_publication("Handleiding circulair ondernemen", date(2026, 11, 2))
    index = SupportIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    data = measure_form(related_publications=inline_formset([{"publication": guide.pk}]))
    response = client.post(
        f"/admin/pages/add/support/measurepage/{index.pk}/", {**data, "action-publish": "1"}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    measure = client.get("/ondersteuning/circulaire-sociale-ondernemingen/")
    assert "Publicaties Handleiding Handleiding circulair ondernemen" in main_text(measure)


class TestPublicationPagesRenderAndPreview(WagtailPageTestCase):
    def test_publication_pages_render_and_preview_in_the_public_templates(self):
        publication = make_publication("Rapport", date(2026, 6, 1))
        self.assertPageIsRenderable(publication)
        self.assertPageIsPreviewable(
            publication, post_data=publication_form(publication.document, title="Rapport")
        )
        index = PublicationIndexPage.objects.get()
        self.assertPageIsRenderable(index)
        self.assertPageIsPreviewable(index)
