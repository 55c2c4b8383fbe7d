"""Redactionele goedkeuring: a Redacteur submits, a Hoofdredacteur approves or asks for changes."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from tests.editorial import (
    ACTOR_TYPE_EDIT,
    ACTOR_TYPE_WORKFLOW_ACTION,
    PAGE_WORKFLOW_ACTION,
    actor_type_form,
)
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "Maatwerkbedrijven bieden werk op maat aan wie elders moeilijk aan de slag kan."


def submit(client, actor_type, **changes):
    response = client.post(
        ACTOR_TYPE_EDIT.format(actor_type.pk),
        actor_type_form(actor_type, action="submit", **changes),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor_type.refresh_from_db()
    return actor_type.current_workflow_task_state


def test_a_submitted_draft_waits_for_a_hoofdredacteur_who_is_told_by_email(
    client, redacteur, hoofdredacteur, maatwerkbedrijven
):
    client.force_login(redacteur)
    mail.outbox.clear()

    task_state = submit(client, maatwerkbedrijven, summary=NEW_SUMMARY)

    assert maatwerkbedrijven.workflow_in_progress
    assert task_state.task.name == "Goedkeuring door een hoofdredacteur"
    assert NEW_SUMMARY not in visible_text(client.get("/over-ons/maatwerkbedrijven/"))
    [message] = mail.outbox
    assert message.to == ["hugo@example.org"]
    assert message.subject == (
        "Actortype 'Maatwerkbedrijven' is ingediend ter goedkeuring in beoordelingsfase "
        "'Goedkeuring door een hoofdredacteur'."
    )
    assert message.body.startswith("Hallo Hugo,")
    assert f"/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/" in message.body


def test_approval_publishes_on_the_actor_page_and_the_over_ons_list(
    client, redacteur, hoofdredacteur, maatwerkbedrijven
):
    client.force_login(redacteur)
    task_state = submit(client, maatwerkbedrijven, summary=NEW_SUMMARY)
    mail.outbox.clear()

    client.force_login(hoofdredacteur)
    response = client.post(
        ACTOR_TYPE_WORKFLOW_ACTION.format(maatwerkbedrijven.pk, "approve", task_state.pk),
        {"comment": "Helder, dank je."},
    )

    assert response.status_code == 302
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.live and not maatwerkbedrijven.has_unpublished_changes
    assert maatwerkbedrijven.summary == NEW_SUMMARY
    assert NEW_SUMMARY in visible_text(client.get("/over-ons/"))
    # The actor page carries its summary as the description search engines and link previews show.
    actor_page = soup(client.get("/over-ons/maatwerkbedrijven/"))
    assert actor_page.find("meta", attrs={"name": "description"})["content"] == NEW_SUMMARY
    [message] = mail.outbox
    assert message.to == ["rita@example.org"]
    assert message.subject == (
        "Actortype 'Maatwerkbedrijven' is goedgekeurd in 'Redactionele goedkeuring'."
    )
    task_state.refresh_from_db()
    assert task_state.finished_by == hoofdredacteur
    assert task_state.comment == "Helder, dank je."


def test_a_rejected_draft_keeps_every_word_the_redacteur_wrote(
    client, redacteur, hoofdredacteur, maatwerkbedrijven
):
    client.force_login(redacteur)
    task_state = submit(client, maatwerkbedrijven, summary=NEW_SUMMARY)
    mail.outbox.clear()

    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_WORKFLOW_ACTION.format(maatwerkbedrijven.pk, "reject", task_state.pk),
        {"comment": "Graag een bron vermelden."},
    )

    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert maatwerkbedrijven.get_latest_revision_as_object().summary == NEW_SUMMARY
    assert NEW_SUMMARY not in visible_text(client.get("/over-ons/"))
    [message] = mail.outbox
    assert message.to == ["rita@example.org"]
    assert "Graag een bron vermelden." in message.body
    # Back in the editor, the Redacteur finds their text and the Hoofdredacteur's comment.
    client.force_login(redacteur)
    editor = client.get(ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk)).content.decode()
    assert NEW_SUMMARY in editor
    assert "Graag een bron vermelden." in editor


def test_a_forged_publish_by_a_redacteur_only_saves_a_draft(client, redacteur, maatwerkbedrijven):
    client.force_login(redacteur)

    response = client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, action="publish", summary=NEW_SUMMARY),
    )

    assert response.status_code == 302
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.summary != NEW_SUMMARY
    assert maatwerkbedrijven.has_unpublished_changes
    assert maatwerkbedrijven.get_latest_revision_as_object().summary == NEW_SUMMARY
    assert NEW_SUMMARY not in visible_text(client.get("/over-ons/"))


def test_pages_go_through_the_same_workflow(client, redacteur, hoofdredacteur, about):
    about.title = "Over de sociale economie"
    revision = about.save_revision(user=redacteur)
    about.get_workflow().start(about, redacteur)
    about.refresh_from_db()
    task_state = about.current_workflow_task_state
    assert client.get("/over-ons/").status_code == 200
    assert "Over de sociale economie" not in visible_text(client.get("/over-ons/"))

    client.force_login(hoofdredacteur)
    response = client.post(PAGE_WORKFLOW_ACTION.format(about.pk, "approve", task_state.pk))

    assert response.status_code == 302
    about.refresh_from_db()
    assert about.live_revision == revision
    assert "Over de sociale economie" in visible_text(client.get("/over-ons/"))
