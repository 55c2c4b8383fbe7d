"""The agenda: upcoming events and the archive, filters, an event page, its calendar file, the
subscribable feed and the home page's next events."""

import json
from datetime import timedelta

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from actortypes.models import ActorType
from newsroom.models import EventIndexPage, EventPage
from pages.models import HomePage
from tests.html import main_text, soup
from tests.newsroom_factories import make_event, make_online_event
from tests.support_factories import brussels

pytestmark = pytest.mark.django_db

AGENDA = "/agenda/"
ARCHIVE = "/agenda/archief/"
FEED = "/agenda/agenda.ics"
NOW = brussels(2027, 1, 10, 9, 0)


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".event-item__link")]


def status_text(response):
    return " ".join(soup(response).find(role="status").get_text(" ").split())


def actor(slug):
    return ActorType.objects.get(slug=slug)


def parse(response):
    return icalendar.Calendar.from_ical(response.content)


# The page tree and the seed


def test_the_agenda_lives_below_home_and_holds_only_events():
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_subpage_models() == []
    assert EventIndexPage.max_count == 1


def test_a_fresh_install_has_an_empty_agenda_in_the_menu(client):
    response = client.get(AGENDA)
    assert response.status_code == 200
    assert EventPage.objects.count() == 0
    nav = soup(response).find("nav", class_="main-nav")
    assert ("Agenda", AGENDA) in [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]
    text = main_text(response)
    assert "0 komende activiteiten" in text
    assert "Er zijn op dit moment geen activiteiten gepland." in text
    assert soup(response).find("a", string="Bekijk de voorbije activiteiten in het archief")
    # The feed's address, in full, to copy into a calendar app.
    feed = soup(response).find("section", class_="calendar-feed").find("a")
    assert feed["href"] == feed.get_text(strip=True) == "http://localhost/agenda/agenda.ics"


# Order and archive with a moving clock


@time_machine.travel(NOW, tick=False)
def test_upcoming_events_come_soonest_first_and_past_ones_go_to_the_archive(client):
    make_event("Later", brussels(2027, 3, 1, 10, 0))
    make_event("Binnenkort", brussels(2027, 1, 20, 10, 0))
    make_event("Bezig", brussels(2027, 1, 9, 9, 0), brussels(2027, 1, 11, 17, 0))
    make_event("Vorige maand", brussels(2026, 12, 10, 10, 0))
    make_event("Vorig jaar", brussels(2026, 1, 10, 10, 0))

    agenda = client.get(AGENDA)
    # An event in progress counts as upcoming until it ends.
    assert titles(agenda) == ["Bezig", "Binnenkort", "Later"]
    assert status_text(agenda) == "3 komende activiteiten"
    assert "Nu bezig" in main_text(agenda)
    archive = client.get(ARCHIVE)
    assert titles(archive) == ["Vorige maand", "Vorig jaar"]
    assert status_text(archive) == "2 voorbije activiteiten"
    assert soup(archive).find("h1").get_text(strip=True) == "Archief: voorbije activiteiten"
    # The archive is a page of its own for search engines.
    assert soup(archive).find("link", rel="canonical")["href"] == "http://localhost/agenda/archief/"
    assert soup(archive).find("title").get_text().startswith("Archief: voorbije activiteiten |")
    graph = json.loads(soup(archive).find("script", type="application/ld+json").string)["@graph"]
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]] == [
        "Home",
        "Agenda",
        "Archief: voorbije activiteiten",
    ]

    with time_machine.travel(brussels(2027, 1, 11, 17, 0), tick=False):
        assert titles(client.get(AGENDA)) == ["Binnenkort", "Later"]
        assert titles(client.get(ARCHIVE))[0] == "Bezig"


@time_machine.travel(NOW, tick=False)
def test_the_agenda_is_kept_no_longer_than_until_the_next_event_starts_or_ends(client):
    starts = NOW + timedelta(minutes=30)
    make_event("Ochtendsessie", starts, starts + timedelta(hours=2))
    assert "max-age=60" in client.get(AGENDA)["Cache-Control"]

    with time_machine.travel(starts - timedelta(seconds=25), tick=False):
        for address in [AGENDA, "/agenda/ochtendsessie/", "/"]:
            assert "max-age=25" in client.get(address)["Cache-Control"], address
    with time_machine.travel(starts + timedelta(hours=2) - timedelta(seconds=10), tick=False):
        # The archive changes when an upcoming event ends.
        assert "max-age=10" in client.get(ARCHIVE)["Cache-Control"]


