"""The support hub: the finder, measures, calls and what actor pages show of them."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django.utils.cache import get_max_age
from wagtail.models import PageViewRestriction

from actortypes.models import ActorType
from support.models import CallIndexPage, CallPage, MeasurePage, SupportIndexPage
from tests.html import main_text, soup, visible_text
from tests.support_factories import brussels, make_call, make_measure, open_round

pytestmark = pytest.mark.django_db

FINDER = "/ondersteuning/"


def result_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".support-item__link")]


def facet_counts(response, name):
    """{option label: count} of one filter of the finder."""
    counts = {}
    for option in soup(response).select(f"input[name={name}]"):
        label = soup(response).find("label", attrs={"for": option["id"]}).get_text(" ", strip=True)
        text, count = label.rsplit("(", 1)
        counts[text.strip()] = int(count.rstrip(")"))
    return counts


def status_text(response):
    return " ".join(soup(response).find(role="status").get_text(" ").split())


def actor(slug):
    return ActorType.objects.get(slug=slug)


# The page tree


def test_measures_and_calls_live_below_their_index_pages():
    assert MeasurePage.allowed_parent_page_models() == [SupportIndexPage]
    assert CallPage.allowed_parent_page_models() == [CallIndexPage]
    assert SupportIndexPage.allowed_subpage_models() == [MeasurePage]
    assert CallIndexPage.allowed_subpage_models() == [CallPage]
    assert MeasurePage.allowed_subpage_models() == CallPage.allowed_subpage_models() == []


def test_the_main_navigation_leads_to_support_calls_and_over_ons(client):
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    links = [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]
    assert links[:4] == [
        ("Ondersteuning", "/ondersteuning/"),
        ("Oproepen", "/oproepen/"),
        ("Partners", "/partners/"),
        ("Over ons", "/over-ons/"),
    ]


def test_the_home_page_leads_with_the_six_actor_types(client):
    main = soup(client.get("/")).find("main")
    routes = main.find("nav", class_="routes")
    assert routes.find("h2").get_text(strip=True) == "Wie ben je?"
    assert [a["href"] for a in routes.find_all("a")] == [
        f"/over-ons/{actor_type.slug}/" for actor_type in ActorType.objects.live()
    ]
    # Nothing but the page title and introduction comes before the routes.
    assert not routes.find_all_previous("h2")


# The finder


def test_the_finder_lists_every_live_measure_open_ones_first(client):
    response = client.get(FINDER)

    titles = result_titles(response)
    assert len(titles) == MeasurePage.objects.live().count() == 8
    assert titles[-1] == "Lokale diensteneconomie"  # uitdovend: after the open measures
    assert status_text(response) == "8 maatregelen gevonden"
    assert not soup(response).find("meta", attrs={"name": "robots"})


def test_filters_narrow_the_results_and_each_option_counts_what_it_would_give(client):
    response = client.get(FINDER + "?voor=maatwerkbedrijven")

    assert result_titles(response) == [
        "Collectief maatwerk",
        "Managementondersteuning",
        "Sociaal Investeringsfonds (SIF)",
    ]
    assert status_text(response) == "3 maatregelen gevonden"
    # Within "voor wie", each option counts as if it were chosen alongside nothing else there.
    assert facet_counts(response, "voor")["Maatwerkbedrijven"] == 3
    assert facet_counts(response, "voor")["Lokale besturen"] == 1
    assert facet_counts(response, "soort") == {
        "Financiële steun": 0,
        "Tewerkstellingssteun": 1,
        "Financiering": 1,
        "Advies en begeleiding": 1,
        "Erkenning": 0,
    }
    assert facet_counts(response, "status") == {
        "Open voor aanvragen": 3,
        "Uitdovend": 0,
        "Afgesloten": 0,
    }
    checked = soup(response).select("input[checked]")
    assert [(box["name"], box["value"]) for box in checked] == [("voor", "maatwerkbedrijven")]


def test_two_choices_in_one_filter_give_either_and_two_filters_give_both(client):
    either = client.get(FINDER + "?voor=maatwerkbedrijven&voor=lokale-besturen")
    assert len(result_titles(either)) == 4

    both = client.get(FINDER + "?voor=maatwerkbedrijven&soort=employment")
    assert result_titles(both) == ["Collectief maatwerk"]


def test_a_filtered_page_names_its_normalised_address_as_canonical(client):
    response = client.get(FINDER + "?voor=maatwerkbedrijven&utm_source=x&soort=advice&voor=niets")

    canonical = soup(response).find("link", rel="canonical")["href"]
    assert canonical == "http://localhost/ondersteuning/?soort=advice&voor=maatwerkbedrijven"
    assert soup(client.get(FINDER)).find("link", rel="canonical")["href"] == (
        "http://localhost/ondersteuning/"
    )


def test_more_than_one_filter_keeps_the_page_out_of_search_engines(client):
    one = soup(client.get(FINDER + "?status=open"))
    two = soup(client.get(FINDER + "?status=open&soort=advice"))

    assert not one.find("meta", attrs={"name": "robots"})
    assert two.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_no_result_explains_itself_and_offers_to_clear_the_filters(client):
    response = client.get(FINDER + "?voor=lokale-besturen&soort=financing")

    assert result_titles(response) == []
    assert status_text(response) == "0 maatregelen gevonden"
    text = main_text(response)
    assert "Geen enkele maatregel past bij alle filters die je koos." in text
    clear = soup(response).find("a", string="Wis alle filters")
    assert clear["href"] == FINDER


def test_unknown_choices_are_ignored_with_a_normal_page(client):
    response = client.get(FINDER + "?voor=bestaat-niet&status=<script>&page=abc")

    assert response.status_code == 200
    assert len(result_titles(response)) == 8


def test_pages_of_results_keep_the_filters(client):
    for number in range(25):
        make_measure(f"Proefmaatregel {number:02}", actor_types=[actor("ondernemingen")])

    response = client.get(FINDER + "?voor=ondernemingen&page=2")

    assert status_text(response) == "26 maatregelen gevonden"
    assert len(result_titles(response)) == 6
    previous = soup(response).find("a", rel="prev")
    assert previous["href"] == "?voor=ondernemingen&page=1"


def test_the_finder_is_cached_per_normalised_set_of_filters(client):
    assert client.get(FINDER + "?voor=maatwerkbedrijven&status=open")["X-Cache"] == "miss"
    # The same filters in another order are the same page.
    assert client.get(FINDER + "?status=open&voor=maatwerkbedrijven")["X-Cache"] == "hit"
    # Unknown parameters and unknown values make no new cache entries.
    for address in [FINDER + "?voor=maatwerkbedrijven&utm_source=x", FINDER + "?voor=niets"]:
        for _ in range(2):
            assert "X-Cache" not in client.get(address), address


def test_keyboard_users_reach_every_filter_in_a_plain_form(client):
    form = soup(client.get(FINDER)).find("form", class_="finder__form")
    assert form["method"] == "get"
    assert form.find("button", type="submit")
    for box in form.find_all("input", type="checkbox"):
        assert form.find("label", attrs={"for": box["id"]})
    assert {fieldset.legend.get_text(strip=True) for fieldset in form.find_all("fieldset")} == {
        "Voor wie",
        "Soort steun",
        "Status",
    }


# A measure


def test_a_measure_page_leads_with_a_summary(client):
    response = client.get("/ondersteuning/collectief-maatwerk/")

    box = soup(response).find(class_="summary-box")
    assert box.h2.get_text(strip=True) == "Samengevat"
    terms = [dt.get_text(strip=True) for dt in box.find_all("dt")]
    assert terms[:4] == ["Voor wie", "Wat", "Status", "Hoe aanvragen"]
    assert box.find("a", string="Maatwerkbedrijven")["href"] == "/over-ons/maatwerkbedrijven/"
    assert "Open voor aanvragen" in box.get_text()
    assert "Laatst gewijzigd op" in main_text(response)


def test_a_measure_that_is_not_open_says_so_at_the_top(client):
    response = client.get("/ondersteuning/lokale-diensteneconomie/")

    notice = soup(response).find(class_="status-notice")
    assert "Uitdovend" in notice.get_text()
    assert "Sinds 1 juli 2023 kan je geen nieuwe aanvraag meer indienen." in notice.get_text()


def test_a_measure_needs_a_notice_when_it_is_not_open():
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    measure.status = "closed"
    with pytest.raises(Exception, match="waarom"):
        measure.full_clean()


def test_a_measure_lists_its_calls_open_first_then_past(client):
    measure = MeasurePage.objects.get(slug="opstart-en-innovatie")
    now = timezone.now()
    days = timedelta(days=1)
    make_call("Oproep 2024", [(now - 400 * days, now - 370 * days)], measure=measure)
    make_call("Oproep 2025", [(now - 60 * days, now - 30 * days)], measure=measure)
    make_call("Oproep nu", [open_round(now)], measure=measure)

    response = client.get("/ondersteuning/opstart-en-innovatie/")

    section = soup(response).find("section", attrs={"aria-labelledby": "oproepen"})
    titles = [a.get_text(strip=True) for a in section.select(".support-item__link")]
    assert titles == ["Oproep nu", "Oproep 2025", "Oproep 2024"]


def test_a_measure_is_a_government_service_for_search_engines(client):
    response = client.get("/ondersteuning/sociaal-investeringsfonds/")

    data = json.loads(soup(response).find("script", type="application/ld+json").string)
    [service] = [item for item in data["@graph"] if item["@type"] == "GovernmentService"]
    assert service["name"] == "Sociaal Investeringsfonds (SIF)"
    assert service["serviceType"] == "Financiering"
    assert service["provider"] == {"@id": "http://localhost/#organisatie"}
    assert [a["audienceType"] for a in service["audience"]] == [
        "Maatwerkbedrijven",
        "Sociale ondernemingen",
    ]
    canonical = soup(response).find("link", rel="canonical")["href"]
    assert canonical == "http://localhost/ondersteuning/sociaal-investeringsfonds/"


# Calls and their status


@time_machine.travel(brussels(2027, 1, 10, 9, 0), tick=False)
def test_a_call_page_shows_its_rounds_and_deadline_in_dutch(client):
    make_call(
        "Oproep sociale innovatie",
        [(brussels(2026, 12, 1, 9, 0), brussels(2027, 1, 15, 12, 0))],
        actor_types=[actor("sociale-ondernemingen")],
        application_url="https://example.org/indienen",
    )

    response = client.get("/oproepen/oproep-sociale-innovatie/")

    text = main_text(response)
    assert "Open: indienen tot 15 januari 2027 om 12.00 uur" in text
    assert "van 1 december 2026 om 09.00 uur tot 15 januari 2027 om 12.00 uur" in text
    assert soup(response).find("a", string="Voorstel indienen")["href"] == (
        "https://example.org/indienen"
    )
    data = json.loads(soup(response).find("script", type="application/ld+json").string)
    assert [item["name"] for item in data["@graph"] if item["@type"] == "Grant"] == [
        "Oproep sociale innovatie"
    ]


def test_a_deadline_at_midnight_closes_at_midnight_in_brussels():
    call = make_call("Oproep tot middernacht", [(brussels(2027, 2, 1, 9, 0), brussels(2027, 3, 1))])

    assert call.status(brussels(2027, 2, 1, 8, 59)) == "upcoming"
    assert call.status(brussels(2027, 2, 1, 9, 0)) == "open"
    assert call.status(brussels(2027, 2, 28, 23, 59)) == "open"
    assert call.status(brussels(2027, 3, 1, 0, 0)) == "closed"
    with time_machine.travel(brussels(2027, 2, 28, 23, 59), tick=False):
        assert call.status_label() == "Open: indienen tot 1 maart 2027 om 00.00 uur"
    with time_machine.travel(brussels(2027, 1, 1), tick=False):
        assert call.status_label() == "Binnenkort open (vanaf 1 februari 2027 om 09.00 uur)"


def test_a_deadline_after_the_change_to_summer_time_is_on_brussels_clocks():
    # 28 March 2027: clocks go from 02.00 to 03.00. Noon in Brussels is then 10.00 UTC.
    call = make_call("Oproep zomertijd", [(brussels(2027, 3, 1, 9, 0), brussels(2027, 3, 28, 12))])

    assert call.status(datetime(2027, 3, 28, 9, 59, tzinfo=UTC)) == "open"
    assert call.status(datetime(2027, 3, 28, 10, 0, tzinfo=UTC)) == "closed"
    assert call.rounds.get().closes_label() == "28 maart 2027 om 12.00 uur"


def test_a_deadline_after_the_change_to_winter_time_is_on_brussels_clocks():
    # 31 October 2027: clocks go back from 03.00 to 02.00. Noon in Brussels is then 11.00 UTC.
    call = make_call("Oproep winter", [(brussels(2027, 10, 1, 9, 0), brussels(2027, 10, 31, 12))])

    assert call.status(datetime(2027, 10, 31, 10, 59, tzinfo=UTC)) == "open"
    assert call.status(datetime(2027, 10, 31, 11, 0, tzinfo=UTC)) == "closed"
    assert call.rounds.get().opens_label() == "1 oktober 2027 om 09.00 uur"


def test_a_call_with_two_rounds_is_open_in_each_and_upcoming_between_them():
    call = make_call(
        "Oproep in twee rondes",
        [
            (brussels(2027, 1, 1, 9, 0), brussels(2027, 1, 31, 12, 0)),
            (brussels(2027, 6, 1, 9, 0), brussels(2027, 6, 30, 12, 0)),
        ],
    )

    assert call.status(brussels(2027, 1, 15)) == "open"
    assert call.status(brussels(2027, 3, 1)) == "upcoming"
    assert call.next_change(brussels(2027, 3, 1)) == brussels(2027, 6, 1, 9, 0)
    assert call.status(brussels(2027, 6, 15)) == "open"
    assert call.status(brussels(2027, 7, 1)) == "closed"
    assert call.next_change(brussels(2027, 7, 1)) is None


def test_the_calls_overview_shows_open_then_opening_soon_then_the_archive(client):
    now = timezone.now()
    make_call("Oud", [(now - timedelta(days=400), now - timedelta(days=370))])
    make_call("Recent gesloten", [(now - timedelta(days=60), now - timedelta(days=30))])
    make_call("Binnenkort", [(now + timedelta(days=10), now + timedelta(days=40))])
    make_call("Open met late deadline", [open_round(now, days=50)])
    make_call("Open met vroege deadline", [open_round(now, days=5)])

    response = client.get("/oproepen/")

    sections = {
        section.h2.get_text(strip=True): [a.get_text(strip=True) for a in section.select("li a")]
        for section in soup(response).select("section.support-section")
    }
    assert sections == {
        "Nu open": ["Open met vroege deadline", "Open met late deadline"],
        "Binnenkort open": ["Binnenkort"],
        "Archief: afgesloten oproepen": ["Recent gesloten", "Oud"],
    }


def test_without_calls_the_overview_says_so(client):
    assert "Er is op dit moment geen oproep open." in main_text(client.get("/oproepen/"))


# Actor pages


def test_an_actor_page_shows_its_measures_and_says_when_no_call_is_open(client):
    response = client.get("/over-ons/maatwerkbedrijven/")

    text = main_text(response)
    assert "Ondersteuning voor maatwerkbedrijven" in text
    assert "Collectief maatwerk" in text
    assert "Er zijn geen open oproepen voor dit type ondersteuning." in text
    assert soup(response).find("a", string="Alle oproepen")["href"] == "/oproepen/"
    # The seed text stays.
    assert actor("maatwerkbedrijven").summary in text


def test_an_actor_page_lists_open_calls_then_calls_opening_soon(client):
    now = timezone.now()
    maatwerk = [actor("maatwerkbedrijven")]
    make_call("Straks", [(now + timedelta(days=3), now + timedelta(days=30))], actor_types=maatwerk)
    make_call("Nu", [open_round(now)], actor_types=maatwerk)
    make_call("Voorbij", [(now - timedelta(days=9), now - timedelta(days=2))], actor_types=maatwerk)
    make_call("Voor anderen", [open_round(now)], actor_types=[actor("lokale-besturen")])

    response = client.get("/over-ons/maatwerkbedrijven/")

    section = soup(response).find("section", attrs={"aria-labelledby": "open-oproepen"})
    titles = [a.get_text(strip=True) for a in section.select(".support-item__link")]
    assert titles == ["Nu", "Straks"]
    assert "Open: indienen tot" in section.get_text()


# Drafts, expired and private pages


def test_drafts_expired_and_private_measures_and_calls_are_never_listed(client):
    now = timezone.now()
    maatwerk = [actor("maatwerkbedrijven")]
    make_measure("Conceptmaatregel", actor_types=maatwerk, publish=False)
    make_measure("Vervallen maatregel", actor_types=maatwerk, expire_at=now - timedelta(minutes=1))
    private = make_measure("Besloten maatregel", actor_types=maatwerk)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_call("Conceptoproep", [open_round(now)], actor_types=maatwerk, publish=False)
    make_call("Vervallen oproep", [open_round(now)], actor_types=maatwerk, expire_at=now)
    hidden_call = make_call("Besloten oproep", [open_round(now)], actor_types=maatwerk)
    PageViewRestriction.objects.create(page=hidden_call, restriction_type="password", password="x")

    for address in [FINDER, "/over-ons/maatwerkbedrijven/", "/oproepen/"]:
        text = visible_text(client.get(address))
        for title in ["Concept", "Vervallen", "Besloten"]:
            assert title not in text, (address, title)
    # Site search lists what Wagtail serves: an expired page until publish_scheduled runs.
    found = visible_text(client.get("/zoeken/?q=maatregel"))
    assert "Concept" not in found and "Besloten" not in found


# Page cache and the clock


def test_a_cached_actor_page_shows_a_call_closed_the_minute_after_its_deadline(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600  # as with Redis: longer than the time left to the deadline
    deadline = brussels(2027, 1, 15, 12, 0)
    make_call(
        "Oproep met deadline",
        [(brussels(2027, 1, 1, 9, 0), deadline)],
        actor_types=[actor("maatwerkbedrijven")],
    )
    with time_machine.travel(deadline - timedelta(minutes=5), tick=False):
        first = client.get("/over-ons/maatwerkbedrijven/")
        assert first["X-Cache"] == "miss"
        assert "Oproep met deadline" in main_text(first)
        assert "max-age=60" in first["Cache-Control"]
    with time_machine.travel(deadline - timedelta(seconds=40), tick=False):
        cached = client.get("/over-ons/maatwerkbedrijven/")
        assert cached["X-Cache"] == "hit"
        # Never kept past the deadline, by browsers and proxies either.
        assert "max-age=40" in cached["Cache-Control"]
    with time_machine.travel(deadline + timedelta(minutes=1), tick=False):
        after = client.get("/over-ons/maatwerkbedrijven/")
        assert after["X-Cache"] == "miss"
        assert "Oproep met deadline" not in main_text(after)
        assert "Er zijn geen open oproepen voor dit type ondersteuning." in main_text(after)


def test_a_far_change_reaches_browsers_as_no_longer_than_the_page_caches_max_age(
    admin_client, settings
):
    """A view says until when its content holds (months, for a call or a measure that ends
    then): visitors' browsers and proxies keep it a minute at most, also where the page cache
    does not store it, and a logged-in editor's browser keeps nothing."""
    visitor = Client()
    start = brussels(2027, 1, 1, 9, 0)
    with time_machine.travel(start, tick=False):
        make_measure("Maatregel tot de zomer", expire_at=start + timedelta(days=90))
        make_call("Oproep tot de zomer", [open_round(start, days=90)])
        addresses = ["/ondersteuning/", "/ondersteuning/?page=1", "/oproepen/?page=1"]
        for address in [*addresses, "/ondersteuning/?utm_source=nieuwsbrief", "/oproepen/"]:
            assert get_max_age(visitor.get(address)) <= 60, address
        settings.PAGE_CACHE_TIMEOUT = 0
        for address in addresses:
            assert get_max_age(visitor.get(address)) <= 60, address
            editor = admin_client.get(address)
            assert get_max_age(editor) == 0, address
            assert {"private", "no-store"} <= set(
                part.strip() for part in editor["Cache-Control"].split(",")
            ), address


