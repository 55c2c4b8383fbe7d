"""Editors work with measures and calls as with every page: a Redacteur writes and submits, a
Hoofdredacteur approves; the rights come from the page tree, so they cover the new types."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from actortypes.models import ActorType
from support.models import CallIndexPage, CallPage, MeasurePage, SupportIndexPage
from tests.editorial import PAGE_WORKFLOW_ACTION
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db


def measure_form(**changes):
    data = {
        "title": "Steun voor circulaire sociale ondernemingen",
        "slug": "circulaire-sociale-ondernemingen",
        "summary": "Een subsidie voor sociale ondernemingen die circulair werken.",
        "kind": "financial",
        "status": "open",
        "status_notice": "",
        "amount": "",
        "how_to_apply": "",
        "application_url": "",
        "contact": "",
        "regulation_url": "",
        "body": streamfield([("text", rich_text("<p>Wie circulair werkt, krijgt steun.</p>"))]),
        "related_publications": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    # Checkboxes send one value per ticked box.
    return {
        **nested_form_data(data),
        "actor_types": [ActorType.objects.get(slug="sociale-ondernemingen").pk],
    }


def test_a_redacteur_submits_a_measure_and_a_hoofdredacteur_approves_it(
    client, redacteur, hoofdredacteur
):
    index = SupportIndexPage.objects.get()
    client.force_login(redacteur)
    editor = client.get(f"/admin/pages/add/support/measurepage/{index.pk}/")
    assert editor.status_code == 200
    # Actor types are chosen with checkboxes.
    boxes = soup(editor).select("input[type=checkbox][name=actor_types]")
    assert len(boxes) == ActorType.objects.count()

    response = client.post(
        f"/admin/pages/add/support/measurepage/{index.pk}/",
        {**measure_form(), "action-submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = MeasurePage.objects.get(slug="circulaire-sociale-ondernemingen")
    assert not measure.live and measure.workflow_in_progress
    assert "Steun voor circulaire" not in main_text(client.get("/ondersteuning/"))

    client.force_login(hoofdredacteur)
    task_state = measure.current_workflow_task_state
    response = client.post(PAGE_WORKFLOW_ACTION.format(measure.pk, "approve", task_state.pk))

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.live
    assert [a.slug for a in measure.actor_types.all()] == ["sociale-ondernemingen"]
    finder = client.get("/ondersteuning/?voor=sociale-ondernemingen")
    assert "Steun voor circulaire sociale ondernemingen" in main_text(finder)


def test_a_redacteur_cannot_publish_a_measure_directly(client, redacteur):
    index = SupportIndexPage.objects.get()
    client.force_login(redacteur)

    client.post(
        f"/admin/pages/add/support/measurepage/{index.pk}/",
        {**measure_form(), "action-publish": "1"},
    )

    assert not MeasurePage.objects.get(slug="circulaire-sociale-ondernemingen").live


def test_a_closed_measure_without_notice_gets_a_dutch_error(client, hoofdredacteur):
    index = SupportIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/support/measurepage/{index.pk}/",
        {**measure_form(status="closed"), "action-publish": "1"},
    )

    assert response.status_code == 200
    assert "Vertel bezoekers waarom ze niet meer kunnen aanvragen" in response.content.decode()
    assert not MeasurePage.objects.filter(slug="circulaire-sociale-ondernemingen").exists()


def call_form(rounds, **changes):
    data = {
        "title": "Oproep circulaire economie",
        "slug": "oproep-circulaire-economie",
        "summary": "Projectvoorstellen voor circulaire sociale economie.",
        "measure": "",
        "rounds": inline_formset(rounds, min=1),
        "funding": "",
        "amount": "",
        "how_to_apply": "",
        "application_url": "",
        "body": streamfield([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    # Checkboxes send one value per ticked box.
    return {
        **nested_form_data(data),
        "actor_types": [ActorType.objects.get(slug="sociale-ondernemingen").pk],
    }


def test_a_hoofdredacteur_publishes_a_call_with_rounds_in_brussels_time(client, hoofdredacteur):
    index = CallIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/support/callpage/{index.pk}/",
        {
            **call_form(
                [{"name": "", "opens_at": "01-12-2026 09:00", "closes_at": "15-01-2027 12:00"}]
            ),
            "action-publish": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    call = CallPage.objects.get(slug="oproep-circulaire-economie")
    assert call.live
    assert call.rounds.get().closes_label() == "15 januari 2027 om 12.00 uur"


def test_a_round_that_closes_before_it_opens_gets_a_dutch_error(client, hoofdredacteur):
    index = CallIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/support/callpage/{index.pk}/",
        {
            **call_form(
                [{"name": "", "opens_at": "15-01-2027 09:00", "closes_at": "01-12-2026 12:00"}]
            ),
            "action-publish": "1",
        },
    )

    assert response.status_code == 200
    assert "Een ronde sluit na de opening." in response.content.decode()
    assert not CallPage.objects.filter(slug="oproep-circulaire-economie").exists()


class TestSupportPagesRenderAndPreview(WagtailPageTestCase):
    def test_measures_and_calls_render_and_preview_in_the_public_templates(self):
        measure = MeasurePage.objects.get(slug="collectief-maatwerk")
        self.assertPageIsRenderable(measure)
        self.assertPageIsPreviewable(measure, post_data=measure_form(title="Collectief maatwerk"))
        for index in (SupportIndexPage.objects.get(), CallIndexPage.objects.get()):
            self.assertPageIsRenderable(index)
            self.assertPageIsPreviewable(index)
