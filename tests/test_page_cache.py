"""Anonymous visitors get pages from the page cache; editors always see the live state.

The cache is on in every test, as in production: tests/conftest.py empties it before each test.
"""

import json
import time
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from modelcluster.fields import ParentalKey
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

from actortypes.models import ActorType
from fragments import cache as fragments
from pages.models import Footer
from serving import pagecache, signals
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


def stored_key(path):
    """The key under which the default site's page at path is stored."""
    site = Site.objects.get(is_default_site=True)
    return pagecache.page_key(site.pk, RequestFactory().get(path))


def test_a_process_serves_its_own_copy_until_any_process_starts_a_new_generation(client):
    first = client.get("/over-ons/")
    cache.delete(stored_key("/over-ons/"))  # the shared cache dropped it, e.g. when full

    kept = client.get("/over-ons/")
    assert kept["X-Cache"] == "hit"
    assert kept.content == first.content

    # Another process publishes: it writes a new generation to the shared cache only.
    cache.set(fragments.GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert client.get("/over-ons/")["X-Cache"] == "hit"


def test_a_process_keeps_no_copy_longer_than_the_shared_cache_keeps_the_page(client, monkeypatch):
    client.get("/over-ons/")
    assert client.get("/over-ons/")["X-Cache"] == "hit"
    later = time.time() + settings.PAGE_CACHE_TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)

    assert client.get("/over-ons/")["X-Cache"] == "miss"


def test_a_request_that_renders_gets_a_site_of_its_own_not_the_process_copys(client):
    client.get("/over-ons/")
    client.get("/over-ons/")  # the process now has the site map and Over ons
    answered, rendered = RequestFactory().get("/over-ons/"), RequestFactory().get("/nergens/")

    assert pagecache.lookup(answered).entry is not None
    assert pagecache.lookup(rendered).entry is None

    shared = pagecache.process_copy.site_map(answered._cache_generation)[0]["default"]
    assert answered._wagtail_site is shared
    assert rendered._wagtail_site == shared
    assert rendered._wagtail_site is not shared
    assert rendered._wagtail_site.root_page is not shared.root_page


def page_entry(generation, size=1000):
    return {
        "generation": generation,
        "status": 200,
        "headers": [("Content-Type", "text/html; charset=utf-8")],
        "content": b"x" * size,
        "expires_at": time.time() + 60,
    }


def test_a_new_generation_empties_the_process_copy_and_an_old_one_never_fills_it():
    copy = pagecache.ProcessCopy()
    copy.follow("one")
    copy.keep("one", "over-ons", page_entry("one"))
    assert copy.page("one", "over-ons") is not None

    copy.follow("two")
    assert copy.page("two", "over-ons") is None
    assert copy.page("one", "over-ons") is None
    # A page rendered in the old generation, stored after the new one began, is not kept.
    copy.keep("one", "actor", page_entry("one"))
    assert copy.page("two", "actor") is None
    assert copy.size == 0