def test_a_numbered_finder_page_is_kept_no_longer_than_a_listed_measure(client):
    expiry = brussels(2027, 3, 1, 12, 0)
    with time_machine.travel(expiry - timedelta(days=1), tick=False):
        make_measure("Aaa tijdelijk", expire_at=expiry)
    for address in ["/ondersteuning/?page=1", "/ondersteuning/?voor=maatwerkbedrijven&page=1"]:
        with time_machine.travel(expiry - timedelta(seconds=25), tick=False):
            assert get_max_age(client.get(address)) <= 25, address
        with time_machine.travel(expiry + timedelta(seconds=5), tick=False):
            assert "Aaa tijdelijk" not in main_text(client.get(address)), address


@pytest.mark.parametrize(
    "address", ["/oproepen/?voor=wat-dan-ook", "/ondersteuning/?provincie=wat-dan-ook"]
)
def test_a_parameter_the_listing_does_not_read_is_shown_but_not_stored(client, address):
    assert client.get(address).status_code == 200
    assert client.get(address).get("X-Cache") != "hit"


def test_max_age_never_reaches_past_a_status_change(client):
    opens = brussels(2027, 1, 15, 9, 0)
    make_call("Oproep die opent", [(opens, opens + timedelta(days=30))])
    with time_machine.travel(opens - timedelta(seconds=25), tick=False):
        for address in ["/oproepen/", "/oproepen/oproep-die-opent/"]:
            response = client.get(address)
            assert "max-age=25" in response["Cache-Control"], address
    with time_machine.travel(opens, tick=False):
        assert "Nu open" in main_text(client.get("/oproepen/"))
        assert "Open: indienen tot" in main_text(client.get("/oproepen/oproep-die-opent/"))


