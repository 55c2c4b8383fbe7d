"""Editors run the site alone: from a Redacteur's draft to a Hoofdredacteur's approval and rename.

The admin is for desktops: these tests use a 1280 px wide window.
"""

import pytest
from django.utils import timezone

from actortypes.models import ActorType
from tests.browser.conftest import log_in, screenshot
from tests.factories import make_editor

NEW_SUMMARY = "Maatwerkbedrijven bieden werk op maat aan wie elders moeilijk aan de slag kan."
OLD_SUMMARY_START = "Maatwerkbedrijven zijn erkende organisaties"


@pytest.fixture
def editors(site_url):
    return make_editor("rita", "Redacteurs"), make_editor("hugo", "Hoofdredacteurs")


@pytest.fixture
def actor_type(site_url):
    return ActorType.objects.get(slug="maatwerkbedrijven")


def edit_url(site_url, actor_type):
    return f"{site_url}/admin/snippets/actortypes/actortype/edit/{actor_type.pk}/"


def press(tab, button):
    """Clicks a button that submits the editor's form and waits for the answer page."""
    with tab.expect_navigation():
        button.click()


def open_more_actions(tab):
    """The editor's footer keeps its other actions behind a toggle next to the main button."""
    tab.locator("footer .w-dropdown__toggle").first.click()
    tab.locator("footer .w-dropdown__content").first.wait_for(state="visible")
    tab.wait_for_timeout(300)  # let the menu finish fading in before a screenshot


def visitor_sees(browser, url):
    context = browser.new_context()
    tab = context.new_page()
    response = tab.goto(url)
    text = tab.locator("body").inner_text()
    description = tab.locator('meta[name="description"]').get_attribute("content")
    context.close()
    return response.status, text, description


def test_a_redacteurs_change_goes_live_after_approval_and_survives_a_rename(
    browser, desktop, site_url, editors, actor_type
):
    # A Redacteur edits the summary and saves a draft: visitors still see the old text.
    rita = log_in(desktop, site_url, "rita")
    rita.goto(edit_url(site_url, actor_type))
    rita.get_by_role("textbox", name="Samenvatting").fill(NEW_SUMMARY)
    press(rita, rita.get_by_role("button", name="Bewaar concept"))
    assert (
        "Actortype 'Maatwerkbedrijven' is opgeslagen als concept: "
        "bezoekers zien nog de gepubliceerde versie."
    ) in rita.locator(".messages").inner_text()
    status, text, _ = visitor_sees(browser, site_url + "/over-ons/")
    assert NEW_SUMMARY not in text and OLD_SUMMARY_START in text

    # They submit it for approval; they have no way to publish.
    rita.goto(edit_url(site_url, actor_type))
    open_more_actions(rita)
    assert rita.locator("button[name=action-publish]").count() == 0
    screenshot(rita, "admin-redacteur-actions")
    press(rita, rita.get_by_role("button", name="Stuur door naar Redactionele goedkeuring"))
    assert (
        "Actortype 'Maatwerkbedrijven' wacht op goedkeuring (Goedkeuring door een hoofdredacteur)"
    ) in rita.locator(".messages").inner_text()
    rita.close()

    # A Hoofdredacteur finds it on their dashboard and approves it.
    hugo = log_in(desktop, site_url, "hugo")
    awaiting = hugo.get_by_role("region", name="In afwachting van jouw beoordeling")
    screenshot(hugo, "admin-hoofdredacteur-dashboard")
    awaiting.get_by_role("link", name="Maatwerkbedrijven").click()
    hugo.wait_for_url(edit_url(site_url, actor_type))
    open_more_actions(hugo)
    screenshot(hugo, "admin-hoofdredacteur-review")
    press(hugo, hugo.locator("button[data-workflow-action-name=approve]").first)
    assert ("Actortype 'Maatwerkbedrijven' is live: bezoekers zien deze versie.") in hugo.locator(
        ".messages"
    ).inner_text()

    status, text, _ = visitor_sees(browser, site_url + "/over-ons/")
    assert NEW_SUMMARY in text
    status, _, description = visitor_sees(browser, site_url + "/over-ons/maatwerkbedrijven/")
    assert (status, description) == (200, NEW_SUMMARY)

    # The Hoofdredacteur renames the slug and publishes: the old address answers 301.
    hugo.goto(edit_url(site_url, actor_type))
    hugo.get_by_role("textbox", name="Slug").fill("maatwerk")
    open_more_actions(hugo)
    press(hugo, hugo.locator("button[name=action-publish]"))
    assert "is live: bezoekers zien deze versie." in hugo.locator(".messages").inner_text()
    screenshot(hugo, "admin-after-rename")

    old = hugo.request.get(site_url + "/over-ons/maatwerkbedrijven/", max_redirects=0)
    assert (old.status, old.headers["location"]) == (301, "/over-ons/maatwerk/")
    visitor = desktop().new_page()
    visitor.goto(site_url + "/over-ons/")
    card = visitor.get_by_role("link", name="Maatwerkbedrijven", exact=True).first
    assert card.get_attribute("href").endswith("/over-ons/maatwerk/")
    visitor.goto(site_url + "/over-ons/maatwerkbedrijven/")
    assert visitor.url == site_url + "/over-ons/maatwerk/"
    assert visitor.locator("h1").inner_text() == "Maatwerkbedrijven"


