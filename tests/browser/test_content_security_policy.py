"""The Content-Security-Policy holds in a real browser: the public site needs no exception, and
the Wagtail admin keeps working under its own policy."""

import pytest
from playwright.sync_api import expect

from actortypes.models import ActorType
from pages.models import AboutPage
from tests.browser.conftest import DESKTOP

# Every policy violation the page reports, from the first script on; init scripts are injected
# by the browser itself, so the policy does not block this listener.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}`
    );
});
"""


@pytest.fixture
def watched(browser, site_url):
    """A desktop-width page with a record of every CSP violation in its console and its events.

    The policy is the same at every width: one width keeps these tests quick."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="nl-BE")
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_messages = []
    page.on(
        "console",
        lambda message: (
            page.console_messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def violations(page):
    return page.evaluate("() => window.__cspViolations") + page.console_messages


@pytest.mark.parametrize(
    "path", ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/over-ons/bestaat-niet/"]
)
def test_public_pages_run_under_the_strict_policy_without_a_violation(watched, site_url, path):
    response = watched.goto(site_url + path)

    assert "script-src 'self'" in response.headers["content-security-policy"].split("; ")
    watched.wait_for_load_state("networkidle")
    assert violations(watched) == []
    # The stylesheet applied: the policy let it through.
    assert watched.evaluate("() => document.styleSheets.length") >= 1


@pytest.fixture
def editor(watched, site_url, django_user_model):
    django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "geheim-123")
    watched.goto(site_url + "/admin/login/")
    watched.locator("#id_username").fill("redacteur")
    watched.locator("#id_password").fill("geheim-123")
    watched.locator(".login-form button[type='submit']").click()
    watched.wait_for_url(site_url + "/admin/")
    return watched


def test_an_editor_works_in_the_page_editor_without_a_violation(editor, site_url):
    about = AboutPage.objects.get()

    editor.goto(f"{site_url}/admin/pages/{about.pk}/edit/")

    # The rich text editor (Draftail) and the StreamField sections rendered with their scripts.
    editor.locator(".Draftail-Editor").first.wait_for()
    assert editor.locator("[data-contentpath='body'] [data-streamfield-child]").count() >= 4
    editor.locator(".Draftail-Editor [contenteditable='true']").first.click()
    editor.keyboard.type(" Extra zin.")
    assert "Extra zin." in editor.locator(".Draftail-Editor").first.inner_text()
    # The preview panel frames the page under the admin's policy.
    editor.locator("[data-side-panel-toggle='preview']").click()
    preview = editor.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").inner_text() == "Over ons"
    editor.wait_for_load_state("networkidle")
    assert violations(editor) == []


def test_an_editor_works_in_the_actor_type_editor_without_a_violation(editor, site_url):
    actor_type = ActorType.objects.get(slug="maatwerkbedrijven")

    editor.goto(f"{site_url}/admin/snippets/actortypes/actortype/edit/{actor_type.pk}/")

    editor.locator(".Draftail-Editor").first.wait_for()
    assert editor.locator("#id_name").input_value() == "Maatwerkbedrijven"
    editor.wait_for_load_state("networkidle")
    assert violations(editor) == []


def test_an_editor_sees_the_wagtail_userbar_on_the_public_site_without_a_violation(
    editor, site_url
):
    editor.goto(site_url + "/over-ons/")

    editor.wait_for_load_state("networkidle")
    assert violations(editor) == []
    userbar = editor.locator("wagtail-userbar")
    userbar.get_by_role("button").first.click()
    expect(userbar.get_by_role("menuitem").first).to_be_visible()
    assert violations(editor) == []
