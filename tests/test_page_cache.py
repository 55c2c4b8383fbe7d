"""Anonymous visitors get pages from the page cache; editors always see the live state.

The cache is on in every test, as in production: tests/conftest.py empties it before each test.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from actortypes.models import ActorType
from pages.models import Footer
from tests.factories import draft_actor_type
from tests.html import main_text, soup, visible_text

pytestmark = pytest.mark.django_db

PAGES = ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/"]


def actor_card_names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".actor-card a")]


def test_the_second_anonymous_view_comes_from_the_cache_without_any_query(
    client, django_assert_num_queries
):
    for url in PAGES:
        first = client.get(url)
        assert first.status_code == 200
        assert first["X-Cache"] == "miss"

        with django_assert_num_queries(0):
            second = client.get(url)

        assert second.status_code == 200
        assert second["X-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == "text/html; charset=utf-8"


def test_cached_pages_tell_browsers_and_proxies_how_long_to_keep_them(client):
    for response in (client.get("/over-ons/"), client.get("/over-ons/")):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=60"}
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith(" GMT")


def test_a_browser_that_has_the_page_gets_304_not_modified(client):
    first = client.get("/over-ons/")
    etag = first["ETag"]

    revalidated = client.get("/over-ons/", headers={"if-none-match": etag})
    assert revalidated.status_code == 304
    assert revalidated.content == b""

    by_date = client.get("/over-ons/", headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 304

    changed = client.get("/over-ons/", headers={"if-none-match": '"an-old-version"'})
    assert changed.status_code == 200
    assert changed["ETag"] == etag


def test_head_requests_are_answered_from_the_cache(client):
    client.get("/over-ons/")

    response = client.head("/over-ons/")

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_logged_in_editors_never_get_or_fill_the_cache(admin_client):
    client = Client()  # a visitor; admin_client is the logged-in editor
    anonymous = client.get("/over-ons/")  # stored for visitors
    assert anonymous["X-Cache"] == "miss"
    assert "wagtail-userbar" not in anonymous.content.decode()

    for _ in range(2):
        editor = admin_client.get("/over-ons/")
        assert editor.status_code == 200
        assert "X-Cache" not in editor
        assert "private" in editor["Cache-Control"]
        assert "no-store" in editor["Cache-Control"]
        # The editor's own page, with the Wagtail user bar, not the visitors' copy.
        assert "wagtail-userbar" in editor.content.decode()

    assert client.get("/over-ons/")["X-Cache"] == "hit"
    assert "wagtail-userbar" not in client.get("/over-ons/").content.decode()


def test_publishing_an_actor_type_shows_at_once_on_over_ons_and_its_page(client, maatwerkbedrijven):
    for url in PAGES:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"

    maatwerkbedrijven.name = "Maatwerkondernemingen"
    maatwerkbedrijven.summary = "Werk op maat voor wie dat nodig heeft."
    maatwerkbedrijven.body = "<p>De vernieuwde tekst over maatwerk.</p>"
    maatwerkbedrijven.save_revision().publish()

    over_ons = client.get("/over-ons/")
    assert over_ons["X-Cache"] == "miss"
    assert "Maatwerkondernemingen" in actor_card_names(over_ons)
    assert "Werk op maat voor wie dat nodig heeft." in main_text(over_ons)
    assert "Maatwerkondernemingen" in actor_card_names(client.get("/"))
    actor_page = client.get("/over-ons/maatwerkbedrijven/")
    assert soup(actor_page).h1.get_text(strip=True) == "Maatwerkondernemingen"
    assert "De vernieuwde tekst over maatwerk." in main_text(actor_page)


def test_a_newly_published_actor_type_appears_at_once(client):
    assert "Sociale coöperaties" not in actor_card_names(client.get("/over-ons/"))
    new = draft_actor_type()
    assert client.get("/over-ons/")["X-Cache"] == "miss"  # creating a draft is harmless
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    new.save_revision().publish()

    assert "Sociale coöperaties" in actor_card_names(client.get("/over-ons/"))
    assert client.get("/over-ons/sociale-cooperaties/").status_code == 200


def test_saving_a_draft_keeps_the_cache(client, maatwerkbedrijven):
    client.get("/over-ons/maatwerkbedrijven/")

    maatwerkbedrijven.summary = "Een ontwerp."
    maatwerkbedrijven.save_revision()

    response = client.get("/over-ons/maatwerkbedrijven/")
    assert response["X-Cache"] == "hit"
    assert "Een ontwerp." not in main_text(response)


def test_unpublishing_and_deleting_actor_types_show_at_once(client, maatwerkbedrijven):
    client.get("/over-ons/")
    client.get("/over-ons/maatwerkbedrijven/")

    maatwerkbedrijven.unpublish()

    assert "Maatwerkbedrijven" not in actor_card_names(client.get("/over-ons/"))
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 404

    client.get("/over-ons/")
    ActorType.objects.get(slug="ondernemingen").delete()
    assert "Ondernemingen" not in actor_card_names(client.get("/over-ons/"))


def test_reordering_actor_types_in_the_admin_shows_at_once(admin_client):
    client = Client()
    assert actor_card_names(client.get("/over-ons/"))[0] == "Activiteitencoöperaties"
    last = ActorType.objects.get(slug="sociale-ondernemingen")

    admin_client.post(f"/admin/snippets/actortypes/actortype/reorder/{last.pk}/?position=0")

    assert actor_card_names(client.get("/over-ons/"))[0] == "Sociale ondernemingen"


def test_publishing_unpublishing_and_footer_changes_reach_every_page(client, about):
    for url in PAGES:
        client.get(url)

    about.title = "Over de sociale economie"
    about.save_revision().publish()
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    assert [link.get_text(strip=True) for link in nav.find_all("a")][:3] == [
        "Ondersteuning",
        "Oproepen",
        "Over de sociale economie",
    ]

    footer = Footer.objects.get()
    footer.phone = "02 553 00 00"
    footer.save_revision().publish()
    assert "02 553 00 00" in soup(client.get("/over-ons/")).find("footer").get_text()

    about.unpublish()
    assert client.get("/over-ons/").status_code == 404
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 404


def test_an_editors_preview_is_never_cached_nor_shown_to_visitors(admin_client, maatwerkbedrijven):
    client = Client()
    public = client.get("/over-ons/maatwerkbedrijven/")
    preview_url = reverse(
        "wagtailsnippets_actortypes_actortype:preview_on_edit", args=[maatwerkbedrijven.pk]
    )
    body = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": "Alleen in de voorvertoning.",
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    form = {
        "name": "Maatwerkbedrijven",
        "slug": "maatwerkbedrijven",
        "summary": maatwerkbedrijven.summary,
        "body": json.dumps(body),
    }

    assert admin_client.post(preview_url, form).json()["is_valid"] is True
    preview = admin_client.get(preview_url)

    assert preview.status_code == 200
    assert "Alleen in de voorvertoning." in main_text(preview)
    assert "X-Cache" not in preview
    assert "no-cache" in preview["Cache-Control"]
    for _ in range(2):
        response = client.get("/over-ons/maatwerkbedrijven/")
        assert "Alleen in de voorvertoning." not in main_text(response)
        assert response.content == public.content


def test_addresses_with_a_query_string_are_rendered_fresh(client):
    client.get("/over-ons/?utm_source=nieuwsbrief")
    response = client.get("/over-ons/?utm_source=nieuwsbrief")

    assert response.status_code == 200
    assert "X-Cache" not in response
    assert client.get("/over-ons/")["X-Cache"] == "miss"


def test_not_found_answers_are_not_stored(client):
    for _ in range(2):
        response = client.get("/over-ons/bestaat-niet/")
        assert response.status_code == 404
        assert "X-Cache" not in response


def test_a_page_that_sets_a_cookie_is_not_stored(client, about):
    # A password-protected page shows a form, which sets the CSRF cookie.
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    for _ in range(2):
        response = client.get("/over-ons/")
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert "X-Cache" not in response
        assert "Wie zijn wij?" not in visible_text(response)


def test_a_session_cookie_bypasses_the_cache(client):
    client.get("/over-ons/")
    client.cookies["sessionid"] = "not-logged-in"

    response = client.get("/over-ons/")

    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_clear_page_cache_command_forgets_every_page(client):
    from django.core.management import call_command

    client.get("/over-ons/")
    call_command("clear_page_cache", verbosity=0)

    assert client.get("/over-ons/")["X-Cache"] == "miss"
