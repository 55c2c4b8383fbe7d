"""While the database is unreachable, visitors get cached pages or a Dutch 503, never a traceback.

The database is made really unreachable: the connection is swapped for one to a database that
does not exist (SQLite: a file in a missing folder; PostgreSQL: a closed port).
"""

from contextlib import contextmanager

import pytest
from django.db import connections

from tests.html import soup
from tests.network import free_port

pytestmark = pytest.mark.django_db


@contextmanager
def database_unreachable():
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/db.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    unreachable = type(original)(settings_dict, alias="default")
    connections["default"] = unreachable
    try:
        yield
    finally:
        unreachable.close()
        connections["default"] = original


def assert_dutch_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    # The standalone error frame, not base.html with its navigation (which needs the database).
    assert [t.name for t in response.templates] == [
        "503.html",
        "error_base.html",
        "components/stylesheets.html",
    ]
    html = soup(response)
    assert html.html["lang"] == "nl"
    assert html.h1.get_text(strip=True) == "Tijdelijk niet beschikbaar"
    text = html.get_text(" ")
    assert "Probeer het over enkele minuten opnieuw." in text
    assert "Traceback" not in text and "OperationalError" not in text


def test_pages_answer_a_dutch_503_while_the_database_is_down(client):
    with database_unreachable():
        for url in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/over-ons/bestaat-niet/"]:
            assert_dutch_503(client.get(url))


def test_cached_pages_are_still_served_and_the_site_recovers_by_itself(client):
    client.get("/over-ons/")

    with database_unreachable():
        cached = client.get("/over-ons/")
        assert cached.status_code == 200
        assert cached["X-Cache"] == "hit"
        assert "Wat is sociale economie?" in cached.content.decode()
        assert_dutch_503(client.get("/over-ons/maatwerkbedrijven/"))
        # A 503 is never stored: it must not outlive the outage.
        assert_dutch_503(client.get("/over-ons/maatwerkbedrijven/"))

    recovered = client.get("/over-ons/maatwerkbedrijven/")
    assert recovered.status_code == 200
    assert soup(recovered).h1.get_text(strip=True) == "Maatwerkbedrijven"


def test_the_admin_login_answers_503_too(client):
    with database_unreachable():
        response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert_dutch_503(response)
