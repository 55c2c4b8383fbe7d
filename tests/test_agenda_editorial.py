"""Editors work with events as with every page: a Redacteur writes and submits, a
Hoofdredacteur approves; dates are entered in Belgian time."""

import pytest
import time_machine
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from actortypes.models import ActorType
from newsroom.models import EventIndexPage, EventPage
from tests.editorial import PAGE_WORKFLOW_ACTION
from tests.html import main_text, soup
from tests.support_factories import brussels

pytestmark = pytest.mark.django_db

ADD_EVENT = "/admin/pages/add/newsroom/eventpage/{}/"


def event_form(**changes):
    data = {
        "title": "Infosessie collectief maatwerk",
        "slug": "infosessie-collectief-maatwerk",
        "summary": "Alles over de erkenning als maatwerkbedrijf.",
        "start_at": "15-01-2027 12:00",
        "end_at": "15-01-2027 16:00",
        "attendance_mode": "offline",
        "venue_name": "Herman Teirlinck",
        "street": "Havenlaan 88",
        "postcode": "1000",
        "municipality": "Brussel",
        "online_url": "",
        "province": "brussel",
        "organiser": "",
        "registration_url": "https://example.org/inschrijven",
        "registration_deadline": "12-01-2027 23:59",
        "body": streamfield([("text", rich_text("<p>Het programma.</p>"))]),
        "report": streamfield([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    # Checkboxes send one value per ticked box.
    return {
        **nested_form_data(data),
        "actor_types": [ActorType.objects.get(slug="maatwerkbedrijven").pk],
    }


@time_machine.travel(brussels(2027, 1, 5, 9, 0), tick=False)
def test_a_redacteur_submits_an_event_and_a_hoofdredacteur_approves_it(
    client, redacteur, hoofdredacteur
):
    index = EventIndexPage.objects.get()
    client.force_login(redacteur)
    editor = client.get(ADD_EVENT.format(index.pk))
    assert editor.status_code == 200
    boxes = soup(editor).select("input[type=checkbox][name=actor_types]")
    assert len(boxes) == ActorType.objects.count()

    response = client.post(ADD_EVENT.format(index.pk), {**event_form(), "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="infosessie-collectief-maatwerk")
    assert not event.live and event.workflow_in_progress
    assert "Infosessie collectief maatwerk" not in main_text(client.get("/agenda/"))

    client.force_login(hoofdredacteur)
    task_state = event.current_workflow_task_state
    response = client.post(PAGE_WORKFLOW_ACTION.format(event.pk, "approve", task_state.pk))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live
    # Entered in Belgian time: 12.00 in Brussels is 11.00 UTC in winter.
    assert event.start_at == brussels(2027, 1, 15, 12, 0)
    client.logout()
    agenda = client.get("/agenda/?voor=maatwerkbedrijven")
    assert "Infosessie collectief maatwerk" in main_text(agenda)
    assert "15 januari 2027 van 12.00 tot 16.00 uur" in main_text(agenda)


def test_a_redacteur_cannot_publish_an_event_directly(client, redacteur):
    index = EventIndexPage.objects.get()
    client.force_login(redacteur)

    client.post(ADD_EVENT.format(index.pk), {**event_form(), "action-publish": "1"})

    assert not EventPage.objects.get(slug="infosessie-collectief-maatwerk").live


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"end_at": "15-01-2027 11:00"}, "Een activiteit eindigt na de start."),
        ({"registration_deadline": "16-01-2027 09:00"}, "De uiterste inschrijfdatum valt voor"),
        ({"municipality": ""}, "Vul in waar de activiteit plaatsvindt."),
        ({"province": "online"}, "Kies de provincie waar de activiteit plaatsvindt."),
        ({"postcode": "10A0"}, "Een Belgische postcode heeft vier cijfers."),
        ({"slug": "archief"}, "Dit adres gebruikt de agenda zelf."),
    ],
    ids=["ends-before-start", "deadline-after-end", "no-place", "no-province", "postcode", "slug"],
)
def test_wrong_input_gets_a_dutch_form_error(client, hoofdredacteur, changes, error):
    index = EventIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        ADD_EVENT.format(index.pk), {**event_form(**changes), "action-publish": "1"}
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EventPage.objects.filter(title="Infosessie collectief maatwerk").exists()


def test_an_online_event_needs_no_address_and_is_filed_under_online(client, hoofdredacteur):
    index = EventIndexPage.objects.get()
    client.force_login(hoofdredacteur)
    online = {
        "attendance_mode": "online",
        "venue_name": "",
        "street": "",
        "postcode": "",
        "municipality": "",
        "province": "",
        "online_url": "https://example.org/webinar",
    }

    response = client.post(
        ADD_EVENT.format(index.pk), {**event_form(**online), "action-publish": "1"}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert EventPage.objects.get(slug="infosessie-collectief-maatwerk").province == "online"


def test_a_scheduled_event_appears_only_from_its_go_live_moment(client, hoofdredacteur):
    from django.core.management import call_command

    index = EventIndexPage.objects.get()
    with time_machine.travel(brussels(2027, 1, 5, 9, 0), tick=False):
        client.force_login(hoofdredacteur)
        response = client.post(
            ADD_EVENT.format(index.pk),
            {**event_form(go_live_at="06-01-2027 10:00"), "action-publish": "1"},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        event = EventPage.objects.get(slug="infosessie-collectief-maatwerk")
        assert not event.live and event.go_live_at == brussels(2027, 1, 6, 10, 0)
        client.logout()
        assert "Infosessie collectief maatwerk" not in main_text(client.get("/agenda/"))
    with time_machine.travel(brussels(2027, 1, 6, 10, 1), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert "Infosessie collectief maatwerk" in main_text(client.get("/agenda/"))


class TestEventPagesRenderAndPreview(WagtailPageTestCase):
    def test_events_and_the_agenda_render_and_preview_in_the_public_templates(self):
        from tests.newsroom_factories import make_event

        event = make_event("Studiedag", brussels(2027, 1, 15, 9, 0))
        self.assertPageIsRenderable(event)
        self.assertPageIsPreviewable(event, post_data=event_form(title="Studiedag"))
        index = EventIndexPage.objects.get()
        self.assertPageIsRenderable(index)
        self.assertPageIsPreviewable(index)