def test_the_archive_is_paginated_newest_first(client):
    for number in range(25):
        make_event(f"Vroeger {number:02}", brussels(2026, 1, 1 + number, 10, 0), publish="bulk")
    with time_machine.travel(NOW, tick=False):
        first = client.get(ARCHIVE)
        second = client.get(ARCHIVE + "?page=2")
    assert titles(first)[0] == "Vroeger 24"
    assert len(titles(first)) == 20
    assert titles(second) == [f"Vroeger {n:02}" for n in range(4, -1, -1)]
    assert soup(second).find("a", rel="prev")["href"] == "?page=1"


# Filters


@time_machine.travel(NOW, tick=False)
def test_filters_by_actor_type_and_province_with_counts(client):
    make_event(
        "Infosessie maatwerk", NOW + timedelta(days=5), actor_types=[actor("maatwerkbedrijven")]
    )
    make_event(
        "Netwerkdag Limburg",
        NOW + timedelta(days=6),
        actor_types=[actor("maatwerkbedrijven"), actor("ondernemingen")],
        venue_name="C-mine",
        street="C-mine 10",
        postcode="3600",
        municipality="Genk",
        province="limburg",
    )
    make_online_event("Webinar", NOW + timedelta(days=7), actor_types=[actor("ondernemingen")])

    response = client.get(AGENDA + "?voor=maatwerkbedrijven")
    assert titles(response) == ["Infosessie maatwerk", "Netwerkdag Limburg"]
    counts = {
        box["value"]: soup(response)
        .find("label", attrs={"for": box["id"]})
        .get_text(" ", strip=True)
        for box in soup(response).select("input[name=provincie]")
    }
    assert counts["limburg"] == "Limburg (1)"
    assert counts["brussel"] == "Brussel (1)"
    assert counts["online"] == "Online (0)"

    both = client.get(AGENDA + "?voor=ondernemingen&provincie=online")
    assert titles(both) == ["Webinar"]
    assert soup(both).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup(both).find("link", rel="canonical")["href"] == (
        "http://localhost/agenda/?provincie=online&voor=ondernemingen"
    )

    nothing = client.get(AGENDA + "?provincie=west-vlaanderen")
    assert titles(nothing) == []
    assert "Geen enkele activiteit past bij alle filters die je koos." in main_text(nothing)
    assert soup(nothing).find("a", string="Wis alle filters")["href"] == AGENDA


def test_unknown_filter_values_give_a_normal_page_that_is_not_cached(client):
    response = client.get(AGENDA + "?provincie=<script>&voor=niets&page=abc")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert client.get(AGENDA + "?provincie=limburg")["X-Cache"] == "miss"
    assert client.get(AGENDA + "?provincie=limburg")["X-Cache"] == "hit"


# An event


@time_machine.travel(NOW, tick=False)
def test_an_event_page_says_when_where_and_how_to_register_in_dutch(client):
    make_event(
        "Studiedag sociale economie",
        brussels(2027, 1, 15, 12, 0),
        brussels(2027, 1, 15, 16, 30),
        actor_types=[actor("maatwerkbedrijven")],
        registration_url="https://example.org/inschrijven",
        registration_deadline=brussels(2027, 1, 12, 23, 59),
        organiser="Vlaams Agentschap",
    )
    response = client.get("/agenda/studiedag-sociale-economie/")
    text = main_text(response)
    assert "15 januari 2027 van 12.00 tot 16.30 uur" in text
    assert "Herman Teirlinck Havenlaan 88 1000 Brussel" in text
    assert "Vlaams Agentschap" in text
    assert "Inschrijven kan tot 12 januari 2027 om 23.59 uur." in text
    assert (
        soup(response).find("a", string="Schrijf je in")["href"]
        == "https://example.org/inschrijven"
    )
    assert soup(response).find("a", string="Zet in je agenda")["href"] == (
        "/agenda/studiedag-sociale-economie/agenda.ics"
    )
    # Registration closing changes the page: it is kept no longer than that.
    closes = brussels(2027, 1, 12, 23, 59)
    with time_machine.travel(closes - timedelta(seconds=30), tick=False):
        before = client.get("/agenda/studiedag-sociale-economie/")
        assert "max-age=30" in before["Cache-Control"]

    with time_machine.travel(brussels(2027, 1, 13, 9, 0), tick=False):
        after = client.get("/agenda/studiedag-sociale-economie/")
        assert "De inschrijvingen zijn afgesloten." in main_text(after)
        assert not soup(after).find("a", string="Schrijf je in")


