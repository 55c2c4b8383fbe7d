"""Nieuws: dated news items below /nieuws/, newest first, filtered by actor type, on the home
page as "Laatste nieuws"; and the home page's "Open oproepen"."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from actortypes.models import ActorType
from newsroom.models import NewsIndexPage, NewsPage
from support.models import MeasurePage
from tests.editorial import PAGE_WORKFLOW_ACTION
from tests.html import form_errors, main_text, soup
from tests.newsroom_factories import make_news, make_publication
from tests.support_factories import brussels, make_call, open_round

pytestmark = pytest.mark.django_db

NEWS = "/nieuws/"


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select("main .news-item__link")]


def status_text(response):
    return " ".join(soup(response).find(role="status").get_text(" ").split())


def actor(slug):
    return ActorType.objects.get(slug=slug)


def publish_scheduled():
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))


# The page tree and the starting content


def test_news_items_live_below_the_one_news_overview_below_home():
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsIndexPage.max_count == 1
    assert NewsPage.allowed_subpage_models() == []


def test_a_fresh_install_has_an_empty_news_overview_in_the_menu(client):
    response = client.get(NEWS)

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "Nieuws"
    assert NewsPage.objects.count() == 0  # no invented news
    assert "Er is nog geen nieuws. Het nieuws van het departement over sociale economie " in (
        main_text(response)
    )
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    assert "/nieuws/" in [a["href"] for a in nav.find_all("a")]


def test_the_loader_adds_the_news_overview_to_an_existing_install_once():
    NewsIndexPage.objects.get().delete()

    call_command("load_initial_data", stdout=open("/dev/null", "w"))
    call_command("load_initial_data", stdout=open("/dev/null", "w"))

    assert NewsIndexPage.objects.get().url_path == "/home/nieuws/"


# The overview


def test_news_is_listed_by_date_newest_first_then_by_when_it_went_live(client):
    with time_machine.travel(brussels(2027, 1, 10, 9, 0)):
        make_news("Eerste bericht van de dag", date(2027, 1, 10))
    with time_machine.travel(brussels(2027, 1, 10, 11, 0)):
        make_news("Tweede bericht van de dag", date(2027, 1, 10))
    with time_machine.travel(brussels(2027, 1, 12, 9, 0)):
        # Written later, about an earlier day: listed by its date.
        make_news("Terugblik op de studiedag", date(2027, 1, 8))

    with time_machine.travel(brussels(2027, 1, 12, 10, 0)):
        response = client.get(NEWS)

    assert titles(response) == [
        "Tweede bericht van de dag",
        "Eerste bericht van de dag",
        "Terugblik op de studiedag",
    ]
    assert status_text(response) == "3 nieuwsberichten"
    dates = [time.get_text(strip=True) for time in soup(response).select("main .news-item time")]
    assert dates == ["10 januari 2027", "10 januari 2027", "8 januari 2027"]


def test_an_embargoed_announcement_appears_at_ten_everywhere_and_not_a_minute_before(client):
    with time_machine.travel(brussels(2027, 1, 14, 16, 0)):
        make_news("Oudere aankondiging", date(2027, 1, 14))
        embargoed = make_news("Nieuwe erkenningen", date(2027, 1, 15), publish=False)
        embargoed.go_live_at = brussels(2027, 1, 15, 10, 0)
        embargoed.save_revision().publish()  # approved: waits for its go-live moment

    with time_machine.travel(brussels(2027, 1, 15, 9, 59)):
        publish_scheduled()
        assert titles(client.get(NEWS)) == ["Oudere aankondiging"]
        assert "Nieuwe erkenningen" not in main_text(client.get("/"))
        assert client.get("/nieuws/nieuwe-erkenningen/").status_code == 404

    with time_machine.travel(brussels(2027, 1, 15, 10, 0, 30)):
        publish_scheduled()
        assert titles(client.get(NEWS)) == ["Nieuwe erkenningen", "Oudere aankondiging"]
        assert "Nieuwe erkenningen" in main_text(client.get("/"))
        item = client.get("/nieuws/nieuwe-erkenningen/")
    assert item.status_code == 200
    assert "15 januari 2027" in main_text(item)


def test_drafts_expired_and_private_news_are_never_listed(client, home):
    make_news("Gepubliceerd bericht", date(2026, 11, 2))
    make_news("Concept", date(2026, 11, 3), publish=False)
    expired = make_news("Verlopen bericht", date(2026, 11, 4))
    # Expired a minute ago: publish_scheduled has not unpublished it yet.
    NewsPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    private = make_news("Afgeschermd bericht", date(2026, 11, 5))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    assert titles(client.get(NEWS)) == ["Gepubliceerd bericht"]
    assert [a.get_text(strip=True) for a in soup(client.get("/")).select(".news-item__link")] == [
        "Gepubliceerd bericht"
    ]


def test_the_filter_shows_the_news_for_one_actor_type_and_counts_each_option(client):
    make_news("Voor maatwerkbedrijven", date(2026, 11, 2), [actor("maatwerkbedrijven")])
    make_news("Voor lokale besturen", date(2026, 11, 3), [actor("lokale-besturen")])
    make_news("Voor iedereen", date(2026, 11, 4))

    response = client.get(NEWS + "?voor=maatwerkbedrijven")

    assert titles(response) == ["Voor maatwerkbedrijven"]
    assert status_text(response) == "1 nieuwsbericht"
    label = soup(response).find("label", attrs={"for": "voor-lokale-besturen"})
    assert " ".join(label.get_text(" ").split()) == "Lokale besturen (1)"
    assert (
        soup(response)
        .find("link", rel="canonical")["href"]
        .endswith("/nieuws/?voor=maatwerkbedrijven")
    )
    assert "Gefilterd op: Maatwerkbedrijven" in main_text(response)


def test_news_published_in_bulk_keeps_its_actor_types(client):
    # The factories' fast path (query counts, benchmark-sized lists) must tag pages as editors do.
    make_news("In bulk", date(2026, 11, 2), [actor("maatwerkbedrijven")], publish="bulk")
    make_publication(
        "Gids in bulk", date(2026, 11, 2), actor_types=[actor("maatwerkbedrijven")], publish="bulk"
    )

    assert titles(client.get(NEWS + "?voor=maatwerkbedrijven")) == ["In bulk"]
    assert "Gids in bulk" in main_text(client.get("/publicaties/?voor=maatwerkbedrijven"))


def test_a_filter_without_news_says_so_and_leads_back_to_all_news(client):
    make_news("Voor maatwerkbedrijven", date(2026, 11, 2), [actor("maatwerkbedrijven")])

    response = client.get(NEWS + "?voor=lokale-besturen")

    assert titles(response) == []
    assert "Er is geen nieuws voor wat je koos. Bekijk al het nieuws" in main_text(response)
    assert soup(response).find("a", string="Bekijk al het nieuws")["href"] == NEWS


def test_an_unknown_filter_value_is_shown_but_never_a_server_error(client):
    make_news("Bericht", date(2026, 11, 2))

    response = client.get(NEWS + "?voor=bestaat-niet&page=xyz")

    assert response.status_code == 200
    assert titles(response) == ["Bericht"]


def test_the_overview_shows_twenty_items_a_page(client):
    for number in range(21):
        make_news(f"Bericht {number}", date(2026, 10, 1) + timedelta(days=number), publish="bulk")

    first, second = client.get(NEWS), client.get(NEWS + "?page=2")

    assert len(titles(first)) == 20 and titles(first)[0] == "Bericht 20"
    assert titles(second) == ["Bericht 0"]
    pagination = soup(first).find("nav", class_="pagination")
    assert pagination["aria-label"] == "Pagina's met nieuws"


# A news item


def test_a_news_item_shows_its_date_lead_actor_types_and_text(client):
    make_news(
        "Nieuwe oproep voor maatwerkbedrijven",
        date(2027, 1, 15),
        [actor("maatwerkbedrijven")],
        summary="Maatwerkbedrijven kunnen vanaf vandaag een voorstel indienen.",
        body=[("text", "<p>De oproep loopt tot eind februari.</p>")],
    )

    response = client.get("/nieuws/nieuwe-oproep-voor-maatwerkbedrijven/")

    assert response.status_code == 200
    text = main_text(response)
    assert "Home Nieuws Nieuwe oproep voor maatwerkbedrijven" in text  # breadcrumbs
    assert soup(response).select_one(".article__date time")["datetime"] == "2027-01-15"
    assert soup(response).select_one(".article__date").get_text(strip=True) == "15 januari 2027"
    assert "Maatwerkbedrijven kunnen vanaf vandaag een voorstel indienen." in text
    assert "Voor wie Maatwerkbedrijven" in text
    assert "De oproep loopt tot eind februari." in text
    description = soup(response).find("meta", attrs={"name": "description"})["content"]
    assert description == "Maatwerkbedrijven kunnen vanaf vandaag een voorstel indienen."


def test_last_changed_shows_only_when_the_item_changed_after_its_date(client):
    with time_machine.travel(brussels(2027, 1, 15, 10, 0)):
        item = make_news("Nieuwe erkenningen", date(2027, 1, 15))
    with time_machine.travel(brussels(2027, 1, 15, 16, 0)):
        item.save_revision().publish()  # a typo fixed on the day itself
    assert "Laatst gewijzigd" not in main_text(client.get(item.url))

    with time_machine.travel(brussels(2027, 1, 18, 9, 0)):
        item.save_revision().publish()

    assert "Laatst gewijzigd op 18 januari 2027" in main_text(client.get(item.url))


def test_a_news_item_links_only_the_related_pages_visitors_may_open(client):
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    call = make_call("Oproep werkplekaanpassing", [open_round(timezone.now())])
    publication = make_publication("Handleiding", date(2026, 11, 2))
    draft = make_publication("Ontwerp van rapport", date(2026, 11, 2), publish=False)
    private_call = make_call("Besloten oproep", [open_round(timezone.now())])
    PageViewRestriction.objects.create(page=private_call, restriction_type="login")
    item = make_news(
        "Bericht", date(2026, 11, 3), related=[measure, call, publication, draft, private_call]
    )

    related = soup(client.get(item.url)).find("section", class_="related-pages")

    assert related.find("h2").get_text(strip=True) == "Meer hierover"
    assert [
        " ".join(li.get_text(" ").split()) for li in related.select(".related-pages__item")
    ] == [
        "Maatregel Collectief maatwerk",
        "Oproep Oproep werkplekaanpassing",
        "Publicatie Handleiding",
    ]


def test_a_news_item_is_a_news_article_for_search_engines(client):
    item = make_news("Nieuwe erkenningen", date(2027, 1, 15), [actor("maatwerkbedrijven")])

    script = soup(client.get(item.url)).find("script", type="application/ld+json")
    graph = {node["@type"]: node for node in json.loads(script.string)["@graph"]}

    article = graph["NewsArticle"]
    assert article["headline"] == "Nieuwe erkenningen"
    assert article["datePublished"] == "2027-01-15"
    assert article["publisher"] == {"@id": "http://localhost/#organisatie"}
    assert article["audience"] == [
        {"@type": "BusinessAudience", "audienceType": "Maatwerkbedrijven"}
    ]
    assert graph["WebPage"]["mainEntity"] == {"@id": article["@id"]}
    assert [crumb["name"] for crumb in graph["BreadcrumbList"]["itemListElement"]] == [
        "Home",
        "Nieuws",
        "Nieuwe erkenningen",
    ]


# The home page


def home_section(client, heading):
    main = soup(client.get("/")).find("main")
    return main.find("h2", string=heading).find_parent("section")


def test_the_home_page_shows_the_three_latest_news_items(client):
    for day in range(1, 5):
        make_news(f"Bericht {day}", date(2026, 11, day))

    section = home_section(client, "Laatste nieuws")

    assert [a.get_text(strip=True) for a in section.select(".news-item__link")] == [
        "Bericht 4",
        "Bericht 3",
        "Bericht 2",
    ]
    assert section.find("a", string="Al het nieuws")["href"] == NEWS


def test_the_home_pages_news_is_kept_until_an_item_expires_and_then_read_again(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # every view renders; the news is a kept fragment
    expiry = timezone.now() + timedelta(hours=1)
    make_news("Tijdelijk bericht", date(2026, 11, 2), expire_at=expiry)
    make_news("Blijvend bericht", date(2026, 11, 1))

    def titles():
        section = home_section(client, "Laatste nieuws")
        return [a.get_text(strip=True) for a in section.select(".news-item__link")]

    assert titles() == ["Tijdelijk bericht", "Blijvend bericht"]
    with CaptureQueriesContext(connection) as next_view:
        assert titles() == ["Tijdelijk bericht", "Blijvend bericht"]
    assert not any('"newsroom_newspage"' in query["sql"] for query in next_view)
    with time_machine.travel(expiry, tick=False):
        assert titles() == ["Blijvend bericht"]


def test_without_news_the_home_page_says_so(client):
    section = home_section(client, "Laatste nieuws")

    assert " ".join(section.get_text(" ").split()) == (
        "Laatste nieuws Er is nog geen nieuws. Bekijk de nieuwspagina"
    )


def test_without_open_calls_the_home_page_says_so_and_leads_to_all_calls(client):
    make_call("Oproep vorig jaar", [(timezone.now() - timedelta(days=400),) * 2])

    section = home_section(client, "Open oproepen")

    assert " ".join(section.get_text(" ").split()) == (
        "Open oproepen Er zijn nu geen open oproepen. Bekijk alle oproepen"
    )
    assert section.find("a")["href"] == "/oproepen/"


def test_the_home_page_shows_open_calls_soonest_deadline_first_until_the_next_change(client):
    now = timezone.now()
    make_call("Sluit later", [open_round(now, days=30)])
    make_call("Sluit eerst", [open_round(now, days=10)])
    make_call("Opent morgen", [(now + timedelta(days=1), now + timedelta(days=20))])
    make_call("Afgesloten", [(now - timedelta(days=40), now - timedelta(days=20))])

    response = client.get("/")
    section = home_section(client, "Open oproepen")

    assert [a.get_text(strip=True) for a in section.select(".support-item__link")] == [
        "Sluit eerst",
        "Sluit later",
    ]
    assert section.find("a", string="Bekijk alle oproepen")["href"] == "/oproepen/"
    # Kept no longer than until "Opent morgen" opens.
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 24 * 3600


def test_the_home_page_sections_come_in_order_open_calls_news_events(client):
    headings = [h2.get_text(strip=True) for h2 in soup(client.get("/")).select("main h2")]

    open_calls, news = headings.index("Open oproepen"), headings.index("Laatste nieuws")
    assert open_calls < news < headings.index("Volgende activiteiten")


# Editors


def news_form(**changes):
    data = {
        "title": "Nieuwe erkenningen voor maatwerkbedrijven",
        "slug": "nieuwe-erkenningen",
        "date": "15-01-2027",
        "summary": "Vijf ondernemingen zijn erkend als maatwerkbedrijf.",
        "body": streamfield([("text", rich_text("<p>De minister maakte ze vandaag bekend.</p>"))]),
        "related_pages": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    # Checkboxes send one value per ticked box.
    return {**nested_form_data(data), "actor_types": [actor("maatwerkbedrijven").pk]}


def test_a_redacteur_writes_and_submits_news_and_a_hoofdredacteur_approves_it(
    client, redacteur, hoofdredacteur
):
    index = NewsIndexPage.objects.get()
    client.force_login(redacteur)
    editor = client.get(f"/admin/pages/add/newsroom/newspage/{index.pk}/")
    assert editor.status_code == 200
    boxes = soup(editor).select("input[type=checkbox][name=actor_types]")
    assert len(boxes) == ActorType.objects.count()
    # The date starts as today, in Brussels.
    assert soup(editor).find("input", attrs={"name": "date"})["value"] == timezone.localdate(
        timezone.now(), timezone=brussels(2027, 1, 1).tzinfo
    ).strftime("%d-%m-%Y")

    response = client.post(
        f"/admin/pages/add/newsroom/newspage/{index.pk}/", {**news_form(), "action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = NewsPage.objects.get(slug="nieuwe-erkenningen")
    assert not item.live and item.workflow_in_progress
    assert titles(client.get(NEWS)) == []

    client.force_login(hoofdredacteur)
    client.post(
        PAGE_WORKFLOW_ACTION.format(item.pk, "approve", item.current_workflow_task_state.pk)
    )
    client.logout()

    item.refresh_from_db()
    assert item.live
    assert titles(client.get(NEWS + "?voor=maatwerkbedrijven")) == [
        "Nieuwe erkenningen voor maatwerkbedrijven"
    ]
    assert "15 januari 2027" in main_text(client.get("/nieuws/nieuwe-erkenningen/"))


def test_a_redacteur_cannot_publish_news_directly(client, redacteur):
    index = NewsIndexPage.objects.get()
    client.force_login(redacteur)

    client.post(
        f"/admin/pages/add/newsroom/newspage/{index.pk}/", {**news_form(), "action-publish": "1"}
    )

    assert not NewsPage.objects.get(slug="nieuwe-erkenningen").live


def test_news_without_a_lead_gets_a_dutch_error(client, hoofdredacteur):
    index = NewsIndexPage.objects.get()
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/add/newsroom/newspage/{index.pk}/",
        {**news_form(summary=""), "action-publish": "1"},
    )

    assert response.status_code == 200
    assert form_errors(response) == ["Dit is een verplicht veld."]
    assert not NewsPage.objects.filter(slug="nieuwe-erkenningen").exists()


class TestNewsPagesRenderAndPreview(WagtailPageTestCase):
    def test_news_pages_render_and_preview_in_the_public_templates(self):
        item = make_news("Bericht", date(2026, 11, 2))
        self.assertPageIsRenderable(item)
        self.assertPageIsPreviewable(item, post_data=news_form(title="Bericht"))
        index = NewsIndexPage.objects.get()
        self.assertPageIsRenderable(index)
        self.assertPageIsPreviewable(index)
