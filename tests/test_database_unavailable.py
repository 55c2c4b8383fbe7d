"""While the database is unreachable, visitors get cached pages or a Dutch 503, never a traceback.

The database is made really unreachable: the connection is swapped for one to a database that
does not exist (SQLite: a file in a missing folder; PostgreSQL: a closed port).
"""

from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client

from serving import outage
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
    # The standalone error frame, not base.html with its navigation (which needs the database;
    # the 404 page may have tried it first).
    assert [t.name for t in response.templates][-3:] == [
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


# Addresses that no view matches (the 404 page needs the database for its navigation), other
# apps' views, and the admin: every address answers the 503, never a 500.
ANY_ADDRESS = [
    "/favicon.ico",
    "/bestaat-niet",
    "/wp-login.php",
    "/.env",
    "/documenten/1/jaarverslag.pdf",
    "/sitemap.xml",
    "/robots.txt",
    "/zoeken/?q=werk",
    "/admin/login/",
    "/over-ons/?bron=nieuwsbrief",
]


@pytest.mark.parametrize("url", ANY_ADDRESS)
def test_every_address_answers_the_dutch_503_while_the_database_is_down(url):
    # A real visitor's client: an uncaught error would be a 500 page, not an exception here.
    client = Client(raise_request_exception=False)
    with database_unreachable():
        assert_dutch_503(client.get(url))


def database_error(sql):
    """The error the database raises for this SQL, on a working connection."""
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
    return error.value


def test_only_an_unavailable_database_is_an_outage():
    assert not outage.is_outage(database_error(["SELECT * FROM no_such_table"]))

    with database_unreachable():
        with pytest.raises(DatabaseError) as unreachable:
            connections["default"].ensure_connection()
        assert outage.is_outage(unreachable.value)

    if connection.vendor == "postgresql":  # SQLite has no statement timeout
        timed_out = database_error(["SET LOCAL statement_timeout = '50ms'", "SELECT pg_sleep(5)"])
        assert outage.is_outage(timed_out)