# Search


@pytest.mark.parametrize("word", ["subsidie", "tewerkstelling", "lening", "oproep", "innovatie"])
def test_search_finds_measures_and_calls_with_the_words_people_type(client, word):
    make_call(
        "Oproep sociale innovatie 2025",
        [(brussels(2025, 3, 1, 9, 0), brussels(2025, 4, 30, 12, 0))],
        summary="Een oproep voor subsidie aan innovatie in sociale ondernemingen.",
    )
    response = client.get("/zoeken/", {"q": word})

    links = [a["href"] for a in soup(response).select(".search-result a")]
    support_links = [h for h in links if h.startswith(("/ondersteuning/", "/oproepen/"))]
    assert support_links, (word, links)


# Long lists: the actor page shows the first few, the rest is one link away; everything is
# selected, counted and sorted in SQL by the rules the pages themselves follow.


def test_an_actor_page_shows_ten_measures_and_links_to_all_of_them_in_the_finder(client):
    maatwerk = [actor("maatwerkbedrijven")]
    for number in range(12):
        make_measure(f"Extra maatregel {number:02}", actor_types=maatwerk, publish="bulk")
    make_measure(
        "Afgesloten maatregel",
        actor_types=maatwerk,
        publish="bulk",
        status="closed",
        status_notice="Sinds 2020 niet meer.",
    )

    response = client.get("/over-ons/maatwerkbedrijven/")

    section = soup(response).find("section", attrs={"aria-labelledby": "ondersteuning"})
    titles = [a.get_text(strip=True) for a in section.select(".support-item__link")]
    assert len(titles) == 10
    assert titles[0] == "Collectief maatwerk" and "Afgesloten maatregel" not in titles
    link = section.find("a", string=lambda text: text and "Alle" in text)
    assert link.get_text(" ", strip=True) == "Alle 16 maatregelen voor maatwerkbedrijven"
    assert link["href"] == "/ondersteuning/?voor=maatwerkbedrijven"
    assert len(result_titles(client.get(link["href"]))) == 16


