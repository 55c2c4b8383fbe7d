"""Three groups, least privilege: Redacteurs write, Hoofdredacteurs publish, Beheerders manage."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from actortypes.models import ActorType
from editorial.roles import MODEL_PERMISSIONS, set_up_editorial_roles
from pages.models import Footer
from partners.models import Partner
from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import soup

pytestmark = pytest.mark.django_db

ADMIN_ONLY = (
    "/admin/redirects/",
    "/admin/users/",
    "/admin/settings/pages/vlaanderenwidgetsettings/",
)


def page_actions(client, url):
    """The names of the action buttons an editor gets on an edit view."""
    html = soup(client.get(url))
    return {button["name"] for button in html.select("button[name^=action-]")}


def opens(client, url):
    return client.get(url, follow=True).redirect_chain == []


def test_the_three_groups_exist_with_dutch_names_and_wagtails_english_ones_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redacteurs", "Hoofdredacteurs", "Beheerders"} <= names
    assert not names & {"Editors", "Moderators"}


def test_model_permissions_are_least_privilege():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert codenames("Redacteurs") == {
        "access_admin",
        "add_actortype",
        "change_actortype",
        "lock_actortype",
        "change_footer",
        "lock_footer",
        "add_partner",
        "change_partner",
        "lock_partner",
    }
    assert codenames("Hoofdredacteurs") == {
        "access_admin",
        "add_actortype",
        "change_actortype",
        "delete_actortype",
        "publish_actortype",
        "lock_actortype",
        "unlock_actortype",
        "change_footer",
        "publish_footer",
        "lock_footer",
        "unlock_footer",
        "add_partner",
        "change_partner",
        "delete_partner",
        "publish_partner",
        "lock_partner",
        "unlock_partner",
        "add_redirect",
        "change_redirect",
        "delete_redirect",
        "add_searchpromotion",
        "change_searchpromotion",
        "delete_searchpromotion",
    }
    assert codenames("Beheerders") == {
        "access_admin",
        "change_vlaanderenwidgetsettings",
        "add_user",
        "change_user",
        "delete_user",
    }


def test_page_permissions_hang_on_the_home_page(home):
    def page_codenames(name):
        return set(
            GroupPagePermission.objects.filter(group__name=name, page=home).values_list(
                "permission__codename", flat=True
            )
        )

    assert page_codenames("Redacteurs") == {"add_page", "change_page", "lock_page"}
    assert page_codenames("Hoofdredacteurs") == {
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    }
    assert page_codenames("Beheerders") == set()


def test_every_page_and_every_snippet_goes_through_redactionele_goedkeuring(home, about):
    workflow = Workflow.objects.get(name="Redactionele goedkeuring")
    assert WorkflowPage.objects.get(page=home).workflow == workflow
    assert about.get_workflow() == workflow
    assert ActorType.objects.first().get_workflow() == workflow
    assert Footer.objects.get().get_workflow() == workflow
    assert Partner.objects.first().get_workflow() == workflow
    assert {
        workflow_type.content_type.model
        for workflow_type in WorkflowContentType.objects.filter(workflow=workflow)
    } == {"actortype", "footer", "partner"}
    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert [group.name for group in task.groups.all()] == ["Hoofdredacteurs"]


def test_a_redacteur_edits_and_submits_but_cannot_publish(
    client, redacteur, about, maatwerkbedrijven
):
    client.force_login(redacteur)

    snippet_actions = page_actions(client, ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk))
    page_edit_actions = page_actions(client, f"/admin/pages/{about.pk}/edit/")

    assert "action-submit" in snippet_actions
    assert "action-publish" not in snippet_actions
    assert "action-submit" in page_edit_actions
    assert "action-publish" not in page_edit_actions
    assert not about.permissions_for_user(redacteur).can_publish()
    assert not about.permissions_for_user(redacteur).can_unpublish()
    assert not redacteur.has_perm("actortypes.delete_actortype")
    assert opens(client, "/admin/images/")
    assert opens(client, "/admin/documents/")
    assert opens(client, "/admin/images/multiple/add/")
    for forbidden in ADMIN_ONLY:
        assert not opens(client, forbidden), forbidden


def test_a_hoofdredacteur_also_publishes_unpublishes_and_manages_redirects(
    client, hoofdredacteur, about, maatwerkbedrijven
):
    client.force_login(hoofdredacteur)

    assert "action-publish" in page_actions(client, ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk))
    assert "action-publish" in page_actions(client, f"/admin/pages/{about.pk}/edit/")
    assert about.permissions_for_user(hoofdredacteur).can_unpublish()
    assert opens(client, "/admin/redirects/")
    assert opens(client, "/admin/redirects/import/")
    for forbidden in (
        "/admin/users/",
        "/admin/groups/",
        "/admin/settings/pages/vlaanderenwidgetsettings/",
    ):
        assert not opens(client, forbidden), forbidden


def test_a_beheerder_manages_settings_and_users_but_not_content(
    client, beheerder, about, maatwerkbedrijven
):
    client.force_login(beheerder)

    response = client.get("/admin/settings/pages/vlaanderenwidgetsettings/", follow=True)
    assert "Vlaanderen-header en -footer" in response.content.decode()
    assert opens(client, "/admin/users/")
    assert opens(client, "/admin/users/new/")
    for forbidden in (
        f"/admin/pages/{about.pk}/edit/",
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        "/admin/redirects/",
        "/admin/images/",
    ):
        assert not opens(client, forbidden), forbidden


def test_the_set_up_is_idempotent_and_rebuilds_what_is_missing(home):
    before = (Group.objects.count(), Workflow.objects.count(), GroupPagePermission.objects.count())

    set_up_editorial_roles(apps, home_page_id=home.pk)
    assert (
        Group.objects.count(),
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
    ) == before

    Group.objects.filter(name="Redacteurs").delete()
    Workflow.objects.filter(name="Redactionele goedkeuring").delete()
    set_up_editorial_roles(apps, home_page_id=home.pk)

    # Every permission of the role, those of models added later (grant_new_model) too.
    assert Group.objects.get(name="Redacteurs").permissions.count() == len(
        MODEL_PERMISSIONS["Redacteurs"]
    )
    assert GroupPagePermission.objects.filter(group__name="Redacteurs", page=home).count() == 3
    assert home.get_workflow().name == "Redactionele goedkeuring"


def test_the_login_form_is_dutch_throughout(client):
    html = soup(client.get("/admin/login/"))
    labels = [label.get_text(" ", strip=True) for label in html.select("label.w-field__label")]
    assert labels == ["Gebruikersnaam *", "Wachtwoord *"]


def test_the_actor_type_listing_shows_each_status_in_dutch(client, redacteur, maatwerkbedrijven):
    client.force_login(redacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, summary="In ontwerp."),
    )

    rows = soup(client.get("/admin/snippets/actortypes/actortype/")).select("tbody tr")
    statuses = {
        row.select_one("td.title a").get_text(strip=True): row.select_one(".w-status").get_text(
            " ", strip=True
        )
        for row in rows
    }
    assert statuses["Maatwerkbedrijven"] == "live + concept"
    assert statuses["Lokale besturen"] == "live"
