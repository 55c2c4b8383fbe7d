"""Nobody raises their own rights: real (and forged) POSTs to the admin's user views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from tests.factories import EDITOR_PASSWORD, make_editor
from tests.html import form_errors, soup

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "nieuw-sterk-wachtwoord-2026"


def group_id(name):
    return Group.objects.get(name=name).pk


def account_form(account=None, **changes):
    """The user form as the admin sends it: the account's current values, then the changes."""
    data = {
        "username": account.username if account else "nieuw",
        "email": account.email if account else "nieuw@example.org",
        "first_name": account.first_name or "Voornaam" if account else "Nieuw",
        "last_name": account.last_name or "Account" if account else "Account",
        "password1": "",
        "password2": "",
    }
    if account:
        data["is_active"] = "on" if account.is_active else ""
        data["groups"] = [group.pk for group in account.groups.all()]
    else:
        data.update(password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def create(client, **changes):
    return client.post("/admin/users/new/", account_form(**changes))


def edit(client, account, **changes):
    return client.post(f"/admin/users/edit/{account.pk}/", account_form(account, **changes))


def bulk(client, action, accounts, **data):
    ids = "&".join(f"id={account.pk}" for account in accounts)
    return client.post(f"/admin/bulk/auth/user/{action}/?{ids}&next=/admin/users/", data)


def refused(response):
    """Wagtail answers a view the user may not use with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == "/admin/"


def groups_of(account):
    return set(account.groups.values_list("name", flat=True))


@pytest.fixture
def other_group():
    """A group a superuser made outside the editorial roles, e.g. for the developers."""
    return Group.objects.create(name="Ontwikkelaars")


# A Beheerder and the superusers


def test_a_beheerder_cannot_create_a_superuser_even_with_a_forged_checkbox(client, beheerder):
    client.force_login(beheerder)

    response = create(client, is_superuser="on", groups=[group_id("Redacteurs")])

    assert response.status_code == 302
    account = User.objects.get(username="nieuw")
    assert not account.is_superuser
    assert groups_of(account) == {"Redacteurs"}


@pytest.mark.parametrize("action", ["edit", "set password", "deactivate"])
def test_a_beheerder_cannot_change_a_superusers_account(client, beheerder, superuser, action):
    client.force_login(beheerder)
    changes = {
        "edit": {"email": "aanvaller@example.org"},
        "set password": {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        "deactivate": {"is_active": ""},
    }[action]

    assert refused(client.get(f"/admin/users/edit/{superuser.pk}/"))
    assert refused(edit(client, superuser, **changes))

    superuser.refresh_from_db()
    assert superuser.email == "beheerder@example.org"
    assert superuser.check_password("test-wachtwoord")
    assert superuser.is_active
    assert not client.login(username="beheerder", password=NEW_PASSWORD)


def test_a_beheerder_cannot_delete_a_superuser(client, beheerder, superuser):
    client.force_login(beheerder)

    assert refused(client.get(f"/admin/users/delete/{superuser.pk}/"))
    assert refused(client.post(f"/admin/users/delete/{superuser.pk}/"))
    assert User.objects.filter(pk=superuser.pk).exists()
    assert refused(client.get(f"/admin/users/history/{superuser.pk}/"))


def test_a_beheerder_cannot_make_an_editor_a_superuser(client, beheerder, redacteur):
    client.force_login(beheerder)

    assert edit(client, redacteur, is_superuser="on").status_code == 302

    redacteur.refresh_from_db()
    assert not redacteur.is_superuser


def test_a_beheerder_does_not_see_the_superusers_or_the_superuser_checkbox(
    client, beheerder, redacteur, superuser
):
    client.force_login(beheerder)

    def listed(url):
        return {cell.get_text(strip=True) for cell in soup(client.get(url)).select("td")}

    assert {"rita", "bea"} <= listed("/admin/users/")
    assert superuser.username not in listed("/admin/users/")
    assert superuser.username not in listed(f"/admin/users/?q={superuser.username}")
    assert "rita" in listed("/admin/users/?q=rita")
    for url in ("/admin/users/new/", f"/admin/users/edit/{redacteur.pk}/"):
        html = soup(client.get(url))
        assert html.select_one("[name=is_superuser]") is None, url
        assert html.select_one("#tab-label-full-access") is None, url


# Groups


def test_nobody_changes_their_own_groups(client, beheerder):
    client.force_login(beheerder)

    response = edit(
        client,
        beheerder,
        first_name="Bea",
        groups=[group_id("Beheerders"), group_id("Hoofdredacteurs")],
        is_superuser="on",
    )

    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert beheerder.first_name == "Bea"
    assert groups_of(beheerder) == {"Beheerders"}
    assert not beheerder.is_superuser
    html = soup(client.get(f"/admin/users/edit/{beheerder.pk}/"))
    assert html.select_one("[name=groups]") is None
    assert "Niemand wijzigt zijn eigen groepen" in html.select_one("#tab-roles").get_text(" ")


def test_not_even_a_superuser_changes_their_own_groups_or_status(admin_client, superuser):
    response = edit(admin_client, superuser, groups=[group_id("Redacteurs")], is_active="")

    assert response.status_code == 302
    superuser.refresh_from_db()
    assert groups_of(superuser) == set()
    assert superuser.is_active and superuser.is_superuser


def test_a_beheerder_gives_only_the_editorial_groups(client, beheerder, other_group):
    client.force_login(beheerder)

    response = create(client, groups=[other_group.pk])

    assert response.status_code == 200
    assert not User.objects.filter(username="nieuw").exists()
    assert form_errors(response) == [
        f"Selecteer een geldige keuze. {other_group.pk} is geen beschikbare keuze."
    ]

    assert create(client, groups=[group_id("Hoofdredacteurs")]).status_code == 302
    assert groups_of(User.objects.get(username="nieuw")) == {"Hoofdredacteurs"}


def test_a_beheerder_does_not_manage_accounts_outside_the_editorial_groups(
    client, beheerder, other_group
):
    developer = make_editor("dirk", "Ontwikkelaars")
    client.force_login(beheerder)

    assert refused(client.get(f"/admin/users/edit/{developer.pk}/"))
    assert refused(edit(client, developer, password1=NEW_PASSWORD, password2=NEW_PASSWORD))
    assert refused(client.post(f"/admin/users/delete/{developer.pk}/"))
    developer.refresh_from_db()
    assert developer.check_password(EDITOR_PASSWORD)


def test_a_beheerder_manages_redacteurs_hoofdredacteurs_and_beheerders(
    client, beheerder, redacteur, hoofdredacteur
):
    other_beheerder = make_editor("bart", "Beheerders")
    client.force_login(beheerder)

    assert edit(client, redacteur, groups=[group_id("Hoofdredacteurs")]).status_code == 302
    assert groups_of(redacteur) == {"Hoofdredacteurs"}
    assert edit(client, hoofdredacteur, is_active="").status_code == 302
    hoofdredacteur.refresh_from_db()
    assert not hoofdredacteur.is_active
    assert (
        edit(client, other_beheerder, password1=NEW_PASSWORD, password2=NEW_PASSWORD).status_code
        == 302
    )
    other_beheerder.refresh_from_db()
    assert other_beheerder.check_password(NEW_PASSWORD)
    assert client.post(f"/admin/users/delete/{other_beheerder.pk}/").status_code == 302
    assert not User.objects.filter(pk=other_beheerder.pk).exists()


def test_a_superuser_manages_superusers_and_any_group(admin_client, redacteur, other_group):
    response = edit(admin_client, redacteur, is_superuser="on", groups=[other_group.pk])

    assert response.status_code == 302
    redacteur.refresh_from_db()
    assert redacteur.is_superuser
    assert groups_of(redacteur) == {"Ontwikkelaars"}


# Bulk actions on the user listing


def test_bulk_actions_follow_the_same_rules(client, beheerder, redacteur, superuser):
    client.force_login(beheerder)

    bulk(client, "assign_role", [beheerder, superuser], role=group_id("Hoofdredacteurs"))
    bulk(client, "set_active_state", [superuser, beheerder], mark_as_active="False")
    bulk(client, "delete", [superuser, beheerder])

    superuser.refresh_from_db()
    beheerder.refresh_from_db()
    assert superuser.is_active and groups_of(superuser) == set()
    assert beheerder.is_active and groups_of(beheerder) == {"Beheerders"}

    bulk(client, "assign_role", [redacteur], role=group_id("Hoofdredacteurs"))
    assert groups_of(redacteur) == {"Redacteurs", "Hoofdredacteurs"}


def test_bulk_assign_role_offers_only_the_editorial_groups(
    client, beheerder, redacteur, other_group
):
    client.force_login(beheerder)

    response = bulk(client, "assign_role", [redacteur], role=other_group.pk)

    assert response.status_code == 200
    assert groups_of(redacteur) == {"Redacteurs"}
    html = soup(client.get(f"/admin/bulk/auth/user/assign_role/?id={redacteur.pk}"))
    offered = {option.get_text(strip=True) for option in html.select("[name=role] option")}
    assert offered == {"---------", "Redacteurs", "Hoofdredacteurs", "Beheerders"}


# What the form tells whoever makes an account


def test_each_group_says_what_it_may_do_where_accounts_are_made(admin_client):
    html = soup(admin_client.get("/admin/users/new/"))

    labels = {
        label.strong.get_text(strip=True): label.select_one(".account-group__rights").get_text(
            strip=True
        )
        for label in html.select("#tab-roles label")
        if label.strong
    }
    assert labels == {
        "Redacteurs": "Schrijven en bewerken pagina's, actortypes, partners, de voettekst, "
        "afbeeldingen en documenten en dienen ze in ter goedkeuring. Kunnen niet publiceren, "
        "depubliceren of verwijderen. Afbeeldingen en documenten wachten in “Te keuren” tot een "
        "Hoofdredacteur ze vrijgeeft.",
        "Hoofdredacteurs": "Alles wat Redacteurs doen, en daarnaast goedkeuren, publiceren, "
        "depubliceren en verwijderen. Geven afbeeldingen en documenten vrij en vervangen hun "
        "bestanden. Beheren ook doorverwijzingen en uitgelichte zoekresultaten.",
        "Beheerders": "Beheren de site-instellingen (Vlaanderen-widget) en de accounts van "
        "Redacteurs, Hoofdredacteurs en Beheerders. Geen inhoud, en nooit hun eigen groepen.",
    }


def test_the_superuser_checkbox_has_a_tab_of_its_own_far_from_the_groups(admin_client):
    html = soup(admin_client.get("/admin/users/new/"))

    assert html.select_one("#tab-roles [name=is_superuser]") is None
    full_access = html.select_one("#tab-full-access")
    assert full_access.select_one("[name=is_superuser]") is not None
    assert "Volledige toegang (superuser)" in full_access.get_text(" ")


def test_passwords_have_at_least_twelve_characters(client, beheerder):
    client.force_login(beheerder)

    response = create(client, password1="kort-2026", password2="kort-2026")

    assert response.status_code == 200
    assert not User.objects.filter(username="nieuw").exists()
    too_short = "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."
    assert too_short in form_errors(response)


def test_every_change_to_an_account_is_in_its_history(client, beheerder, redacteur):
    client.force_login(beheerder)

    edit(client, redacteur, is_active="")

    entry = ModelLogEntry.objects.for_instance(redacteur).first()
    assert (entry.action, entry.user) == ("wagtail.edit", beheerder)
