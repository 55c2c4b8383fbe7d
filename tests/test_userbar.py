"""Editors land where they mean to: the user bar's edit link opens what the page shows."""

import re

import pytest

pytestmark = pytest.mark.django_db


def edit_link(client, url):
    """The address of the user bar's "Wijzig deze pagina", or None when it has none."""
    response = client.get(url)
    assert response.status_code == 200
    # The user bar sits in a <template>, which an HTML parser leaves unparsed.
    links = re.findall(
        r'<a href="([^"]+)"[^>]*>\s*<svg class="icon icon-edit[^>]*>.*?</svg>\s*Wijzig deze pagina',
        response.content.decode(),
        flags=re.DOTALL,
    )
    assert len(links) <= 1
    return links[0] if links else None


@pytest.mark.parametrize("editor", ["redacteur", "hoofdredacteur", "superuser"])
def test_on_an_actor_page_the_edit_link_opens_the_actor_type(
    client, request, editor, maatwerkbedrijven
):
    client.force_login(request.getfixturevalue(editor))

    assert edit_link(client, "/over-ons/maatwerkbedrijven/") == (
        f"//testserver/admin/snippets/actortypes/actortype/edit/{maatwerkbedrijven.pk}/"
    )


def test_on_a_page_the_edit_link_opens_the_page(admin_client, about, home):
    assert edit_link(admin_client, "/over-ons/") == f"//testserver/admin/pages/{about.pk}/edit/"
    assert edit_link(admin_client, "/") == f"//testserver/admin/pages/{home.pk}/edit/"


def test_on_a_measure_the_edit_link_opens_the_measure(admin_client):
    from support.models import MeasurePage

    measure = MeasurePage.objects.get(slug="collectief-maatwerk")

    assert edit_link(admin_client, measure.url) == f"//testserver/admin/pages/{measure.pk}/edit/"


def test_an_editor_who_may_not_edit_what_the_page_shows_gets_no_edit_link(
    client, django_user_model
):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user(username="kijker", password="x")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)

    assert edit_link(client, "/over-ons/maatwerkbedrijven/") is None
