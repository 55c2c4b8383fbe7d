"""Open data for partners: Atom feeds and versioned JSON at stable addresses, documented on
/open-data/, with exactly what visitors may see on the site."""

from datetime import timedelta

import feedparser
import icalendar
import pytest
import time_machine
from django.utils import timezone
from jsonschema import Draft202012Validator
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from actortypes.models import ActorType
from content import data as content_data
from opendata.catalogue import DATASETS, load_schema, schema_fields
from opendata.feeds import NAMESPACE
from opendata.licence import LICENCE_ID, LICENCE_URL
from opendata.models import OpenDataPage
from pages.models import HomePage
from tests.html import main_text, soup
from tests.newsroom_factories import make_event, make_news, make_online_event
from tests.support_factories import brussels, make_call, make_measure, open_round

pytestmark = pytest.mark.django_db

CALLS_ATOM = "/open-data/oproepen.atom"
NEWS_ATOM = "/open-data/nieuws.atom"
CALLS_JSON = "/open-data/v1/oproepen.json"
MEASURES_JSON = "/open-data/v1/maatregelen.json"
EVENTS_JSON = "/open-data/v1/activiteiten.json"
EVENTS_ICS = "/open-data/agenda.ics"
SCHEMAS = {CALLS_JSON: "oproepen", MEASURES_JSON: "maatregelen", EVENTS_JSON: "activiteiten"}
ADDRESSES = [NEWS_ATOM, CALLS_ATOM, CALLS_JSON, MEASURES_JSON, EVENTS_JSON, EVENTS_ICS]
SEED = content_data.read("support.yaml")["measures"]
SEED_MEASURES = {measure["title"] for measure in SEED}
SEED_MAATWERK_MEASURES = {m["title"] for m in SEED if "maatwerkbedrijven" in m["actor_types"]}


def actor(slug):
    return ActorType.objects.get(slug=slug)


