"""Dutch pages wherever a request is refused: 400 (a host name that is not ours), 403 (no
access), 403 for a form without a valid CSRF token; in the frame of the 500 and 503 pages, which
needs no database. (The 503: tests/test_database_unavailable.py.)
"""

import pytest
from django.test import Client

from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db


def assert_dutch_error_page(response, status, template, heading):
    assert response.status_code == status
    assert [t.name for t in response.templates][:2] == [template, "error_base.html"]
    html = soup(response)
    assert html.html["lang"] == "nl"
    assert html.h1.get_text(strip=True) == heading
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.select_one("main a[href='/']").get_text(strip=True) == "Ga naar de startpagina"
    text = visible_text(response)
    assert "Traceback" not in text and "Forbidden" not in text and "Bad Request" not in text
    return text


@pytest.mark.parametrize("host", ["evil.example", "localhost:8000@evil.example", "a" * 300])
def test_a_host_name_that_is_not_ours_gets_the_dutch_400_page(
    client, django_assert_num_queries, host
):
    with django_assert_num_queries(0):
        response = client.get("/over-ons/", headers={"host": host})

    text = assert_dutch_error_page(response, 400, "400.html", "Ongeldige aanvraag")
    assert "een adres dat niet van ons is" in text


@pytest.mark.urls("tests.forbidden_urls")
def test_a_view_that_refuses_access_gets_the_dutch_403_page(client, django_assert_num_queries):
    # The admin turns its own refusals into a redirect with a message; this is for the site.
    with django_assert_num_queries(0):
        response = client.get("/verboden/")

    text = assert_dutch_error_page(response, 403, "403.html", "Geen toegang")
    assert "Ben je redacteur? Meld je dan aan" in text


def test_a_form_without_a_valid_csrf_token_gets_the_dutch_403_page_that_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")  # the form, and its CSRF cookie

    for cookie in ["kept", "lost"]:
        if cookie == "lost":
            client.cookies.clear()
        response = client.post(
            "/admin/login/",
            {"username": "rita", "password": "x", "csrfmiddlewaretoken": "verlopen"},
        )
        text = assert_dutch_error_page(
            response, 403, "403_csrf.html", "Je formulier kon niet worden verstuurd"
        )
        assert "Vernieuw de pagina en probeer het opnieuw." in text
