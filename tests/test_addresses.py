"""Partners' addresses forgive what people type: slugs transliterate, variants answer 301,
near misses get a suggestion (issue 11)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from actortypes.models import ActorType
from addresses.slugs import slugify
from pages.models import ContentPage
from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db

ACTOR_TYPE_ADD = "/admin/snippets/actortypes/actortype/add/"


def assert_moved(client, old, new):
    response = client.get(old)
    assert (response.status_code, response.get("Location")) == (301, new), old


# Slugs


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Coöperaties", "cooperaties"),
        ("financiële steun", "financiele-steun"),
        ("Café & co", "cafe-en-co"),
        ("Façade  -  naïef", "facade-naief"),
        ("Straße", "strasse"),
        ("maatwerkbedrijven", "maatwerkbedrijven"),
    ],
)
def test_slugs_transliterate_dutch_letters_and_write_and_as_en(typed, slug):
    assert slugify(typed) == slug


def test_every_existing_address_is_already_a_slug_and_so_never_changes():
    slugs = list(Page.objects.filter(depth__gt=1).values_list("slug", flat=True))
    slugs += list(ActorType.objects.values_list("slug", flat=True))
    assert len(slugs) >= 12
    assert [slugify(slug) for slug in slugs] == slugs


def new_actor_type(**changes):
    data = {
        "name": "Café & co",
        "slug": "",
        "summary": "Een nieuw soort actor.",
        "body": '{"blocks":[{"key":"a","text":"Tekst.","type":"unstyled","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return data


def test_a_new_actor_types_slug_is_filled_in_from_its_name(admin_client):
    response = admin_client.post(ACTOR_TYPE_ADD, new_actor_type())

    assert response.status_code == 302, response.content.decode()[:3000]
    assert ActorType.objects.get(name="Café & co").slug == "cafe-en-co"


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("Coöperaties", "cooperaties"), ("financiële steun", "financiele-steun")],
)
def test_a_slug_typed_by_hand_is_transliterated_on_the_server(admin_client, typed, slug):
    response = admin_client.post(ACTOR_TYPE_ADD, new_actor_type(name=typed, slug=typed))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert ActorType.objects.get(name=typed).slug == slug


def test_a_slug_from_a_name_that_is_taken_gets_a_dutch_form_error(admin_client):
    response = admin_client.post(ACTOR_TYPE_ADD, new_actor_type(name="Lokale Besturen!"))

    assert response.status_code == 200
    assert "Er bestaat al een Actortype met eenzelfde Slug." in response.content.decode()
    assert not ActorType.objects.filter(name="Lokale Besturen!").exists()


def test_a_slug_from_a_long_name_fits_its_field():
    actor_type = ActorType.objects.create(
        name="Straße " * 14, summary="Lang.", body="<p>Lang.</p>", live=False
    )
    assert len(actor_type.slug) <= 100
    assert actor_type.slug.startswith("strasse-strasse-") and not actor_type.slug.endswith("-")


def test_a_snippets_slug_is_generated_on_save():
    actor_type = ActorType.objects.create(
        name="Financiële steun", summary="Geld.", body="<p>Geld.</p>", live=False
    )
    assert actor_type.slug == "financiele-steun"


def test_a_page_slug_typed_by_hand_is_transliterated_on_the_server(admin_client, home):
    response = admin_client.post(
        f"/admin/pages/add/pages/contentpage/{home.pk}/",
        {
            "title": "Café & co",
            "slug": "Café & co",
            "intro": '{"blocks":[],"entityMap":{}}',
            "body-count": "0",
            "action-publish": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert ContentPage.objects.get(title="Café & co").url == "/cafe-en-co/"


def test_an_existing_address_is_kept_when_its_actor_type_is_saved_again(
    admin_client, maatwerkbedrijven
):
    admin_client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, "publish", summary="Nieuwe samenvatting."),
    )
    maatwerkbedrijven.refresh_from_db()
    assert (maatwerkbedrijven.slug, maatwerkbedrijven.summary) == (
        "maatwerkbedrijven",
        "Nieuwe samenvatting.",
    )


def test_every_slug_field_in_the_admin_transliterates_in_the_browser_too(admin_client, about):
    for url in [
        f"/admin/pages/{about.pk}/edit/",
        ACTOR_TYPE_ADD,
    ]:
        slug_input = soup(admin_client.get(url)).find("input", attrs={"name": "slug"})
        assert slug_input["data-controller"].startswith("w-slug"), url
        # urlify transliterates (Wagtail's slugify would drop the letters), after "&" → " en ".
        assert "blur->w-slug#urlify" in slug_input["data-action"], url
        assert "w-slug#slugify" not in slug_input["data-action"], url
        assert slug_input["data-w-slug-formatters-value"] == '[[["&","gu"]," en "]]', url


def test_a_new_actor_types_name_fills_in_its_slug_in_the_browser(admin_client):
    name_input = soup(admin_client.get(ACTOR_TYPE_ADD)).find("input", attrs={"name": "name"})
    assert "w-sync" in name_input["data-controller"]
    assert name_input["data-w-sync-target-value"] == "#id_slug"


def test_renaming_a_published_actor_type_leaves_its_slug_alone_in_the_browser(
    admin_client, maatwerkbedrijven
):
    edit_form = soup(admin_client.get(ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk)))
    name_input = edit_form.find("input", attrs={"name": "name"})
    assert "w-sync#apply" not in name_input.get("data-action", "")


# Variants of an existing address


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("/over-ons/Maatwerkbedrijven/", "/over-ons/maatwerkbedrijven/"),
        ("/Over-Ons/", "/over-ons/"),
        ("/Over-Ons", "/over-ons/"),
        ("/over-ons/activiteitenco%C3%B6peraties/", "/over-ons/activiteitencooperaties/"),
        ("/OVER-ONS/LOKALE-BESTUREN/", "/over-ons/lokale-besturen/"),
        ("/Contact/", "/contact/"),
        (
            "/over-ons/Maatwerkbedrijven/?utm_source=partner",
            "/over-ons/maatwerkbedrijven/?utm_source=partner",
        ),
    ],
)
def test_a_case_or_diacritic_variant_of_an_address_answers_301_to_it(client, typed, address):
    assert_moved(client, typed, address)


def test_variants_of_every_page_are_found_also_new_ones(client, home):
    page = home.add_child(instance=Page(title="Financiële steun", slug="financiele-steun"))
    page.save_revision().publish()

    assert_moved(client, "/Financi%C3%ABle-Steun/", "/financiele-steun/")


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("/Ondersteuning/Collectief-Maatwerk/", "/ondersteuning/collectief-maatwerk/"),
        ("/ondersteuning/activiteitenco%C3%B6peraties/", "/ondersteuning/activiteitencooperaties/"),
        ("/OPROEPEN/", "/oproepen/"),
    ],
)
def test_measures_and_calls_have_forgiving_addresses_too(client, typed, address):
    assert_moved(client, typed, address)


def test_an_unpublished_actor_type_has_no_variants(client, maatwerkbedrijven):
    maatwerkbedrijven.unpublish()

    assert client.get("/over-ons/Maatwerkbedrijven/").status_code == 404


def test_an_editors_redirect_wins_over_a_variant(client):
    Redirect.objects.create(old_path="/over-ons/Maatwerkbedrijven", redirect_link="/contact/")

    assert_moved(client, "/over-ons/Maatwerkbedrijven/", "/contact/")


def test_the_admin_is_left_alone(admin_client):
    assert admin_client.get("/admin/Pages/").status_code == 404


# The 404 page


def test_a_near_miss_gets_a_404_that_suggests_the_likely_page(client):
    response = client.get("/over-ons/maatwerkbedrijf/")

    assert response.status_code == 404
    suggestion = soup(response).find(class_="not-found__suggestion")
    assert " ".join(suggestion.get_text().split()) == ("Bedoelde je /over-ons/maatwerkbedrijven/?")
    assert suggestion.a["href"] == "/over-ons/maatwerkbedrijven/"


def test_an_address_like_no_other_gets_no_suggestion(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert soup(response).find(class_="not-found__suggestion") is None


def main_routes(response):
    routes = soup(response).find("nav", class_="not-found__routes")
    return [(a.get_text(strip=True), a["href"]) for a in routes.find_all("a")]


def test_every_404_lists_the_main_routes_and_the_search_box(client):
    response = client.get("/bestaat-niet/")

    assert main_routes(response) == [
        ("Ondersteuning", "/ondersteuning/"),
        ("Oproepen", "/oproepen/"),
        ("Partners", "/partners/"),
        ("Over ons", "/over-ons/"),
        ("Activiteitencoöperaties", "/over-ons/activiteitencooperaties/"),
        ("Lokale besturen", "/over-ons/lokale-besturen/"),
        ("Lokale diensteneconomie", "/over-ons/lokale-diensteneconomie/"),
        ("Maatwerkbedrijven", "/over-ons/maatwerkbedrijven/"),
        ("Ondernemingen", "/over-ons/ondernemingen/"),
        ("Sociale ondernemingen", "/over-ons/sociale-ondernemingen/"),
        ("Nieuws", "/nieuws/"),
        ("Publicaties", "/publicaties/"),
        ("Agenda", "/agenda/"),
        ("Contact", "/contact/"),
    ]
    assert soup(response).find("main").find("form", role="search")["action"] == "/zoeken/"
    assert "Pagina niet gevonden" in main_text(response)


def test_a_new_section_in_the_menu_is_a_main_route_too(client, home):
    jobs = home.add_child(instance=Page(title="Vacatures", slug="vacatures", show_in_menus=True))
    jobs.save_revision().publish()

    routes = main_routes(client.get("/over-ons/bestaat-niet/"))
    assert ("Vacatures", "/vacatures/") in routes


def suggestion(response):
    found = soup(response).find(class_="not-found__suggestion")
    return found.a["href"] if found else None


def test_the_404_suggests_what_is_live_and_public_now_not_what_was(client, home):
    """The addresses it suggests from are a site-wide fragment: publishing, unpublishing and a
    view restriction each count at once."""
    assert suggestion(client.get("/vacature/")) is None  # the fragment is now computed
    jobs = home.add_child(instance=Page(title="Vacatures", slug="vacatures", live=False))
    jobs.save_revision().publish()
    assert suggestion(client.get("/vacature/")) == "/vacatures/"
    assert ("Vacatures", "/vacatures/") not in main_routes(client.get("/vacature/"))

    restriction = PageViewRestriction.objects.create(
        page=jobs, restriction_type="password", password="geheim"
    )
    assert suggestion(client.get("/vacature/")) is None
    restriction.delete()
    assert suggestion(client.get("/vacature/")) == "/vacatures/"

    jobs.refresh_from_db()
    jobs.unpublish()
    assert suggestion(client.get("/vacature/")) is None


def test_the_404_costs_the_same_queries_however_many_pages_and_actor_types(client, home):
    def queries():
        client.get("/over-ons/maatwerkbedrijf/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/over-ons/maatwerkbedrijf/").status_code == 404
        return len(captured)

    before = queries()
    for number in range(30):
        home.add_child(instance=Page(title=f"Pagina {number}", slug=f"pagina-{number}"))
    ActorType.objects.bulk_create(
        ActorType(name=f"Actor {n}", slug=f"actor-{n}", summary=".", body="<p>.</p>", live=True)
        for n in range(30)
    )
    assert queries() == before
