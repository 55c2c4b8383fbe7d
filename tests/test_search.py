"""Site search at /zoeken/: what a visitor finds, on PostgreSQL and on SQLite.

Both search full text with the last term also as a prefix (search/site_search.py): PostgreSQL
with Dutch stemming, plus trigram matching on page titles when few results are found; SQLite with
FTS5. Where the two differ, each test says so and asserts what that database really does.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from actortypes.models import ActorType
from pages.models import ContentPage
from search.site_search import MAX_QUERY_LENGTH, clean_query
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


def search(client, query, **params):
    response = client.get("/zoeken/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".search-result__link")]


def status_text(response):
    return " ".join(soup(response).find(class_="search__status").get_text(" ").split())


def test_postgresql_searches_in_dutch_with_unaccent_and_trigrams():
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    applied = MigrationRecorder(connection).migration_qs.filter(
        app="search", name="0001_postgres_search_extensions"
    )
    assert applied.exists()  # on every database; on SQLite it does nothing
    if POSTGRESQL:
        assert config == "dutch"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') "
                "ORDER BY extname"
            )
            assert [row[0] for row in cursor.fetchall()] == ["pg_trgm", "unaccent"]
            cursor.execute("SELECT f_unaccent('Activiteitencoöperaties')")
            assert cursor.fetchone()[0] == "Activiteitencooperaties"
    else:
        assert config is None  # SQLite's FTS5 knows no languages


def test_search_page_is_dutch_and_not_for_search_engines(client):
    response = search(client, "")

    assert "search/search.html" in [t.name for t in response.templates]
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Zoeken"
    assert html.title.get_text(strip=True) == "Zoeken | Sociale economie"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    form = html.find("main").find("form", role="search")
    assert form["action"] == "/zoeken/" and form["method"] == "get"
    assert html.find("label", attrs={"for": "search-page-input"}).get_text(strip=True) == (
        "Zoeken op deze website"
    )


def test_maatwerkbedrijf_finds_maatwerkbedrijven_first(client):
    """Singular for plural: the last term also matches as a prefix, without its last letter."""
    response = search(client, "maatwerkbedrijf")

    titles = result_titles(response)
    assert titles[0] == "Maatwerkbedrijven"
    first = soup(response).select_one(".search-result")
    assert first.find("a")["href"] == "/over-ons/maatwerkbedrijven/"
    assert first.find(class_="search-result__excerpt").get_text(strip=True) == (
        ActorType.objects.get(slug="maatwerkbedrijven").summary
    )
    # Over ons mentions "maatwerkbedrijven" in its text: the prefix finds that too.
    assert "Over ons" in titles


def test_cooperatie_finds_activiteitencooperaties_on_both_databases(client):
    """A word inside a compound, without its diaeresis: the actor types' names are matched in
    Python, inside compounds too; Over ons says "coöperaties" (a prefix match)."""
    response = search(client, "cooperatie")

    titles = result_titles(response)
    assert titles[0] == "Activiteitencoöperaties"
    assert "Over ons" in titles


@pytest.mark.parametrize("query", ["coöperaties", "cooperaties", "COÖPERATIES"])
def test_diacritics_and_case_do_not_matter(client, query):
    # Over ons: "We kennen ze als maatwerkbedrijven, kringloopwinkels of coöperaties".
    titles = result_titles(search(client, query))

    assert "Over ons" in titles
    if POSTGRESQL:
        assert titles[0] == "Activiteitencoöperaties"


@pytest.mark.parametrize("variant", ["ﬁnanciering", "ｆｉｎａｎｃｉｅｒｉｎｇ"])
def test_a_compatibility_form_finds_what_its_plain_letters_find(client, home, variant):
    # A ligature or full-width letters, as pasted from a PDF or typed on a phone, search for the
    # plain word; and searching them first never leaves the plain word's results empty.
    page = home.add_child(
        instance=ContentPage(title="Financiering voor starters", intro="<p>Over geld.</p>")
    )
    page.save_revision().publish()

    assert "Financiering voor starters" in result_titles(search(client, variant))
    assert "Financiering voor starters" in result_titles(search(client, "financiering"))


def test_the_whole_name_finds_activiteitencooperaties_on_both_databases(client):
    assert result_titles(search(client, "activiteitencooperatie"))[0] == "Activiteitencoöperaties"


def test_several_words_find_pages_with_all_of_them(client):
    response = search(client, "sociale economie")

    titles = result_titles(response)
    assert titles[0] == "Sociale economie"  # the home page: its title holds both words
    assert "Over ons" in titles
    # The count is of all results; the first page shows at most ten of them.
    count, rest = status_text(response).split(" ", 1)
    assert int(count) >= len(titles) and rest.startswith("resultaten voor “sociale economie”")


def test_results_show_title_excerpt_and_link(client):
    response = search(client, "ombudsdienst")

    results = soup(response).select(".search-result")
    assert [r.find("a").get_text(strip=True) for r in results] == ["Toegankelijkheidsverklaring"]
    assert results[0].find("a")["href"] == "/toegankelijkheid/"
    assert results[0].find(class_="search-result__excerpt").get_text(strip=True) == (
        ContentPage.objects.get(slug="toegankelijkheid").search_description
    )
    assert status_text(response) == "1 resultaat voor “ombudsdienst”"


def test_a_page_without_description_shows_the_start_of_its_text(client, about):
    result = soup(search(client, "kringloopwinkels")).select_one(".search-result")

    assert result.find("a").get_text(strip=True) == "Over ons"
    excerpt = result.find(class_="search-result__excerpt").get_text(strip=True)
    assert excerpt.startswith("Je komt het hier allemaal te weten. Wie zijn wij? Sociale economie")
    assert excerpt.endswith("…")
    assert "wie-zijn-wij" not in excerpt  # anchors are not text


def test_drafts_and_unpublished_pages_are_not_found(client, maatwerkbedrijven):
    maatwerkbedrijven.summary = "Geheimzinnigwoord in een concept."
    maatwerkbedrijven.save_revision()  # a draft: not published
    disclaimer = ContentPage.objects.get(slug="disclaimer")
    disclaimer.unpublish()

    assert result_titles(search(client, "geheimzinnigwoord")) == []
    assert "Disclaimer" not in result_titles(search(client, "aansprakelijk"))


@pytest.mark.parametrize("restriction_type", ["password", "login"])
def test_private_pages_and_the_pages_below_them_are_not_found(client, home, restriction_type):
    def add_page(parent, title):
        page = parent.add_child(
            instance=ContentPage(title=title, intro="<p>Over zeepkistenraces.</p>")
        )
        page.save_revision().publish()
        return page

    private = add_page(home, "Zeepkistenraces intern")
    add_page(private, "Zeepkistenraces archief")
    add_page(home, "Zeepkistenraces")
    PageViewRestriction.objects.create(
        page=private, restriction_type=restriction_type, password="geheim"
    )

    # Full text and the extra matching (fuzzy or prefix) alike.
    assert result_titles(search(client, "zeepkistenraces")) == ["Zeepkistenraces"]
    assert result_titles(search(client, "zeepkistenrace")) == ["Zeepkistenraces"]


def test_a_published_change_is_found_at_once(client, maatwerkbedrijven, home):
    assert result_titles(search(client, "zeepkisten")) == []  # kept until the next publish

    maatwerkbedrijven.summary = "Maatwerkbedrijven bouwen ook zeepkisten."
    maatwerkbedrijven.save_revision().publish()

    assert result_titles(search(client, "zeepkisten")) == ["Maatwerkbedrijven"]

    page = home.add_child(instance=ContentPage(title="Zeepkisten", intro="<p>Over races.</p>"))
    page.save_revision().publish()

    assert result_titles(search(client, "zeepkisten")) == ["Zeepkisten", "Maatwerkbedrijven"]
    page.unpublish()
    assert result_titles(search(client, "zeepkisten")) == ["Maatwerkbedrijven"]


def test_a_page_that_expired_since_the_same_search_is_left_out(
    client, home, settings, time_machine
):
    settings.PAGE_CACHE_TIMEOUT = 24 * 60 * 60  # the results of a search are kept a day
    time_machine.move_to(timezone.now(), tick=False)
    page = home.add_child(
        instance=ContentPage(
            title="Zeepkisten",
            intro="<p>Over races.</p>",
            expire_at=timezone.now() + timedelta(hours=1),
        )
    )
    page.save_revision().publish()
    assert result_titles(search(client, "zeepkisten")) == ["Zeepkisten"]

    time_machine.shift(timedelta(hours=2))  # expiry is no publish: nothing clears the results

    assert result_titles(search(client, "zeepkisten")) == []


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\x00", "\u200b"])
def test_an_empty_search_asks_for_words(client, query):
    response = search(client, query)

    assert result_titles(response) == []
    assert status_text(response) == "Typ een of meer woorden in het zoekvak."


def test_no_query_at_all_asks_for_words(client):
    response = client.get("/zoeken/")

    assert response.status_code == 200
    assert status_text(response) == "Typ een of meer woorden in het zoekvak."


@pytest.mark.parametrize("query", ["!!!", "%%%", "'\"", "*", "-- ;", "_"])
def test_a_search_without_letters_or_digits_gets_a_friendly_answer(client, query):
    response = search(client, query)

    assert result_titles(response) == []
    assert status_text(response) == (
        "Je zoekterm bevat geen letters of cijfers. Probeer het opnieuw met een woord."
    )


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "OR",
        "AND NOT",
        "NEAR(sociale economie)",
        '"sociale economie"',
        "sociale*",
        "maatwerk\x00bedrijf",
        "😀 sociale",
        "a",
        "%27%22",
        "<script>alert(1)</script>",
    ],
)
def test_odd_searches_never_break_the_page(client, query):
    response = search(client, query)

    assert "Er ging iets mis" not in main_text(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_very_long_search_is_cut_to_200_characters(client):
    query = "maatwerkbedrijf " * 40  # 640 characters

    response = search(client, query)

    html = soup(response)
    assert html.find("input", id="search-page-input")["value"] == query[:MAX_QUERY_LENGTH].strip()
    assert "Je zoekterm was te lang. We zochten op de eerste 200 tekens." in status_text(response)


def test_a_search_of_letters_that_lengthen_in_lower_case_is_counted(client):
    # "İ" lowercases to two characters: 200 of them are 400, longer than the report's column.
    search(client, "İ" * 300)

    counted = Query.objects.get(query_string__startswith="i̇")
    assert len(counted.query_string) == 255


def test_a_search_in_other_capitals_is_the_same_search(client, django_assert_max_num_queries):
    assert "Over ons" in result_titles(search(client, "coöperaties"))

    # Only the report's count (2 statements) and the excerpts shown: no search query.
    with django_assert_max_num_queries(3):
        assert "Over ons" in result_titles(search(client, "Coöperaties"))


def test_clean_query_keeps_words_only():
    query = clean_query("  Coöperatie's,\x00 (sociale)  economie!  ")

    assert query.text == "Coöperatie's, (sociale) economie!"
    assert query.terms == "Coöperatie s sociale economie"
    assert not query.truncated
    assert clean_query("ﬁnanciering").terms == "financiering"


@pytest.fixture
def many_pages(home):
    """Fifteen published pages that all mention 'veldbloemen'."""
    for number in range(1, 16):
        page = home.add_child(
            instance=ContentPage(
                title=f"Veldbloemen {number:02}",
                slug=f"veldbloemen-{number:02}",
                intro=f"<p>Over veldbloemen, deel {number}.</p>",
            )
        )
        page.save_revision().publish()


def pagination_links(response):
    nav = soup(response).find("nav", class_="pagination")
    return [" ".join(a.get_text(" ").split()) for a in nav.find_all("a")] if nav else []


def test_results_come_ten_per_page(client, many_pages):
    first = search(client, "veldbloemen")
    second = search(client, "veldbloemen", page="2")

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 5
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert status_text(first) == "15 resultaten voor “veldbloemen” (pagina 1 van 2)"
    assert pagination_links(first) == ["Pagina 2", "Volgende pagina"]
    assert pagination_links(second) == ["Vorige pagina", "Pagina 1"]
    assert soup(second).find("ol", class_="search-results")["start"] == "11"
    next_link = soup(first).find("a", rel="next")["href"]
    assert next_link == "?q=veldbloemen&page=2"


@pytest.mark.parametrize(
    ("page", "expected"),
    [("abc", 1), ("", 1), ("1.5", 1), ("0", 2), ("-1", 2), ("999", 2), ("9" * 40, 2)],
)
def test_an_invalid_page_number_shows_the_first_or_last_page(client, many_pages, page, expected):
    response = search(client, "veldbloemen", page=page)

    assert f"(pagina {expected} van 2)" in status_text(response)


def test_editors_can_promote_a_result_for_a_query(client):
    contact = ContentPage.objects.get(slug="contact")
    query = Query.get("Subsidie")
    SearchPromotion.objects.create(
        query=query, page=contact, description="Vragen over subsidies? Bel 1700.", sort_order=0
    )

    response = search(client, "subsidie")

    first = soup(response).select_one(".search-result")
    assert "search-result--promoted" in first["class"]
    assert first.find("a").get_text(strip=True) == "Contact"
    assert first.find("a")["href"] == "/contact/"
    assert first.find(class_="search-result__label").get_text(strip=True) == "Aanbevolen"
    assert first.find(class_="search-result__excerpt").get_text(strip=True) == (
        "Vragen over subsidies? Bel 1700."
    )
    # A promoted page is listed once, even when it matches the search itself too.
    assert result_titles(response).count("Contact") == 1


def test_a_promotion_shows_at_once_and_goes_at_once(client, admin_client):
    assert result_titles(search(client, "subsidie"))[:1] != ["Contact"]
    contact = ContentPage.objects.get(slug="contact")
    promotion = SearchPromotion.objects.create(
        query=Query.get("subsidie"), page=contact, description="Bel 1700.", sort_order=0
    )

    assert result_titles(search(client, "subsidie"))[0] == "Contact"
    promotion.delete()
    assert result_titles(search(client, "subsidie"))[:1] != ["Contact"]


def test_each_search_counts_once_in_the_search_terms_report(client, admin_client):
    search(client, "Maatwerkbedrijf")
    search(client, "maatwerkbedrijf  ")
    search(client, "maatwerkbedrijf", page=2)  # the next result page is the same search
    search(client, "")  # no search at all

    query = Query.objects.get()
    assert query.query_string == "maatwerkbedrijf"
    assert query.hits == 2
    assert query.daily_hits.get().date == timezone.localdate()
    # Editors see it in Wagtail's report (Rapporten › Zoektermen).
    report = admin_client.get("/admin/searchpicks/reports/search-terms/").content.decode()
    assert "maatwerkbedrijf" in report


def test_searches_are_counted_per_day(client, time_machine):
    time_machine.move_to("2026-03-01 10:00 +01:00")
    search(client, "maatwerk")
    search(client, "maatwerk")
    time_machine.move_to("2026-03-02 00:30 +01:00")  # the next day in Brussels
    search(client, "maatwerk")

    query = Query.objects.get()
    assert [(day.date.isoformat(), day.hits) for day in query.daily_hits.order_by("date")] == [
        ("2026-03-01", 2),
        ("2026-03-02", 1),
    ]
    assert query.hits == 3


def in_own_connection(function, *args):
    """What function returns when called in a thread of its own, with its own database
    connection: outside the test's transaction, so what it writes is committed."""

    def run():
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.mark.postgresql  # SQLite's test database is one connection
def test_concurrent_first_searches_are_each_counted():
    def search_once(_):
        try:
            return Client().get("/zoeken/", {"q": "gelijktijdig"}).status_code
        finally:
            connection.close()

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(search_once, range(16))) == [200] * 16
        assert in_own_connection(lambda: Query.objects.get(query_string="gelijktijdig").hits) == 16
    finally:
        in_own_connection(lambda: Query.objects.filter(query_string="gelijktijdig").delete())


