"""Where accounts are made, a Beheerder reads what each group may do and never meets the
superuser checkbox; a superuser finds it on a tab of its own, away from the groups."""

import re

from django.contrib.auth import get_user_model

from tests.browser.conftest import log_in, screenshot
from tests.factories import EDITOR_PASSWORD, make_editor


def open_roles_tab(tab, site_url):
    tab.goto(site_url + "/admin/users/new/")
    tab.get_by_role("tab", name="Rollen").click()
    return tab.locator("#tab-roles")


def test_a_beheerder_sees_what_each_group_may_do_and_no_superuser_checkbox(desktop, site_url):
    make_editor("bea", "Beheerders")
    tab = log_in(desktop, site_url, "bea")

    roles = open_roles_tab(tab, site_url)

    # Screen readers hear each group's rights with its checkbox.
    redacteurs = roles.get_by_role("checkbox", name=re.compile(r"^Redacteurs Schrijven"))
    assert redacteurs.is_visible()
    assert "Kunnen niet publiceren" in roles.inner_text()
    beheerders = roles.get_by_role("checkbox", name=re.compile(r"^Beheerders Beheren"))
    assert beheerders.is_visible()
    assert tab.get_by_role("tab", name="Volledige toegang").count() == 0
    assert tab.locator("[name=is_superuser]").count() == 0
    screenshot(tab, "account-roles-beheerder")


def test_a_superuser_finds_full_access_on_a_tab_of_its_own(desktop, site_url):
    get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password=EDITOR_PASSWORD
    )
    tab = log_in(desktop, site_url, "root")

    roles = open_roles_tab(tab, site_url)
    assert roles.locator("[name=is_superuser]").count() == 0
    tab.get_by_role("tab", name="Volledige toegang").click()

    checkbox = tab.get_by_role("checkbox", name="Volledige toegang (superuser)")
    assert checkbox.is_visible()
    assert not roles.is_visible()
    screenshot(tab, "account-full-access-superuser")