def test_an_actor_page_shows_the_ten_soonest_calls_and_how_many_there_are(client):
    now = timezone.now()
    maatwerk = [actor("maatwerkbedrijven")]
    for number in range(11):
        make_call(f"Open {number:02}", [open_round(now, days=20 - number)], actor_types=maatwerk)
    make_call("Straks", [(now + timedelta(days=2), now + timedelta(days=9))], actor_types=maatwerk)

    response = client.get("/over-ons/maatwerkbedrijven/")

    section = soup(response).find("section", attrs={"aria-labelledby": "open-oproepen"})
    titles = [a.get_text(strip=True) for a in section.select(".support-item__link")]
    assert titles == [f"Open {number:02}" for number in range(10, 0, -1)]
    text = " ".join(section.get_text(" ").split())
    assert (
        "De 10 eerstvolgende van 12 open en binnenkort open oproepen voor maatwerkbedrijven."
        in (text)
    )
    assert section.find("a", string="Alle oproepen")["href"] == "/oproepen/"


def test_an_actor_page_is_kept_no_longer_than_until_a_call_it_does_not_show_opens(client):
    now = timezone.now()
    maatwerk = [actor("maatwerkbedrijven")]
    for number in range(10):
        make_call(f"Open {number}", [open_round(now, days=20)], actor_types=maatwerk)
    opens = now + timedelta(minutes=30)
    make_call("Nog niet getoond", [(opens, opens + timedelta(days=9))], actor_types=maatwerk)

    response = client.get("/over-ons/maatwerkbedrijven/")

    assert "Nog niet getoond" not in main_text(response)
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 30 * 60


