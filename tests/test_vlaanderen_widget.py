"""The optional Vlaanderen global header and footer: off by default, on by one site setting."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from pages import vlaanderen_widget
from pages.models import VlaanderenWidgetSettings
from tests.html import soup

pytestmark = pytest.mark.django_db

HEADER_ID = uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
FOOTER_ID = uuid.UUID("5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c")
HOST = "https://prod.widgets.burgerprofiel.vlaanderen.be"


def widget_scripts(response):
    return [
        script["src"]
        for script in soup(response).find_all("script", src=True)
        if script["src"].startswith(HOST)
    ]


@pytest.fixture
def widget_on(db):
    widget = VlaanderenWidgetSettings.for_site(Site.objects.get(is_default_site=True))
    widget.enabled = True
    widget.header_widget_id = HEADER_ID
    widget.footer_widget_id = FOOTER_ID
    widget.full_clean()
    widget.save()
    return widget


def test_the_widget_is_off_by_default_and_the_site_loads_nothing_from_elsewhere(client):
    response = client.get("/")

    assert widget_scripts(response) == []
    assert HOST not in response["Content-Security-Policy"]
    # Every script, stylesheet and icon comes from this site itself.
    html = soup(response)
    for tag, attribute in [("script", "src"), ("link", "href"), ("img", "src")]:
        for element in html.find_all(tag, attrs={attribute: True}):
            if element.get("rel") in (["canonical"], ["alternate"]):
                # Addresses of this page and its feeds for others, never loaded by the browser.
                continue
            assert element[attribute].startswith("/"), element


def test_switched_on_it_loads_the_header_and_footer_scripts(client, widget_on):
    response = client.get("/over-ons/")

    assert widget_scripts(response) == [
        f"{HOST}/api/v1/widget/{HEADER_ID}/embed",
        f"{HOST}/api/v1/widget/{FOOTER_ID}/embed",
    ]
    body = soup(response).body
    # The global header comes first, right after the skip link; the global footer comes last.
    assert body.find("script", src=True) is body.find_all("script", src=True)[0]
    assert body.find_all(["header", "script"])[0]["src"].endswith(f"{HEADER_ID}/embed")
    assert body.find_all(["footer", "script"])[-1]["src"].endswith(f"{FOOTER_ID}/embed")


def test_switched_on_the_csp_allows_the_widget_host_and_nothing_else(client, widget_on):
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in client.get("/over-ons/")["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    for directive in vlaanderen_widget.CSP_DIRECTIVES:
        assert HOST in policy[directive], directive
    assert "'unsafe-inline'" not in policy["script-src"]
    assert HOST not in policy["default-src"]


def test_the_footer_widget_is_optional(client, widget_on):
    widget_on.footer_widget_id = None
    widget_on.save()

    assert widget_scripts(client.get("/")) == [f"{HOST}/api/v1/widget/{HEADER_ID}/embed"]


def test_switching_on_needs_a_header_widget_id():
    widget = VlaanderenWidgetSettings.for_site(Site.objects.get(is_default_site=True))
    widget.enabled = True

    with pytest.raises(ValidationError) as error:
        widget.full_clean()

    assert error.value.message_dict["header_widget_id"] == [
        "Vul het id van de header-widget in om de widget aan te zetten."
    ]


def test_the_setting_is_editable_in_the_admin(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/pages/vlaanderenwidgetsettings/{site.pk}/"

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Vlaanderen-header en -footer" in response.content.decode()