def test_the_process_copy_keeps_at_most_its_pages_and_bytes_dropping_the_least_used(settings):
    settings.PAGE_CACHE_PROCESS_PAGES = 2
    settings.PAGE_CACHE_PROCESS_BYTES = 10 * 1024
    copy = pagecache.ProcessCopy()
    copy.follow("one")
    copy.keep("one", "a", page_entry("one"))
    copy.keep("one", "b", page_entry("one"))
    copy.page("one", "a")  # a was used last
    copy.keep("one", "c", page_entry("one"))
    assert [key for key in "abc" if copy.page("one", key)] == ["a", "c"]

    copy.keep("one", "large", page_entry("one", size=20 * 1024))  # larger than the whole copy
    assert copy.page("one", "large") is None
    assert [key for key in "ac" if copy.page("one", key)] == ["a", "c"]

    copy.keep("one", "d", page_entry("one", size=8 * 1024))  # leaves room for no other
    assert [key for key in "acd" if copy.page("one", key)] == ["d"]
    assert copy.size <= settings.PAGE_CACHE_PROCESS_BYTES


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
    assert [link.get_text(strip=True) for link in nav.find_all("a")][:4] == [
        "Ondersteuning",
        "Oproepen",
        "Partners",
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


# What a visitor gets is what the site renders for that address, whatever else the request says.


def test_a_script_prefix_never_reaches_the_cache(client):
    # A request the way gunicorn passed SCRIPT_NAME on: "/over-ons/" split into the prefix
    # "/over-ons" and the path "/", which renders the home page.
    poisoned = client.get("/", SCRIPT_NAME="/over-ons")
    assert poisoned.status_code == 200
    assert "X-Cache" not in poisoned

    over_ons = client.get("/over-ons/")
    assert over_ons["X-Cache"] == "miss"
    assert soup(over_ons).h1.get_text(strip=True) == "Over ons"

    client.get("/", SCRIPT_NAME="/over-ons")
    assert soup(client.get("/over-ons/")).h1.get_text(strip=True) == "Over ons"


@pytest.mark.parametrize(
    "host",
    ["localhost:8000", "localhost:1", "LOCALHOST", "localhost.", "127.0.0.1", "127.0.0.1:65535"],
)
def test_every_host_and_port_of_one_site_shares_its_cached_pages(client, host):
    assert client.get("/over-ons/")["X-Cache"] == "miss"

    # A host name that is no site's is served by the default site, as Wagtail serves it.
    response = client.get("/over-ons/", headers={"host": host})

    assert response["X-Cache"] == "hit"


def h1(response):
    return soup(response).h1.get_text(strip=True)


def test_each_site_has_its_own_pages(client, home, about):
    home_heading = h1(client.get("/"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=about)
    client.get("/", headers={"host": "127.0.0.1"})  # creates the new site's settings: a clear

    default_home = client.get("/", headers={"host": "localhost"})
    other_home = client.get("/", headers={"host": "127.0.0.1:8080"})

    assert default_home["X-Cache"] == "miss" and other_home["X-Cache"] == "miss"
    assert h1(default_home) == home_heading
    assert h1(other_home) == "Over ons"
    assert client.get("/", headers={"host": "127.0.0.1"})["X-Cache"] == "hit"
    assert h1(client.get("/", headers={"host": "localhost:1"})) == home_heading


def test_a_host_name_on_two_sites_is_not_cached_because_the_port_decides(client, home, about):
    Site.objects.create(hostname="localhost", port=8080, root_page=about)
    localhost = {"host": "localhost"}
    home_heading = h1(client.get("/", headers=localhost))
    client.get("/", headers=localhost, SERVER_PORT="8080")  # creates its settings: a clear

    for _ in range(2):
        on_8080 = client.get("/", headers=localhost, SERVER_PORT="8080")
        on_80 = client.get("/", headers=localhost)
        assert on_8080["X-Cache"] == "miss" and on_80["X-Cache"] == "miss"
        assert h1(on_8080) == "Over ons"
        assert h1(on_80) == home_heading


@pytest.mark.parametrize(
    "headers",
    [
        {"x-forwarded-host": "evil.example"},
        {"x-forwarded-host": "localhost:666"},
        {"x-forwarded-proto": "http"},
        {"x-forwarded-port": "666"},
        {"x-forwarded-for": "203.0.113.7:5678"},
        {"forwarded": "for=203.0.113.7;host=evil.example;proto=http"},
        {"x-original-url": "/"},
        {"x-rewrite-url": "/"},
        {"path-info": "/"},
        {"script-name": "/over-ons"},
    ],
)
def test_headers_that_proxies_pass_on_change_nothing_that_is_stored(client, headers):
    for url in ["/over-ons/", "/robots.txt", "/sitemap.xml"]:
        clean = Client().get(url).content
        # The first visitor's request, with the header, fills the cache ...
        Client().get(url, headers=headers)
        # ... and every visitor gets what the site renders without it.
        assert client.get(url).content == clean, url
    client.get("/over-ons/", headers=headers)
    assert "evil.example" not in client.get("/over-ons/").content.decode()


def test_robots_txt_names_the_sites_own_sitemap_address_whatever_the_host_header(client):
    for host in ["localhost:666", "127.0.0.1"]:
        response = client.get("/robots.txt", headers={"host": host})
        assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()


# Everything that changes what visitors see, or may see, clears every stored page.


@pytest.fixture
def primed(db):
    """Fills the cache with Over ons and returns a check that it was cleared since."""
    visitor = Client()
    visitor.get("/over-ons/")
    assert visitor.get("/over-ons/")["X-Cache"] == "hit"

    def cleared():
        return visitor.get("/over-ons/")["X-Cache"] == "miss"

    return cleared


def png(colour, name="foto.png"):
    buffer = BytesIO()
    PillowImage.new("RGB", (800, 450), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def photo(about):
    image = Image.objects.create(title="Werkvloer", file=png("#ffe615"))
    about.body = list(about.body.raw_data) + [
        {
            "type": "image",
            "value": {"image": image.pk, "decorative": False, "alt_text": "Een werkbank"},
        }
    ]
    about.save_revision().publish()
    yield image
    for stored in Image.objects.filter(pk=image.pk):
        stored.file.delete(save=False)
        stored.delete()


def image_sources(response):
    return {img["src"] for img in soup(response).select("main img")}


def test_replacing_an_images_file_in_the_admin_shows_at_once(admin_client, photo, primed):
    visitor = Client()
    before = image_sources(visitor.get("/over-ons/"))

    response = admin_client.post(
        reverse("wagtailimages:edit", args=[photo.pk]),
        {
            "title": photo.title,
            "file": png("#0055cc", "nieuwe-foto.png"),
            "collection": photo.collection_id,
            "description": "Een werkbank",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    assert primed()
    assert image_sources(visitor.get("/over-ons/")) != before


def test_changing_an_images_details_clears_the_cache(photo, primed):
    photo.title = "Werkvloer in Gent"
    photo.description = "Een werkbank in een maatwerkbedrijf"
    photo.save()

    assert primed()


def test_a_deleted_image_disappears_at_once(client, photo, primed):
    photo.delete()

    assert primed()
    assert image_sources(client.get("/over-ons/")) == set()


@pytest.fixture
def report(about):
    document = Document.objects.create(
        title="Jaarverslag", file=ContentFile(b"%PDF-1.4 jaarverslag", name="jaarverslag.pdf")
    )
    about.body = list(about.body.raw_data) + [
        {
            "type": "text",
            "value": f'<p><a linktype="document" id="{document.pk}">Het jaarverslag</a></p>',
        }
    ]
    about.save_revision().publish()
    yield document
    for stored in Document.objects.filter(pk=document.pk):
        stored.file.delete(save=False)
        stored.delete()


def document_links(response):
    return [a["href"] for a in soup(response).select("main a[href*=documenten]")]


def test_replacing_a_documents_file_in_the_admin_shows_at_once(admin_client, report, primed):
    visitor = Client()
    before = document_links(visitor.get("/over-ons/"))
    assert before == [report.url]

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[report.pk]),
        {
            "title": report.title,
            "file": ContentFile(b"%PDF-1.4 nieuw", name="jaarverslag-2026.pdf"),
            "collection": report.collection_id,
        },
    )

    assert response.status_code == 302
    assert primed()
    report.refresh_from_db()
    assert report.url != before[0]
    assert document_links(visitor.get("/over-ons/")) == [report.url]


def test_renaming_or_deleting_a_document_clears_the_cache(client, report, primed):
    report.title = "Jaarverslag 2026"
    report.save()
    assert primed()

    client.get("/over-ons/")
    report.delete()
    assert primed()
    assert document_links(client.get("/over-ons/")) == []


def test_making_a_page_private_hides_it_at_once_and_public_again_shows_it(client, about, primed):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/over-ons/")
    assert response.status_code == 302
    assert response["Location"].endswith("/login/?next=/over-ons/")
    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 302

    restriction.delete()
    assert client.get("/over-ons/")["X-Cache"] == "miss"


def test_a_password_on_a_page_hides_the_cached_copy_at_once(client, about, primed):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    response = client.get("/over-ons/")
    assert "X-Cache" not in response
    assert "Wie zijn wij?" not in visible_text(response)


def test_making_a_collection_private_clears_the_cache(primed):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert primed()

    Client().get("/over-ons/")
    restriction.delete()
    assert primed()


def test_adding_or_removing_a_redirect_clears_the_cache(client, primed):
    redirect = Redirect.objects.create(old_path="/oud", redirect_link="/over-ons/")
    assert primed()
    assert client.get("/oud/").status_code == 301

    client.get("/over-ons/")
    redirect.delete()
    assert primed()


def test_moving_a_page_clears_the_cache(about, home, primed):
    contact = Page.objects.get(slug="contact")
    contact.move(about, pos="last-child")

    assert primed()


def project_models():
    """The models of this project's own apps (not Wagtail's or Django's)."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).resolve().parts
        for model in config.get_models()
    ]


def is_part_of(model, parents):
    """Whether the model is an inline part (ParentalKey) of one of these, saved with it."""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, parents)
        for field in model._meta.get_fields()
    )


def test_every_model_of_ours_is_known_to_clear_the_cache_or_not():
    covered = (Page, *signals.shown_to_visitors())
    not_shown = [apps.get_model(label) for label in signals.NOT_SHOWN_TO_VISITORS]
    unclassified = [
        model._meta.label
        for model in project_models()
        if not issubclass(model, covered)
        and not is_part_of(model, covered)
        and model not in not_shown
    ]

    assert project_models(), "the project's apps were not found"
    assert unclassified == [], (
        "List these in serving.signals.SHOWN_TO_VISITORS (or NOT_SHOWN_TO_VISITORS), or "
        "register them as Wagtail snippets or settings."
    )


def test_saving_any_snippet_setting_or_listed_model_clears_the_cache(primed):
    Collection.get_first_root_node().add_child(name="Intern")  # some rows exist only later
    seen = []
    for model in signals.shown_to_visitors():
        instance = model.objects.first()
        if instance is None:
            continue
        instance.save()
        assert primed(), model._meta.label
        Client().get("/over-ons/")
        seen.append(model._meta.label)

    assert {"actortypes.ActorType", "pages.Footer", "wagtailcore.Site"} <= set(seen)


def test_a_hit_on_an_address_with_filters_reads_its_query_once_per_process(client):
    """A hit's key needs its query read and sorted; each process keeps that reading
    (pagecache.stored_query), as the same few filtered addresses come back all the time."""
    address = "/ondersteuning/?voor=maatwerkbedrijven&status=open"
    assert client.get(address)["X-Cache"] == "miss"
    read_before = pagecache._stored_query_kept.cache_info().misses
    for _ in range(3):
        assert client.get(address)["X-Cache"] == "hit"
    assert pagecache._stored_query_kept.cache_info().misses == read_before
    # Read as request.GET reads it: an escaped letter or another order is the same page.
    assert client.get("/ondersteuning/?status=open&voor=maatwerk%62edrijven")["X-Cache"] == "hit"


def test_an_address_with_too_many_parameters_is_a_bad_request_not_an_error(client, settings):
    """Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters; the page cache reads
    the query before any view, and answers the same 400."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100  # 10,000 in base.py, for the admin's forms
    query = "&".join(f"p{number}=x" for number in range(101))
    assert client.get(f"/ondersteuning/?{query}").status_code == 400


def test_a_process_keeps_little_of_the_queries_visitors_send(client):
    """What each process keeps of query strings stays small, whatever visitors send: nothing of
    a query on an address the cache skips (the admin) or of a long one, and for a query with a
    parameter that is not cached (search, a made-up one) only that it is not."""
    kept = pagecache._stored_query_kept.cache_info().currsize
    client.get("/admin/?q=maatwerk")
    long_query = "&".join(["voor=maatwerkbedrijven"] * 20)
    assert client.get(f"/ondersteuning/?{long_query}").status_code == 200
    assert pagecache._stored_query_kept.cache_info().currsize == kept
    client.get("/zoeken/?q=maatwerk")
    assert pagecache._stored_query_kept.cache_info().currsize == kept + 1
    assert pagecache._stored_query_kept("q=maatwerk", ("voor",)) is None