def mixed_calls(at):
    """Calls in every state at `at`, with one to three rounds in any order, overlapping ones,
    rounds sharing an opening, and a call without rounds."""
    day = timedelta(days=1)
    rounds = {
        "Open, twee rondes": [(at - 3 * day, at + 5 * day), (at + 40 * day, at + 50 * day)],
        "Open, ronde in omgekeerde volgorde": [(at + 40 * day, at + 60 * day), open_round(at, 2)],
        "Open, overlappende rondes": [(at - 9 * day, at + 9 * day), (at - 2 * day, at + day)],
        "Open tot straks": [(at - day, at + timedelta(minutes=5))],
        "Tussen twee rondes": [(at - 30 * day, at - 20 * day), (at + 3 * day, at + 8 * day)],
        "Binnenkort": [(at + day, at + 2 * day)],
        "Binnenkort, zelfde opening": [(at + day, at + 4 * day), (at + day, at + 3 * day)],
        "Net gesloten": [(at - 9 * day, at)],
        "Lang gesloten": [(at - 90 * day, at - 80 * day), (at - 70 * day, at - 60 * day)],
    }
    calls = [
        make_call(title, pairs, publish="bulk", slug=f"gemengd-{number}")
        for number, (title, pairs) in enumerate(rounds.items())
    ]
    calls.append(make_call("Zonder rondes", [], publish="bulk"))
    return calls