def validate(address, response):
    assert response.status_code == 200, address
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    validator = Draft202012Validator(
        load_schema(SCHEMAS[address.split("?")[0]]),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == [], address
    return payload


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def calls_and_measures():
    """For maatwerkbedrijven: an open call (of collectief maatwerk), one opening soon and a
    closed one; for lokale besturen an open call; and what must never show: a draft, an expired
    and a private call and measure."""
    now = timezone.now()
    day = timedelta(days=1)
    maatwerk, lokaal = [actor("maatwerkbedrijven")], [actor("lokale-besturen")]
    measure = make_measure("Werkplekmaatregel", actor_types=maatwerk, kind="advice")
    make_call(
        "Oproep werkplekaanpassing",
        [open_round(now)],
        actor_types=maatwerk,
        measure=measure,
        application_url="https://example.org/indienen",
    )
    make_call("Oproep binnenkort", [(now + 5 * day, now + 40 * day)], actor_types=maatwerk)
    make_call("Oproep vorig jaar", [(now - 400 * day, now - 370 * day)], actor_types=maatwerk)
    make_call("Oproep voor gemeenten", [open_round(now)], actor_types=lokaal)
    make_measure("Conceptmaatregel", actor_types=maatwerk, publish=False)
    make_measure("Vervallen maatregel", actor_types=maatwerk, expire_at=now - timedelta(minutes=1))
    private = make_measure("Besloten maatregel", actor_types=maatwerk)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_call("Conceptoproep", [open_round(now)], actor_types=maatwerk, publish=False)
    make_call("Vervallen oproep", [open_round(now)], actor_types=maatwerk, expire_at=now)
    hidden = make_call("Besloten oproep", [open_round(now)], actor_types=maatwerk)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    unpublished = make_call("Ingetrokken oproep", [open_round(now)], actor_types=maatwerk)
    unpublished.unpublish()


@pytest.fixture
def events():
    """For maatwerkbedrijven: a study day next week (with registration), a webinar and a past
    event; for lokale besturen one next month; and a draft, an expired and a private event."""
    now = timezone.now()
    day = timedelta(days=1)
    maatwerk, lokaal = [actor("maatwerkbedrijven")], [actor("lokale-besturen")]
    make_event(
        "Studiedag maatwerk",
        now + 7 * day,
        actor_types=maatwerk,
        registration_url="https://example.org/inschrijven",
    )
    make_online_event("Webinar maatwerk", now + 3 * day, actor_types=maatwerk)
    make_event("Beurs vorige maand", now - 30 * day, actor_types=maatwerk)
    make_event("Infosessie gemeenten", now + 30 * day, actor_types=lokaal)
    make_event("Conceptactiviteit", now + 7 * day, actor_types=maatwerk, publish=False)
    make_event("Vervallen activiteit", now + 7 * day, actor_types=maatwerk, expire_at=now)
    hidden = make_event("Besloten activiteit", now + 7 * day, actor_types=maatwerk)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")


LIVE_EVENTS = {
    "Studiedag maatwerk",
    "Webinar maatwerk",
    "Beurs vorige maand",
    "Infosessie gemeenten",
}

LIVE_CALLS = {
    "Oproep werkplekaanpassing",
    "Oproep binnenkort",
    "Oproep vorig jaar",
    "Oproep voor gemeenten",
}
MAATWERK_CALLS = LIVE_CALLS - {"Oproep voor gemeenten"}


# JSON


def test_every_json_document_is_valid_against_its_schema(client, calls_and_measures, events):
    for address in [CALLS_JSON, MEASURES_JSON, EVENTS_JSON]:
        for query in ["", "?voor=maatwerkbedrijven", "?voor=sociale-ondernemingen"]:
            validate(address + query, client.get(address + query))


def test_the_calls_json_holds_exactly_the_live_public_unexpired_calls(client, calls_and_measures):
    payload = validate(CALLS_JSON, client.get(CALLS_JSON))

    assert {item["title"] for item in payload["items"]} == LIVE_CALLS
    assert payload["count"] == 4
    assert payload["actor_type"] is None
    assert payload["licence"] == {
        "id": "CC0-1.0",
        "name": "CC0 1.0 Universeel (verklaring tot publiek domein)",
        "url": LICENCE_URL,
    }
    # As the calls overview orders them: open (soonest deadline first), opening soon, closed.
    assert [item["status"]["code"] for item in payload["items"]] == [
        "open",
        "open",
        "upcoming",
        "closed",
    ]


def test_a_call_in_json_has_its_status_deadline_rounds_and_measure(client):
    deadline = brussels(2027, 1, 15, 12, 0)
    call = make_call(
        "Oproep met deadline",
        [
            (brussels(2027, 1, 1, 9, 0), deadline),
            (brussels(2027, 3, 1, 9, 0), brussels(2027, 3, 31, 12, 0)),
        ],
        actor_types=[actor("maatwerkbedrijven")],
        measure=make_measure("Werkplekmaatregel"),
    )
    with time_machine.travel(brussels(2027, 1, 10, 8, 0), tick=False):
        [item] = validate(CALLS_JSON, client.get(CALLS_JSON))["items"]

    assert item["id"] == call.pk
    assert item["url"] == "http://localhost/oproepen/oproep-met-deadline/"
    assert item["summary"] == "Samenvatting van Oproep met deadline."
    assert item["actor_types"] == [{"slug": "maatwerkbedrijven", "name": "Maatwerkbedrijven"}]
    assert item["status"] == {"code": "open", "label": "Open"}
    assert item["status_text"] == "Open: indienen tot 15 januari 2027 om 12.00 uur"
    assert item["deadline"] == "2027-01-15T12:00:00+01:00"
    assert item["next_status_change"] == "2027-01-15T12:00:00+01:00"
    assert item["rounds"] == [
        {
            "name": "",
            "opens_at": "2027-01-01T09:00:00+01:00",
            "closes_at": "2027-01-15T12:00:00+01:00",
            "status": "open",
        },
        {
            "name": "",
            "opens_at": "2027-03-01T09:00:00+01:00",
            "closes_at": "2027-03-31T12:00:00+02:00",  # summer time in Brussels
            "status": "upcoming",
        },
    ]
    assert item["measure"]["title"] == "Werkplekmaatregel"
    assert item["measure"]["url"] == "http://localhost/ondersteuning/werkplekmaatregel/"


def test_the_measures_json_holds_exactly_the_live_public_unexpired_measures(
    client, calls_and_measures
):
    payload = validate(MEASURES_JSON, client.get(MEASURES_JSON))

    assert {item["title"] for item in payload["items"]} == SEED_MEASURES | {"Werkplekmaatregel"}
    werkplek = next(item for item in payload["items"] if item["title"] == "Werkplekmaatregel")
    assert werkplek["kind"] == {"code": "advice", "label": "Advies en begeleiding"}
    assert werkplek["status"] == {"code": "open", "label": "Open voor aanvragen"}
    assert werkplek["last_modified"].endswith("+01:00")


def test_json_for_one_actor_type_holds_only_its_items(client, calls_and_measures):
    calls = validate(CALLS_JSON, client.get(CALLS_JSON + "?voor=maatwerkbedrijven"))
    measures = validate(MEASURES_JSON, client.get(MEASURES_JSON + "?voor=maatwerkbedrijven"))

    assert calls["actor_type"] == {"slug": "maatwerkbedrijven", "name": "Maatwerkbedrijven"}
    assert {item["title"] for item in calls["items"]} == MAATWERK_CALLS
    assert {item["title"] for item in measures["items"]} == SEED_MAATWERK_MEASURES | {
        "Werkplekmaatregel"
    }


def test_the_events_json_holds_exactly_the_live_public_unexpired_events(client, events):
    payload = validate(EVENTS_JSON, client.get(EVENTS_JSON))

    assert [item["title"] for item in payload["items"]] == [
        "Beurs vorige maand",
        "Webinar maatwerk",
        "Studiedag maatwerk",
        "Infosessie gemeenten",
    ]
    statuses = {item["title"]: item["status"]["code"] for item in payload["items"]}
    assert statuses["Beurs vorige maand"] == "past"
    assert statuses["Studiedag maatwerk"] == "upcoming"
    for_maatwerk = validate(EVENTS_JSON, client.get(EVENTS_JSON + "?voor=maatwerkbedrijven"))
    assert {item["title"] for item in for_maatwerk["items"]} == LIVE_EVENTS - {
        "Infosessie gemeenten"
    }


def test_an_event_in_json_has_its_dates_place_and_registration(client):
    event = make_event(
        "Studiedag",
        brussels(2027, 6, 15, 9, 30),
        brussels(2027, 6, 15, 16, 0),
        actor_types=[actor("maatwerkbedrijven")],
        registration_url="https://example.org/inschrijven",
        registration_deadline=brussels(2027, 6, 10, 12, 0),
    )
    with time_machine.travel(brussels(2027, 6, 1, 8, 0), tick=False):
        [item] = validate(EVENTS_JSON, client.get(EVENTS_JSON))["items"]

    assert item["id"] == event.pk
    assert item["url"] == "http://localhost/agenda/studiedag/"
    assert item["starts_at"] == "2027-06-15T09:30:00+02:00"
    assert item["ends_at"] == "2027-06-15T16:00:00+02:00"
    assert item["status"] == {"code": "upcoming", "label": "Gepland"}
    assert item["attendance_mode"]["code"] == "offline"
    assert item["place"] == "Herman Teirlinck, Havenlaan 88, 1000 Brussel"
    assert item["province"] == {"code": "brussel", "label": "Brussel"}
    assert item["registration_url"] == "https://example.org/inschrijven"
    assert item["registration_closes_at"] == "2027-06-10T12:00:00+02:00"
    assert item["registration_open"] is True
    assert item["calendar_url"] == "http://localhost/agenda/studiedag/agenda.ics"


# iCalendar


def test_the_calendar_is_the_agendas_with_the_licence(client, events):
    response = client.get(EVENTS_ICS)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-license"]) == LICENCE_URL
    assert LICENCE_URL in str(calendar["description"])
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == LIVE_EVENTS
    # The same events as the agenda's own feed, made by the same module.
    agenda_feed = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics").content)
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [
        str(e["uid"]) for e in agenda_feed.walk("VEVENT")
    ]
    for_maatwerk = icalendar.Calendar.from_ical(
        client.get(EVENTS_ICS + "?voor=maatwerkbedrijven").content
    )
    assert {str(e["summary"]) for e in for_maatwerk.walk("VEVENT")} == LIVE_EVENTS - {
        "Infosessie gemeenten"
    }


# Atom


def test_the_calls_feed_holds_exactly_the_live_public_unexpired_calls(client, calls_and_measures):
    feed = parse_feed(client.get(CALLS_ATOM))

    assert {entry.title for entry in feed.entries} == LIVE_CALLS
    assert feed.feed.title == "Oproepen"
    assert feed.feed.link == "http://localhost/oproepen/"
    assert LICENCE_URL in feed.feed.rights
    assert feed.feed.author == "Departement Werk en Sociale Economie"
    assert feed.namespaces["se"] == NAMESPACE


def test_a_call_in_the_feed_has_its_summary_link_status_and_deadline(client):
    make_call(
        "Oproep met deadline",
        [(brussels(2027, 1, 1, 9, 0), brussels(2027, 1, 15, 12, 0))],
        actor_types=[actor("maatwerkbedrijven")],
    )
    with time_machine.travel(brussels(2027, 1, 10, 8, 0), tick=False):
        [entry] = parse_feed(client.get(CALLS_ATOM)).entries

    assert entry.link == "http://localhost/oproepen/oproep-met-deadline/"
    assert entry.summary == (
        "Open: indienen tot 15 januari 2027 om 12.00 uur. Samenvatting van Oproep met deadline."
    )
    assert entry.se_status == "open"
    assert entry.se_deadline == "2027-01-15T12:00:00+01:00"
    assert [(tag.term, tag.label) for tag in entry.tags] == [
        ("maatwerkbedrijven", "Maatwerkbedrijven")
    ]
    # Updated when the round opened, after its publication.
    assert entry.updated.startswith("2027-01-01T08:00:00")


def test_the_calls_feed_for_one_actor_type_holds_only_its_calls(client, calls_and_measures):
    feed = parse_feed(client.get(CALLS_ATOM + "?voor=maatwerkbedrijven"))

    assert {entry.title for entry in feed.entries} == MAATWERK_CALLS
    assert feed.feed.title == "Oproepen voor Maatwerkbedrijven"
    assert feed.feed.link == "http://localhost/over-ons/maatwerkbedrijven/"
    assert feed.feed.id == "http://localhost/open-data/oproepen.atom?voor=maatwerkbedrijven"


@pytest.fixture
def news():
    """News for maatwerkbedrijven (today and last week), for lokale besturen, and a draft, an
    expired and a private item."""
    today = timezone.localdate()
    week = timedelta(days=7)
    maatwerk, lokaal = [actor("maatwerkbedrijven")], [actor("lokale-besturen")]
    make_news("Nieuwe erkenningen", today, actor_types=maatwerk)
    make_news("Jaarverslag maatwerk", today - week, actor_types=maatwerk)
    make_news("Nieuws voor gemeenten", today - 2 * week, actor_types=lokaal)
    make_news("Conceptnieuws", today, actor_types=maatwerk, publish=False)
    make_news("Vervallen nieuws", today, actor_types=maatwerk, expire_at=timezone.now())
    hidden = make_news("Besloten nieuws", today, actor_types=maatwerk)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")


def test_the_news_feed_holds_exactly_the_live_public_unexpired_news_newest_first(client, news):
    feed = parse_feed(client.get(NEWS_ATOM))

    assert [entry.title for entry in feed.entries] == [
        "Nieuwe erkenningen",
        "Jaarverslag maatwerk",
        "Nieuws voor gemeenten",
    ]
    assert feed.feed.title == "Nieuws"
    assert feed.feed.link == "http://localhost/nieuws/"
    assert LICENCE_URL in feed.feed.rights
    entry = feed.entries[0]
    assert entry.summary == "Samenvatting van Nieuwe erkenningen."
    assert entry.link == "http://localhost/nieuws/nieuwe-erkenningen/"
    assert [tag.term for tag in entry.tags] == ["maatwerkbedrijven"]

    for_maatwerk = parse_feed(client.get(NEWS_ATOM + "?voor=maatwerkbedrijven"))
    assert [entry.title for entry in for_maatwerk.entries] == [
        "Nieuwe erkenningen",
        "Jaarverslag maatwerk",
    ]
    assert for_maatwerk.feed.title == "Nieuws voor Maatwerkbedrijven"


def test_an_unknown_actor_type_is_the_dutch_not_found_page(client):
    for address in ADDRESSES:
        for query in ["?voor=bestaat-niet", "?voor=", "?voor=maatwerkbedrijven&voor=ondernemingen"]:
            response = client.get(address + query)
            assert response.status_code == 404, address + query
            assert soup(response).h1.get_text(strip=True) == "Pagina niet gevonden"


def test_an_unpublished_actor_type_is_not_found_either(client, maatwerkbedrijven):
    maatwerkbedrijven.unpublish()

    assert client.get(CALLS_JSON + "?voor=maatwerkbedrijven").status_code == 404


# HTTP: methods, CORS, conditional requests, the page cache


def test_every_address_may_be_read_from_any_origin(client):
    for address in ADDRESSES:
        assert client.get(address)["Access-Control-Allow-Origin"] == "*"
        assert client.get(address)["Access-Control-Allow-Origin"] == "*"  # from the cache


def test_only_get_and_head_are_allowed(client):
    for address in ADDRESSES:
        head = client.head(address)
        assert head.status_code == 200
        assert head.content == b""
        assert head["Access-Control-Allow-Origin"] == "*"
        for method in (client.post, client.put, client.patch, client.delete, client.options):
            response = method(address)
            assert response.status_code == 405, (address, method)
            assert response["Allow"] == "GET, HEAD"
            assert "Dit adres kan je alleen lezen" in response.content.decode()


def test_a_client_that_has_the_data_gets_304_by_etag_and_by_date(client, calls_and_measures):
    for address in ADDRESSES + [CALLS_ATOM + "?voor=maatwerkbedrijven"]:
        first = client.get(address)
        assert first["ETag"].startswith('"')
        assert first["Last-Modified"].endswith(" GMT")

        by_etag = client.get(address, headers={"if-none-match": first["ETag"]})
        assert by_etag.status_code == 304, address
        assert by_etag.content == b""
        assert by_etag["Access-Control-Allow-Origin"] == "*"
        by_date = client.get(address, headers={"if-modified-since": first["Last-Modified"]})
        assert by_date.status_code == 304, address
        assert client.get(address, headers={"if-none-match": '"oud"'}).status_code == 200


def test_feeds_come_from_the_page_cache_until_something_is_published(
    client, django_assert_num_queries
):
    for address in ADDRESSES + [CALLS_JSON + "?voor=maatwerkbedrijven"]:
        assert client.get(address)["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            assert client.get(address)["X-Cache"] == "hit"

    make_call("Nieuwe oproep", [open_round(timezone.now())], actor_types=[actor("ondernemingen")])

    assert "Nieuwe oproep" in client.get(CALLS_ATOM).content.decode()
    assert "Nieuwe oproep" in client.get(CALLS_JSON).content.decode()


def test_odd_queries_are_answered_but_not_cached(client):
    response = client.get(CALLS_JSON + "?voor=maatwerkbedrijven&status=open")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "X-Cache" not in client.get(CALLS_JSON + "?voor=maatwerkbedrijven&status=open")


def test_feeds_are_kept_no_longer_than_until_a_call_opens_or_closes(client):
    deadline = brussels(2027, 1, 15, 12, 0)
    make_call("Oproep met deadline", [(brussels(2027, 1, 1, 9, 0), deadline)])
    with time_machine.travel(deadline - timedelta(seconds=30), tick=False):
        for address in [CALLS_ATOM, CALLS_JSON]:
            assert "max-age=30" in client.get(address)["Cache-Control"]
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        [item] = client.get(CALLS_JSON).json()["items"]
        assert item["status"]["code"] == "closed"


def test_the_schemas_are_served_as_they_are_in_the_repository(client):
    for name in ["oproepen", "maatregelen", "activiteiten"]:
        response = client.get(f"/open-data/v1/{name}.schema.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/schema+json"
        assert response.json() == load_schema(name)
        Draft202012Validator.check_schema(response.json())
    assert client.get("/open-data/v1/bestaat-niet.schema.json").status_code == 404
    assert client.get("/open-data/v9/oproepen.schema.json").status_code == 404


# The open-data page


def test_the_open_data_page_documents_every_address_field_and_the_licence(client):
    response = client.get("/open-data/")

    assert response.status_code == 200
    assert isinstance(response.context["page"], OpenDataPage)
    text = main_text(response)
    assert soup(response).h1.get_text(strip=True) == "Open data"
    for dataset in DATASETS:
        assert f"http://localhost{dataset.path()}" in text
        for field in dataset.fields():
            assert field.path in text, (dataset.key, field.path)
    assert "CC0 1.0 Universeel" in text
    assert soup(response).find("a", href=LICENCE_URL)
    assert LICENCE_ID in text
    assert "?voor=<slug>" in text
    assert "maatwerkbedrijven" in text
    assert "If-None-Match" in text and "304" in text


def test_the_field_list_is_read_from_the_schema_files():
    paths = [field.path for field in schema_fields("oproepen")]

    assert "items[].rounds[].closes_at" in paths
    assert "items[].measure.url" in paths
    assert set(load_schema("oproepen")["$defs"]["call"]["properties"]) == {
        path.removeprefix("items[].")
        for path in paths
        if path.count(".") == 1 and path.startswith("items[].")
    }


class TestOpenDataPageTree(WagtailPageTestCase):
    def test_one_open_data_page_below_the_home_page(self):
        self.assertAllowedParentPageTypes(OpenDataPage, {HomePage})
        self.assertAllowedSubpageTypes(OpenDataPage, {})
        self.assertCanCreateAt(HomePage, OpenDataPage)
        # The seed made the one there may be.
        self.assertFalse(OpenDataPage.can_create_at(HomePage.objects.get()))

    def test_it_renders_and_previews(self):
        page = OpenDataPage.objects.get()
        self.assertPageIsRenderable(page)
        post_data = nested_form_data(
            {
                "title": "Open data",
                "slug": "open-data",
                "intro": rich_text("<p>Een nieuwe inleiding in de preview.</p>"),
                "body": streamfield([]),
            }
        )
        self.assertPageIsPreviewable(page, post_data=post_data)


def test_editors_write_the_introduction_of_the_open_data_page(client):
    page = OpenDataPage.objects.get()
    page.intro = "<p>Een nieuwe inleiding voor ontwikkelaars.</p>"
    page.save_revision().publish()

    assert "Een nieuwe inleiding voor ontwikkelaars." in main_text(client.get("/open-data/"))


# Alternate links on the pages the feeds belong to


def alternates(client, address):
    return {
        (link["type"], link["href"])
        for link in soup(client.get(address)).select('head link[rel="alternate"]')
    }


def test_pages_link_the_feeds_that_match_them(client):
    base = "http://localhost/open-data"
    atom, json, ics = "application/atom+xml", "application/json", "text/calendar"
    assert alternates(client, "/oproepen/") == {
        (atom, f"{base}/oproepen.atom"),
        (json, f"{base}/v1/oproepen.json"),
    }
    assert alternates(client, "/ondersteuning/") == {(json, f"{base}/v1/maatregelen.json")}
    assert alternates(client, "/nieuws/") == {(atom, f"{base}/nieuws.atom")}
    assert alternates(client, "/") == {
        (atom, f"{base}/nieuws.atom"),
        (atom, f"{base}/oproepen.atom"),
        (ics, f"{base}/agenda.ics"),
    }
    assert alternates(client, "/agenda/") == {
        (ics, f"{base}/agenda.ics"),
        (json, f"{base}/v1/activiteiten.json"),
    }
    assert alternates(client, "/over-ons/maatwerkbedrijven/") == {
        (atom, f"{base}/nieuws.atom?voor=maatwerkbedrijven"),
        (atom, f"{base}/oproepen.atom?voor=maatwerkbedrijven"),
        (json, f"{base}/v1/oproepen.json?voor=maatwerkbedrijven"),
        (json, f"{base}/v1/maatregelen.json?voor=maatwerkbedrijven"),
        (ics, f"{base}/agenda.ics?voor=maatwerkbedrijven"),
        (json, f"{base}/v1/activiteiten.json?voor=maatwerkbedrijven"),
    }
    assert alternates(client, "/over-ons/") == set()
    assert alternates(client, "/contact/") == set()
    # Every linked address answers.
    for _type, href in alternates(client, "/open-data/"):
        assert client.get(href.removeprefix("http://localhost")).status_code == 200


def test_addresses_name_the_sites_host_whatever_host_name_was_asked(client, settings):
    # The page cache keeps one copy per site: a copy made for another host name of the same
    # site must not send everyone there.
    settings.ALLOWED_HOSTS = ["testserver", "sociale-economie.example"]
    for address in ["/open-data/", "/oproepen/", CALLS_ATOM, EVENTS_ICS]:
        text = client.get(address, HTTP_HOST="sociale-economie.example").content.decode()
        assert "sociale-economie.example" not in text, address
    assert "http://localhost/open-data/oproepen.atom" in main_text(client.get("/open-data/"))
