"""Go-live and expiry dates, carried out by `manage.py publish_scheduled` (every minute by cron)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.editorial import ACTOR_TYPE_EDIT, ACTOR_TYPE_WORKFLOW_ACTION, actor_type_form
from tests.html import visible_text

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