@time_machine.travel(NOW, tick=False)
def test_a_multi_day_event_reads_from_until(client):
    make_event("Beurs", brussels(2027, 5, 12, 9, 30), brussels(2027, 5, 13, 17, 0))
    text = main_text(client.get("/agenda/beurs/"))
    assert "van 12 mei 2027 om 09.30 uur tot 13 mei 2027 om 17.00 uur" in text


def test_the_report_shows_only_after_the_event(client):
    make_event(
        "Studiedag",
        brussels(2027, 1, 15, 9, 0),
        report=[("text", "<p>Honderd deelnemers kwamen.</p>")],
    )
    with time_machine.travel(brussels(2027, 1, 15, 10, 0), tick=False):
        assert "Honderd deelnemers" not in main_text(client.get("/agenda/studiedag/"))
    with time_machine.travel(brussels(2027, 1, 16), tick=False):
        text = main_text(client.get("/agenda/studiedag/"))
        assert "Verslag" in text and "Honderd deelnemers kwamen." in text
        assert "Deze activiteit heeft plaatsgevonden." in text


@time_machine.travel(NOW, tick=False)
def test_an_event_describes_itself_as_a_schema_org_event(client):
    make_online_event("Webinar", brussels(2027, 7, 1, 14, 0), brussels(2027, 7, 1, 15, 0))
    response = client.get("/agenda/webinar/")
    graph = json.loads(soup(response).find("script", type="application/ld+json").string)["@graph"]
    event = next(item for item in graph if item["@type"] == "Event")
    assert event["startDate"] == "2027-07-01T14:00:00+02:00"
    assert event["endDate"] == "2027-07-01T15:00:00+02:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webinar"}
    assert event["organizer"]["@id"].endswith("#organisatie")


# Calendar files