def test_a_search_response_is_kept_by_no_shared_cache_so_every_search_counts(client):
    response = search(client, "maatwerkbedrijf")

    assert "private" in response["Cache-Control"]
    assert "X-Cache" not in response  # never from the page cache: a query string


def test_a_search_without_results_helps_the_visitor_on(client):
    response = search(client, "Arbeidszorgmedewerkersondersteuningsmaatregel")
    help_ = soup(response).find(class_="search__help")

    assert result_titles(response) == []
    links = {a.get_text(strip=True): a["href"] for a in help_.find_all("a")}
    assert links["Over ons"] == "/over-ons/"
    assert links["Maatwerkbedrijven"] == "/over-ons/maatwerkbedrijven/"
    assert len([href for href in links.values() if href.startswith("/over-ons/")]) == 7
    assert links["Contact"] == "/contact/"
    assert links["1700"] == "tel:1700"
    assert "Vlaamse Infolijn" in help_.get_text()


def test_a_search_without_results_leads_to_every_section_in_the_menu(client, home):
    home.add_child(
        instance=ContentPage(title="Nieuwsbrief", slug="nieuwsbrief", show_in_menus=True)
    ).save_revision().publish()

    help_ = soup(search(client, "xyzzy")).find(class_="search__help")

    assert [a.get_text(strip=True) for a in help_.select(".main-routes__list > li > a")] == [
        "Ondersteuning",
        "Oproepen",
        "Partners",
        "Over ons",
        "Nieuws",
        "Publicaties",
        "Agenda",
        "Contact",
        "Nieuwsbrief",
    ]