def test_the_sql_status_and_order_of_calls_follow_call_page_status():
    from support import listings

    at = timezone.now()
    mixed_calls(at)
    calls = listings.listed_calls(at)

    for call in listings.with_call_status(calls, at):
        status, round = call.status(at), call.current_round(at)
        assert call.status_rank == listings.CALL_STATUS_ORDER[status], call.title
        assert call.open_deadline == (round.closes_at if status == "open" else None), call.title
        if status == "upcoming":
            assert call.next_opening == round.opens_at, call.title
        if status == "closed":
            assert call.next_opening is None, call.title
        assert call.next_round_change == call.next_change(at), call.title
    in_sql = [
        *listings.current_calls_in_order(calls, at),
        *listings.closed_calls_in_order(calls, at),
    ]
    assert [c.title for c in in_sql] == [c.title for c in listings.sorted_calls(calls, at)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?voor=maatwerkbedrijven",
        "?voor=maatwerkbedrijven&voor=lokale-besturen",
        "?soort=advice&status=open",
        "?voor=ondernemingen&soort=financial&soort=employment&status=phasing_out",
    ],
)
def test_the_finder_counts_in_sql_what_the_faceted_rule_counts_in_python(rf, query):
    from pages import facets
    from support import listings
    from support.finder import find_measures

    kinds, statuses = ["financial", "advice", "employment"], ["open", "phasing_out", "closed"]
    slugs = ["maatwerkbedrijven", "lokale-besturen", "ondernemingen"]
    for number in range(18):
        make_measure(
            f"Gemengd {number:02}",
            actor_types=[actor(slug) for slug in slugs[: number % 4]],
            kind=kinds[number % 3],
            status=statuses[number % 5 % 3],
            status_notice="Niet meer.",
            publish="bulk",
        )
    request = rf.get(FINDER + query)

    finder = find_measures(SupportIndexPage.objects.get(), request)

    # The same facets, counted and filtered by the Python rule over every listed measure.
    in_python = [
        facets.Facet(
            facet.name, facet.legend, [facets.Option(o.value, o.label) for o in facet.options]
        )
        for facet in finder.facets
    ]
    selected, _canonical = facets.choose(in_python, request)
    measures = listings.sort_measures(
        listings.listed_measures(timezone.now()).prefetch_related("actor_types")
    )
    keyed = [
        (
            m,
            {
                "voor": {a.slug for a in m.actor_types.all()},
                "soort": {m.kind},
                "status": {m.status},
            },
        )
        for m in measures
    ]
    results = facets.count_and_filter(in_python, keyed, selected)
    assert [[o.count for o in f.options] for f in finder.facets] == [
        [o.count for o in f.options] for f in in_python
    ]
    assert finder.result_count == len(results)
    assert [m.title for m in finder.results] == [m.title for m in results[: len(finder.results)]]