@pytest.mark.parametrize(
    "start, offset",
    [(brussels(2027, 7, 1, 14, 0), "+02:00"), (brussels(2027, 1, 15, 12, 0), "+01:00")],
    ids=["summer", "winter"],
)
def test_an_event_downloads_as_a_calendar_file_in_brussels_time(client, start, offset):
    event = make_event("Infosessie", start, start + timedelta(hours=2))
    response = client.get("/agenda/infosessie/agenda.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="infosessie.ics"'
    text = response.content.decode()
    assert f"DTSTART;TZID=Europe/Brussels:{start:%Y%m%dT%H%M%S}" in text
    calendar = parse(response)
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Brussels"
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart").isoformat() == start.replace(tzinfo=None).isoformat() + offset
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent["DTEND"].params["TZID"] == "Europe/Brussels"
    assert str(vevent["SUMMARY"]) == "Infosessie"
    assert str(vevent["LOCATION"]) == "Herman Teirlinck, Havenlaan 88, 1000 Brussel"
    assert str(vevent["URL"]) == "http://localhost/agenda/infosessie/"
    assert "Samenvatting van Infosessie." in str(vevent["DESCRIPTION"])
    assert vevent["DTSTAMP"]
    # The UID stays the same when the event is renamed and moved to another date.
    uid = str(vevent["UID"])
    event.title, event.start_at = "Infosessie (nieuwe datum)", start + timedelta(days=1)
    event.end_at = event.start_at + timedelta(hours=1)
    event.save_revision().publish()
    again = parse(client.get("/agenda/infosessie/agenda.ics"))
    assert str(again.walk("VEVENT")[0]["UID"]) == uid


def test_only_the_ics_address_serves_a_calendar_file(client):
    make_event("Infosessie", brussels(2027, 1, 15, 12, 0))
    assert client.get("/agenda/infosessie/agenda-ics/").status_code == 404
    assert client.get("/agenda/agenda-ics/").status_code == 404
    assert client.get("/agenda/bestaat-niet/agenda.ics").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_feed_holds_upcoming_and_recent_events_and_filters_by_actor_type(client):
    make_event("Binnenkort", NOW + timedelta(days=3), actor_types=[actor("maatwerkbedrijven")])
    make_online_event("Webinar", NOW + timedelta(days=4), actor_types=[actor("ondernemingen")])
    make_event("Vorige week", NOW - timedelta(days=7))
    make_event("Lang geleden", NOW - timedelta(days=200))

    response = client.get(FEED)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Agenda van Sociale economie"
    summaries = [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]
    assert summaries == ["Vorige week", "Binnenkort", "Webinar"]

    for_maatwerk = parse(client.get(FEED + "?voor=maatwerkbedrijven"))
    assert [str(v["SUMMARY"]) for v in for_maatwerk.walk("VEVENT")] == ["Binnenkort"]
    assert str(for_maatwerk["X-WR-CALNAME"]) == "Agenda voor maatwerkbedrijven"
    assert client.get(FEED + "?voor=bestaat-niet").status_code == 200


# What never shows: drafts, expired and private events


@time_machine.travel(NOW, tick=False)
def test_drafts_expired_and_private_events_never_appear(client):
    make_event("Zichtbaar", NOW + timedelta(days=2))
    make_event("Concept", NOW + timedelta(days=2), publish=False)
    make_event("Verlopen", NOW + timedelta(days=2), expire_at=NOW - timedelta(minutes=1))
    private = make_event("Besloten", NOW + timedelta(days=2))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    for address in [AGENDA, "/", FEED]:
        content = client.get(address).content.decode()
        assert "Zichtbaar" in content, address
        for hidden in ["Concept", "Verlopen", "Besloten"]:
            assert hidden not in content, (address, hidden)
    assert client.get("/agenda/concept/").status_code == 404
    assert client.get("/agenda/concept/agenda.ics").status_code == 404
    assert client.get("/agenda/besloten/agenda.ics").status_code == 302  # to the login page


# The home page


@time_machine.travel(NOW, tick=False)
def test_the_home_page_shows_the_next_three_events(client):
    for days in (9, 1, 5, 3):
        make_event(f"Over {days} dagen", NOW + timedelta(days=days))
    main = soup(client.get("/")).find("main")
    section = main.find("section", class_="home-events")
    assert section.find("h2").get_text(strip=True) == "Volgende activiteiten"
    assert [a.get_text(strip=True) for a in section.select(".event-item__link")] == [
        "Over 1 dagen",
        "Over 3 dagen",
        "Over 5 dagen",
    ]
    assert section.find("a", string="De volledige agenda")["href"] == AGENDA


def test_the_home_pages_events_are_kept_until_the_first_ends_and_then_read_again(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # every view renders; the events are a kept fragment
    make_event("Korte sessie", NOW + timedelta(minutes=30), NOW + timedelta(minutes=90))
    make_event("Later", NOW + timedelta(days=2))

    def titles():
        section = soup(client.get("/")).find("section", class_="home-events")
        return [a.get_text(strip=True) for a in section.select(".event-item__link")]

    with time_machine.travel(NOW, tick=False):
        assert titles() == ["Korte sessie", "Later"]
        with CaptureQueriesContext(connection) as next_view:
            assert titles() == ["Korte sessie", "Later"]
        assert not any('"newsroom_eventpage"' in query["sql"] for query in next_view)
    with time_machine.travel(NOW + timedelta(minutes=90), tick=False):
        assert titles() == ["Later"]


def test_the_home_page_says_when_no_event_is_planned(client):
    section = soup(client.get("/")).find("section", class_="home-events")
    assert "Er zijn op dit moment geen activiteiten gepland." in section.get_text(" ")
