"""Go-live and expiry dates, carried out by `manage.py publish_scheduled` (every minute by cron)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from actortypes.models import ActorType
from pages.models import ContentPage
from tests.editorial import ACTOR_TYPE_EDIT, ACTOR_TYPE_WORKFLOW_ACTION, actor_type_form
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "Vanaf maandag: de nieuwe beschrijving van maatwerkbedrijven."


def admin_datetime(moment):
    """A date and time as editors type them in the admin (WAGTAIL_DATETIME_FORMAT)."""
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def publish_scheduled():
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))


@pytest.fixture
def tomorrow():
    return timezone.now() + timedelta(days=1)


def test_an_actor_type_goes_live_at_its_go_live_date(
    client, hoofdredacteur, maatwerkbedrijven, tomorrow
):
    client.force_login(hoofdredacteur)
    response = client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(
            maatwerkbedrijven, "publish", summary=NEW_SUMMARY, go_live_at=admin_datetime(tomorrow)
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    publish_scheduled()
    assert NEW_SUMMARY not in visible_text(client.get("/over-ons/"))

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()

    assert NEW_SUMMARY in visible_text(client.get("/over-ons/"))
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.live and maatwerkbedrijven.summary == NEW_SUMMARY


def test_an_actor_type_goes_offline_at_its_expiry_date(
    client, hoofdredacteur, maatwerkbedrijven, tomorrow
):
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, "publish", expire_at=admin_datetime(tomorrow)),
    )
    publish_scheduled()
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()

    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 404
    assert "Maatwerkbedrijven" not in visible_text(client.get("/over-ons/"))
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.expired and not maatwerkbedrijven.live


def test_an_approved_submission_with_a_go_live_date_waits_for_that_date(
    client, redacteur, hoofdredacteur, maatwerkbedrijven, tomorrow
):
    client.force_login(redacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(
            maatwerkbedrijven, "submit", summary=NEW_SUMMARY, go_live_at=admin_datetime(tomorrow)
        ),
    )
    maatwerkbedrijven.refresh_from_db()
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_WORKFLOW_ACTION.format(
            maatwerkbedrijven.pk, "approve", maatwerkbedrijven.current_workflow_task_state.pk
        )
    )

    publish_scheduled()
    assert NEW_SUMMARY not in visible_text(client.get("/over-ons/"))
    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()
    assert NEW_SUMMARY in visible_text(client.get("/over-ons/"))


def test_a_page_goes_live_and_expires_on_schedule(client, about, tomorrow):
    about.title = "Over de sociale economie"
    about.go_live_at = tomorrow
    about.expire_at = tomorrow + timedelta(days=7)
    about.save_revision().publish()

    assert "Over de sociale economie" not in visible_text(client.get("/over-ons/"))
    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()
    assert "Over de sociale economie" in visible_text(client.get("/over-ons/"))
    with time_machine.travel(tomorrow + timedelta(days=7, minutes=1)):
        publish_scheduled()
    assert client.get("/over-ons/").status_code == 404


def test_a_scheduled_slug_change_redirects_the_old_address_once_it_goes_live(
    client, hoofdredacteur, maatwerkbedrijven, tomorrow
):
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(
            maatwerkbedrijven, "publish", slug="maatwerk", go_live_at=admin_datetime(tomorrow)
        ),
    )
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()

    response = client.get("/over-ons/maatwerkbedrijven/")
    assert (response.status_code, response["Location"]) == (301, "/over-ons/maatwerk/")


# Scheduling never loses work (issue 10, section 7).

EXPIRY_IN_THE_PAST = "Vervaldatum moet in de toekomst liggen."
PAGE_EDIT = "/admin/pages/{}/edit/"


def form_value(response, name):
    field = soup(response).find(attrs={"name": name})
    return field.get("value", "") if field else None


def test_an_actor_type_that_expired_can_be_edited_and_published_again(
    client, hoofdredacteur, maatwerkbedrijven, tomorrow
):
    client.force_login(hoofdredacteur)
    edit = ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk)
    client.post(
        edit, actor_type_form(maatwerkbedrijven, "publish", expire_at=admin_datetime(tomorrow))
    )

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()
        maatwerkbedrijven.refresh_from_db()
        assert maatwerkbedrijven.expired

        client.force_login(hoofdredacteur)  # a day later: a new admin session
        # The edit form no longer carries the past expiry date ...
        assert form_value(client.get(edit), "expire_at") == ""
        # ... and a form opened before the expiry, which still sends it, publishes too.
        response = client.post(
            edit,
            actor_type_form(
                maatwerkbedrijven,
                "publish",
                summary=NEW_SUMMARY,
                expire_at=admin_datetime(tomorrow),
            ),
        )
        assert response.status_code == 302, visible_text(response)[:2000]
        publish_scheduled()

    maatwerkbedrijven.refresh_from_db()
    assert (
        maatwerkbedrijven.live
        and not maatwerkbedrijven.expired
        and maatwerkbedrijven.expire_at is None
    )
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200
    assert NEW_SUMMARY in visible_text(client.get("/over-ons/"))


def test_an_expiry_date_typed_in_the_past_is_still_refused(
    client, hoofdredacteur, maatwerkbedrijven
):
    client.force_login(hoofdredacteur)
    response = client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(
            maatwerkbedrijven,
            "publish",
            expire_at=admin_datetime(timezone.now() - timedelta(hours=1)),
        ),
    )
    assert response.status_code == 200
    assert EXPIRY_IN_THE_PAST in response.content.decode()


def page_form(page, action, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(page.intro),
        "body": streamfield([("text", rich_text("<p>Bereikbaar op werkdagen.</p>"))]),
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
        f"action-{action}": "1",
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_page_that_expired_can_be_edited_and_published_again(client, hoofdredacteur, tomorrow):
    contact = ContentPage.objects.get(slug="contact")
    contact.expire_at = tomorrow
    contact.save_revision().publish()
    edit = PAGE_EDIT.format(contact.pk)

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        publish_scheduled()
        assert client.get("/contact/").status_code == 404

        client.force_login(hoofdredacteur)  # a day later: a new admin session
        assert form_value(client.get(edit), "expire_at") == ""
        response = client.post(
            edit, page_form(contact, "publish", expire_at=admin_datetime(tomorrow))
        )
        assert response.status_code == 302, visible_text(response)[:2000]
        publish_scheduled()

    contact.refresh_from_db()
    assert contact.live and contact.expire_at is None
    assert "Bereikbaar op werkdagen." in visible_text(client.get("/contact/"))


@pytest.fixture
def other_actor_type():
    return ActorType.objects.get(slug="lokale-besturen")


def schedule_change(client, redacteur, hoofdredacteur, maatwerkbedrijven, moment, **changes):
    """A Redacteur submits a change with a go-live date; a Hoofdredacteur approves it."""
    client.force_login(redacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, "submit", go_live_at=admin_datetime(moment), **changes),
    )
    maatwerkbedrijven.refresh_from_db()
    client.force_login(hoofdredacteur)
    client.post(
        ACTOR_TYPE_WORKFLOW_ACTION.format(
            maatwerkbedrijven.pk, "approve", maatwerkbedrijven.current_workflow_task_state.pk
        )
    )
    assert maatwerkbedrijven.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_scheduled_publication_that_fails_stops_nothing_else_and_is_reported(
    client, redacteur, hoofdredacteur, maatwerkbedrijven, other_actor_type, tomorrow, mailoutbox
):
    schedule_change(
        client,
        redacteur,
        hoofdredacteur,
        maatwerkbedrijven,
        tomorrow,
        slug="maatwerk",
        name="Maatwerk",
    )
    # Scheduled later, so Wagtail's own command would never reach it.
    client.post(
        ACTOR_TYPE_EDIT.format(other_actor_type.pk),
        actor_type_form(
            other_actor_type,
            "publish",
            summary=NEW_SUMMARY,
            go_live_at=admin_datetime(tomorrow + timedelta(minutes=5)),
        ),
    )
    # Someone takes the slug outside the admin's checks (an import, an older version).
    ActorType.objects.filter(slug="ondernemingen").update(slug="maatwerk")
    mailoutbox.clear()

    with time_machine.travel(tomorrow + timedelta(minutes=10)):
        publish_scheduled()

    other_actor_type.refresh_from_db()
    assert other_actor_type.summary == NEW_SUMMARY and other_actor_type.live
    maatwerkbedrijven.refresh_from_db()
    assert maatwerkbedrijven.slug == "maatwerkbedrijven" and maatwerkbedrijven.live
    # The change is not lost: it is the latest draft, no longer scheduled.
    assert maatwerkbedrijven.get_latest_revision_as_object().slug == "maatwerk"
    assert not maatwerkbedrijven.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200

    [mail] = mailoutbox
    assert sorted(mail.to) == ["hugo@example.org", "rita@example.org"]
    assert mail.subject == "Geplande publicatie mislukt: Maatwerkbedrijven"
    assert f"/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/" in mail.body
    history = client.get(f"/admin/snippets/actortypes/actortype/history/{maatwerkbedrijven.pk}/")
    assert "Geplande publicatie mislukt" in visible_text(history)

    # Nothing is left to retry every minute.
    mailoutbox.clear()
    with time_machine.travel(tomorrow + timedelta(minutes=11)):
        publish_scheduled()
    assert mailoutbox == []


def test_a_scheduled_page_whose_slug_was_taken_is_reported_and_the_others_go_live(
    client, hoofdredacteur, home, about, tomorrow, mailoutbox
):
    contact = ContentPage.objects.get(slug="contact")
    contact.slug = "vacatures"
    contact.go_live_at = tomorrow
    contact.save_revision(user=hoofdredacteur).publish(user=hoofdredacteur)
    about.title = "Over de sociale economie"
    about.go_live_at = tomorrow + timedelta(minutes=5)
    about.save_revision().publish()
    home.add_child(instance=ContentPage(title="Vacatures", slug="vacatures"))

    with time_machine.travel(tomorrow + timedelta(minutes=10)):
        publish_scheduled()

    assert "Over de sociale economie" in visible_text(client.get("/over-ons/"))
    assert client.get("/contact/").status_code == 200
    [mail] = mailoutbox
    assert mail.to == ["hugo@example.org"]
    assert "vacatures" in mail.body


def test_the_admin_refuses_a_slug_or_name_that_a_scheduled_change_will_take(
    client, redacteur, hoofdredacteur, maatwerkbedrijven, other_actor_type, tomorrow
):
    schedule_change(
        client,
        redacteur,
        hoofdredacteur,
        maatwerkbedrijven,
        tomorrow,
        slug="maatwerk",
        name="Maatwerk",
    )
    maatwerkbedrijven.refresh_from_db()

    client.force_login(redacteur)
    response = client.post(
        ACTOR_TYPE_EDIT.format(other_actor_type.pk),
        actor_type_form(other_actor_type, "submit", slug="maatwerk"),
    )

    assert response.status_code == 200
    assert "“maatwerk” is gereserveerd" in visible_text(response)
    other_actor_type.refresh_from_db()
    assert other_actor_type.get_latest_revision_as_object().slug == "lokale-besturen"
    response = client.post(
        ACTOR_TYPE_EDIT.format(other_actor_type.pk),
        actor_type_form(other_actor_type, "submit", name="Maatwerk"),
    )
    assert response.status_code == 200
    assert "“Maatwerk” is gereserveerd" in visible_text(response)


def test_the_admin_refuses_a_page_slug_that_a_scheduled_change_will_take(
    client, hoofdredacteur, home, tomorrow
):
    contact = ContentPage.objects.get(slug="contact")
    contact.slug = "vacatures"
    contact.go_live_at = tomorrow
    contact.save_revision().publish()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/pages/contentpage/{home.pk}/",
        page_form(ContentPage(title="Vacatures", slug="vacatures", intro=""), "publish"),
    )

    assert response.status_code == 200
    assert "“vacatures” is gereserveerd" in visible_text(response)
    assert not ContentPage.objects.filter(slug="vacatures").exists()