def test_a_redacteur_cannot_publish_not_even_with_a_forged_request(
    browser, desktop, site_url, editors, actor_type
):
    rita = log_in(desktop, site_url, "rita")
    rita.goto(edit_url(site_url, actor_type))
    open_more_actions(rita)
    assert rita.locator("button[name=action-publish]").count() == 0
    assert rita.locator("button[name=action-submit]").count() == 1

    # Post the editor's own form with a publish button it does not have.
    rita.get_by_role("textbox", name="Samenvatting").fill(NEW_SUMMARY)
    with rita.expect_navigation():
        rita.evaluate(
            """() => {
                const form = document.querySelector("form[data-edit-form]");
                const forged = document.createElement("input");
                forged.type = "hidden";
                forged.name = "action-publish";
                forged.value = "action-publish";
                form.append(forged);
                form.requestSubmit();
            }"""
        )

    actor_type.refresh_from_db()
    assert actor_type.summary.startswith(OLD_SUMMARY_START)
    assert actor_type.has_unpublished_changes
    assert actor_type.get_latest_revision_as_object().summary == NEW_SUMMARY
    status, text, _ = visitor_sees(browser, site_url + "/over-ons/")
    assert NEW_SUMMARY not in text
    assert "is opgeslagen als concept" in rita.locator(".messages").inner_text()
    # The edit screen asks the server in the background (its preview, its checks): the test's
    # database (SQLite in memory, one connection) ends only after those answers.
    rita.wait_for_load_state("networkidle")


def test_a_redacteur_plans_the_go_live_of_a_change_in_the_schedule_dialog(
    desktop, site_url, editors, actor_type
):
    rita = log_in(desktop, site_url, "rita")
    rita.goto(edit_url(site_url, actor_type))
    rita.get_by_role("textbox", name="Samenvatting").fill(NEW_SUMMARY)

    rita.locator('[data-side-panel-toggle="status"]').click()
    set_schedule = rita.get_by_role("button", name="Stel schema in")
    set_schedule.wait_for()
    rita.wait_for_timeout(400)  # let the panel finish sliding in before a screenshot
    screenshot(rita, "admin-status-panel")
    set_schedule.click()
    dialog = rita.get_by_role("dialog", name="Schema voor publicatie vaststellen")
    dialog.get_by_label("Publiceer op").fill("01-01-2031 09:00")
    # Typing opens a calendar over the dialog; clicking beside it closes it, as an editor would.
    calendar = rita.locator(".xdsoft_datetimepicker").first
    calendar.wait_for(state="visible")
    dialog.get_by_role("heading", name="Schema voor publicatie vaststellen").click()
    calendar.wait_for(state="hidden")
    screenshot(rita, "admin-schedule-dialog")
    dialog.get_by_role("button", name="Schema opslaan").click()
    open_more_actions(rita)
    press(rita, rita.get_by_role("button", name="Stuur door naar Redactionele goedkeuring"))

    actor_type.refresh_from_db()
    draft = actor_type.get_latest_revision_as_object()
    assert draft.summary == NEW_SUMMARY
    assert timezone.localtime(draft.go_live_at).strftime("%d-%m-%Y %H:%M") == "01-01-2031 09:00"
    assert actor_type.workflow_in_progress