def test_a_search_with_results_or_without_words_shows_no_help(client):
    assert soup(search(client, "maatwerkbedrijf")).find(class_="search__help") is None
    assert soup(search(client, "")).find(class_="search__help") is None


def test_excerpts_keep_the_space_between_paragraphs(client, home):
    home.add_child(
        instance=ContentPage(
            title="Knooppunt",
            slug="knooppunt",
            intro="<p>Wij zijn het knooppunt.</p><p>We ondersteunen ondernemers.</p>",
            body=[
                ("text", RichText("<ul><li>Eerste punt</li><li>Tweede punt</li></ul>")),
                ("text", RichText("<p>Adres<br/>1030 Brussel</p>")),
            ],
        )
    ).save_revision().publish()

    result = soup(search(client, "knooppunt")).select_one(".search-result")

    assert result.find(class_="search-result__excerpt").get_text() == (
        "Wij zijn het knooppunt. We ondersteunen ondernemers. Eerste punt Tweede punt "
        "Adres 1030 Brussel"
    )


def test_every_page_has_a_search_box_in_the_header_that_works_without_javascript(client):
    for url in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/contact/", "/bestaat-niet/"]:
        header = soup(client.get(url)).find("header")
        form = header.find("form", role="search")
        assert form["action"] == "/zoeken/", url
        assert form["method"] == "get", url
        field = form.find("input", attrs={"name": "q"})
        assert field["type"] == "search"
        assert header.find("label", attrs={"for": field["id"]}).get_text(strip=True) == (
            "Zoeken op deze website"
        )
        assert form.find("button", type="submit").get_text(strip=True) == "Zoeken"


def test_editors_find_promoted_results_in_the_admin_settings(admin_client):
    response = admin_client.get("/admin/searchpicks/")

    assert response.status_code == 200
    assert "Uitgelichte zoekresultaten" in response.content.decode()
    assert admin_client.get("/admin/searchpicks/add/").status_code == 200
