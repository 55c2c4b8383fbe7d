"""The footer is editorial content: drafts, versions, approval, and telephone numbers that dial."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState

from pages.models import Footer
from tests.editorial import FOOTER_EDIT, FOOTER_WORKFLOW_ACTION, footer_form
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def footer():
    return Footer.objects.get()


def footer_text(client):
    return " ".join(soup(client.get("/")).find("footer").get_text(" ").split())


def test_bel_ons_maar_is_refused_with_a_dutch_message_and_the_form_keeps_it(
    client, hoofdredacteur, footer
):
    client.force_login(hoofdredacteur)

    response = client.post(
        FOOTER_EDIT.format(footer.pk), footer_form(footer, action="publish", phone="bel ons maar")
    )

    assert response.status_code == 200
    html = soup(response)
    assert html.find("input", attrs={"name": "phone"})["value"] == "bel ons maar"
    assert "Vul een telefoonnummer in, zoals 02 553 00 00, +32 2 553 00 00 of 1700." in (
        html.get_text()
    )
    footer.refresh_from_db()
    assert footer.phone == "1700"
    assert "tel:belonsmaar" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "typed, shown, href",
    [
        ("1700", "1700", "tel:1700"),
        ("02 553 00 00", "02 553 00 00", "tel:+3225530000"),
        ("02/553.00.00", "02 553 00 00", "tel:+3225530000"),
        ("+32 2 553 00 00", "02 553 00 00", "tel:+3225530000"),
        ("0032 475 12 34 56", "0475 12 34 56", "tel:+32475123456"),
    ],
)
def test_belgian_numbers_are_written_one_way_and_dial_in_international_form(
    client, footer, typed, shown, href
):
    footer.phone = typed
    footer.full_clean()
    footer.save_revision().publish()

    link = soup(client.get("/")).find("footer").find("a", href=href)
    assert link is not None and link.get_text(strip=True) == shown


@pytest.mark.parametrize("typed", ["bel ons maar", "12345", "02 553", "+32 2 553 00 00 00 00"])
def test_what_is_no_number_is_refused(footer, typed):
    footer.phone = typed
    with pytest.raises(ValidationError) as error:
        footer.full_clean()
    assert list(error.value.message_dict) == ["phone"]


def test_a_number_saved_before_validation_shows_without_a_wrong_link(client, footer):
    Footer.objects.filter(pk=footer.pk).update(phone="bel ons maar")

    footer_html = soup(client.get("/")).find("footer")
    assert "bel ons maar" in footer_html.get_text()
    assert not footer_html.select('a[href^="tel:"]')


def test_the_starting_footer_has_an_e_mail_address_that_opens_the_mail_program(client):
    footer = soup(client.get("/")).find("footer")
    link = footer.find("a", href="mailto:socialeeconomie@vlaanderen.be")
    assert link.get_text(strip=True) == "socialeeconomie@vlaanderen.be"


def test_a_redacteurs_change_is_a_draft_that_visitors_do_not_see(client, redacteur, footer):
    client.force_login(redacteur)

    response = client.post(FOOTER_EDIT.format(footer.pk), footer_form(footer, phone="02 553 00 00"))

    assert response.status_code == 302
    footer.refresh_from_db()
    assert footer.has_unpublished_changes
    assert footer.get_latest_revision_as_object().phone == "02 553 00 00"
    client.logout()
    assert "1700" in footer_text(client)
    assert "02 553 00 00" not in footer_text(client)


def test_a_redacteur_cannot_publish_the_footer_even_with_a_forged_button(client, redacteur, footer):
    client.force_login(redacteur)
    assert 'name="action-publish"' not in client.get(FOOTER_EDIT.format(footer.pk)).content.decode()

    client.post(FOOTER_EDIT.format(footer.pk), footer_form(footer, "publish", phone="02 553 00 00"))

    client.logout()
    assert "02 553 00 00" not in footer_text(client)


def test_the_footer_goes_live_after_a_hoofdredacteur_approves_and_keeps_its_history(
    client, redacteur, hoofdredacteur, footer
):
    versions_before = footer.revisions.count()
    client.force_login(redacteur)
    client.post(FOOTER_EDIT.format(footer.pk), footer_form(footer, "submit", phone="02 553 00 00"))
    footer.refresh_from_db()
    task_state = footer.current_workflow_task_state
    assert task_state.task.name == "Goedkeuring door een hoofdredacteur"
    assert "02 553 00 00" not in footer_text(client)

    client.force_login(hoofdredacteur)
    response = client.post(
        FOOTER_WORKFLOW_ACTION.format(footer.pk, "approve", task_state.pk), {"comment": ""}
    )

    assert response.status_code == 302
    footer.refresh_from_db()
    assert footer.current_workflow_state is None
    assert footer.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert footer.phone == "02 553 00 00"
    assert "02 553 00 00" in footer_text(client)
    assert footer.revisions.count() > versions_before
    history = client.get(f"/admin/snippets/pages/footer/history/{footer.pk}/")
    assert "Goedgekeurd" in visible_text(history) or "Gepubliceerd" in visible_text(history)


def test_the_footer_preview_shows_the_draft_in_the_sites_own_page(client, hoofdredacteur, footer):
    client.force_login(hoofdredacteur)
    url = f"/admin/snippets/pages/footer/preview/{footer.pk}/"
    client.post(url, footer_form(footer, phone="02 553 00 00"))

    preview = soup(client.get(url))

    assert preview.find("footer").find("a", href="tel:+3225530000")
    assert preview.find("main", id="main-content")


def test_a_beheerder_no_longer_edits_the_footer(client, beheerder, footer):
    client.force_login(beheerder)
    assert client.get(FOOTER_EDIT.format(footer.pk)).status_code in (302, 403)
