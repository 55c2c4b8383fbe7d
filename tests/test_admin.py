"""Editors maintain everything in the Wagtail admin, in Dutch."""

import pytest
from wagtail.test.utils.form_data import rich_text

from actortypes.models import ActorType
from pages.models import Footer
from tests.factories import draft_actor_type
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_admin_login_is_in_dutch(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "nl"
    assert "Inloggen" in html.get_text()


def test_over_ons_edit_view_opens_with_its_sections(admin_client, about):
    response = admin_client.get(f"/admin/pages/{about.pk}/edit/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Wat is sociale economie?" in text
    assert "wat-is-sociale-economie" in text


def test_home_page_edit_view_opens(admin_client, home):
    assert admin_client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_actor_type_edit_view_opens(admin_client, maatwerkbedrijven):
    url = f"/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Maatwerkbedrijven" in response.content.decode()


def test_editors_reorder_actor_types_in_the_listing_and_the_site_follows(admin_client, client):
    listing = admin_client.get("/admin/snippets/actortypes/actortype/")
    assert "Pas item volgorde aan" in listing.content.decode()
    last = ActorType.objects.get(slug="sociale-ondernemingen")

    response = admin_client.post(
        f"/admin/snippets/actortypes/actortype/reorder/{last.pk}/?position=0"
    )

    assert response.status_code == 200
    cards = soup(client.get("/over-ons/")).select(".actor-card a")
    assert [a.get_text(strip=True) for a in cards][:2] == [
        "Sociale ondernemingen",
        "Activiteitencoöperaties",
    ]


def test_a_new_actor_type_goes_last_in_the_editors_order(admin_client, client):
    response = admin_client.post(
        "/admin/snippets/actortypes/actortype/add/",
        {
            "name": "Sociale coöperaties",
            "slug": "sociale-cooperaties",
            "summary": "Coöperaties met een sociaal doel.",
            "body": rich_text("<p>Coöperaties met een sociaal doel.</p>"),
            "action-publish": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    cards = soup(client.get("/over-ons/")).select(".actor-card a")
    assert [a.get_text(strip=True) for a in cards][-2:] == [
        "Sociale ondernemingen",
        "Sociale coöperaties",
    ]


def test_deleting_an_actor_type_deletes_its_history_and_approval_steps(superuser):
    actor_type = draft_actor_type()
    actor_type.get_workflow().start(actor_type, superuser)
    assert actor_type.revisions.exists() and actor_type.workflow_states.exists()
    revisions, workflow_states = actor_type.revisions, actor_type.workflow_states

    actor_type.delete()

    assert not revisions.exists()
    assert not workflow_states.exists()


def test_footer_edit_view_opens(admin_client):
    footer = Footer.objects.get()
    response = admin_client.get(f"/admin/snippets/pages/footer/edit/{footer.pk}/")
    assert response.status_code == 200
    assert "Departement Werk en Sociale Economie" in response.content.decode()


def test_an_editor_can_save_a_draft_of_an_actor_type_through_the_admin(
    admin_client, client, maatwerkbedrijven
):
    url = f"/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/"
    response = admin_client.post(
        url,
        {
            "name": "Maatwerkbedrijven",
            "slug": "maatwerkbedrijven",
            "summary": "Samenvatting in ontwerp.",
            "body": '{"blocks":[{"key":"a","text":"Tekst in ontwerp.","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        },
    )
    assert response.status_code == 302
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.has_unpublished_changes
    draft = maatwerkbedrijven.get_latest_revision_as_object()
    assert draft.summary == "Samenvatting in ontwerp."
    assert "Samenvatting in ontwerp." not in client.get("/over-ons/").content.decode()


def test_an_invalid_slug_gets_a_dutch_form_error_and_keeps_the_text(
    admin_client, maatwerkbedrijven
):
    url = f"/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/"
    response = admin_client.post(
        url,
        {
            "name": "Maatwerkbedrijven",
            # Any typed text becomes a slug (tests/test_addresses.py), but this one is taken.
            "slug": "Lokale besturen",
            "summary": "Mijn zorgvuldig geschreven samenvatting.",
            "body": '{"blocks":[{"key":"a","text":"Tekst.","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mijn zorgvuldig geschreven samenvatting." in text
    assert "kon niet worden opgeslagen" in text or "fouten" in text
    assert "Er bestaat al een Actortype met eenzelfde Slug." in text
