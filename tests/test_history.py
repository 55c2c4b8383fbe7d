"""History, restore, locking, the concurrent-editing notice and the audit log are switched on."""

import pytest
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db

SNIPPET_ADMIN = "/admin/snippets/actortypes/actortype"
DRAFT_SUMMARY = "Een zorgvuldig herschreven samenvatting die niet verloren mag gaan."


def save_draft(client, actor_type, **changes):
    response = client.post(
        ACTOR_TYPE_EDIT.format(actor_type.pk), actor_type_form(actor_type, **changes)
    )
    actor_type.refresh_from_db()
    return response


def test_revisions_of_an_actor_type_can_be_compared_and_restored(
    client, hoofdredacteur, maatwerkbedrijven
):
    original = maatwerkbedrijven.summary
    first = maatwerkbedrijven.latest_revision
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, "publish", summary=DRAFT_SUMMARY),
    )
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.summary == DRAFT_SUMMARY

    history = client.get(f"{SNIPPET_ADMIN}/history/{maatwerkbedrijven.pk}/")
    compare = client.get(
        f"{SNIPPET_ADMIN}/history/{maatwerkbedrijven.pk}/revisions/compare/{first.pk}...latest/"
    )
    revert = client.get(
        f"{SNIPPET_ADMIN}/history/{maatwerkbedrijven.pk}/revisions/{first.pk}/revert/"
    )

    assert history.status_code == compare.status_code == revert.status_code == 200
    assert "Hugo" in visible_text(history)
    assert original in compare.content.decode() and DRAFT_SUMMARY in compare.content.decode()
    # The restore view is the editor, filled with the old revision, ready to publish again.
    assert soup(revert).find("textarea", attrs={"name": "summary"}).get_text().strip() == original
    client.post(
        f"{SNIPPET_ADMIN}/history/{maatwerkbedrijven.pk}/revisions/{first.pk}/revert/",
        actor_type_form(maatwerkbedrijven, "publish", summary=original),
    )
    assert original in visible_text(client.get("/over-ons/"))


def test_revisions_of_a_page_can_be_compared_and_restored(client, hoofdredacteur, about):
    first = about.latest_revision
    about.title = "Over de sociale economie"
    about.save_revision(user=hoofdredacteur).publish(user=hoofdredacteur)
    client.force_login(hoofdredacteur)

    compare = client.get(f"/admin/pages/{about.pk}/revisions/compare/{first.pk}...latest/")
    revert = client.get(f"/admin/pages/{about.pk}/revisions/{first.pk}/revert/")
    history = client.get(f"/admin/pages/{about.pk}/history/")

    assert compare.status_code == revert.status_code == history.status_code == 200
    assert "Over de sociale economie" in compare.content.decode()
    assert soup(revert).find("input", attrs={"name": "title"})["value"] == "Over ons"
    assert "Hugo" in visible_text(history)


def test_a_lock_taken_by_someone_else_refuses_the_save_but_keeps_the_text(
    client, redacteur, hoofdredacteur, maatwerkbedrijven
):
    client.force_login(hoofdredacteur)
    assert client.post(f"{SNIPPET_ADMIN}/lock/{maatwerkbedrijven.pk}/").status_code == 302
    revisions_before = maatwerkbedrijven.revisions.count()

    client.force_login(redacteur)
    editor = client.get(ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk))
    assert "vergrendeld" in visible_text(editor)
    response = save_draft(client, maatwerkbedrijven, summary=DRAFT_SUMMARY)

    assert response.status_code == 200
    assert maatwerkbedrijven.revisions.count() == revisions_before
    # Nothing typed is lost: the editor comes back with the text, to copy or save later.
    assert (
        soup(response).find("textarea", attrs={"name": "summary"}).get_text().strip()
        == DRAFT_SUMMARY
    )
    assert "vergrendeld" in visible_text(response)


def test_only_a_hoofdredacteur_lifts_someone_elses_lock(
    client, redacteur, hoofdredacteur, about, maatwerkbedrijven
):
    client.force_login(hoofdredacteur)
    client.post(f"{SNIPPET_ADMIN}/lock/{maatwerkbedrijven.pk}/")
    client.force_login(redacteur)
    client.post(f"{SNIPPET_ADMIN}/unlock/{maatwerkbedrijven.pk}/")
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.locked and maatwerkbedrijven.locked_by == hoofdredacteur

    client.post(f"/admin/pages/{about.pk}/lock/")
    about.refresh_from_db()
    assert about.locked and about.locked_by == redacteur
    client.force_login(hoofdredacteur)
    client.post(f"/admin/pages/{about.pk}/unlock/")
    about.refresh_from_db()
    assert not about.locked


def test_the_concurrent_editing_notice_names_the_other_editor(
    client, redacteur, hoofdredacteur, maatwerkbedrijven
):
    ping = f"/admin/editing-sessions/ping/actortypes/actortype/{maatwerkbedrijven.pk}/0/"
    client.force_login(redacteur)
    assert (
        "editing-sessions"
        in client.get(ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk)).content.decode()
    )
    client.post(ping, {"is_editing": "1"})

    client.force_login(hoofdredacteur)
    others = client.post(ping).json()["other_sessions"]

    assert [(other["user"], other["is_editing"]) for other in others] == [("Rita", True)]


def test_the_audit_log_records_who_did_what(
    client, redacteur, hoofdredacteur, maatwerkbedrijven, about
):
    client.force_login(redacteur)
    save_draft(client, maatwerkbedrijven, summary=DRAFT_SUMMARY)
    client.post(f"{SNIPPET_ADMIN}/lock/{maatwerkbedrijven.pk}/")
    client.post(f"{SNIPPET_ADMIN}/unlock/{maatwerkbedrijven.pk}/")
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, "publish", summary=DRAFT_SUMMARY),
    )
    about.save_revision(user=hoofdredacteur).publish(user=hoofdredacteur)

    entries = {
        (entry.action, entry.user.username)
        for entry in ModelLogEntry.objects.for_instance(maatwerkbedrijven).select_related("user")
        if entry.user
    }
    assert {
        ("wagtail.edit", "rita"),
        ("wagtail.lock", "rita"),
        ("wagtail.unlock", "rita"),
    } <= entries
    assert ("wagtail.publish", "hugo") in entries
    assert PageLogEntry.objects.filter(
        page=about, action="wagtail.publish", user=hoofdredacteur
    ).exists()
    site_history = client.get("/admin/reports/site-history/")
    assert site_history.status_code == 200
    assert "Maatwerkbedrijven" in visible_text(site_history)
