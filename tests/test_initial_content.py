"""A fresh install shows the client's text verbatim, and reloading never touches editors' work."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from actortypes.models import ActorType
from content import data as content_data
from opendata.models import OpenDataPage
from pages.models import AboutPage, ContentPage, Footer, HomePage
from tests.html import main_text, normalise

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR, "content", "source", "over-ons.txt")
ACTOR_PAGES = [
    f"/over-ons/{item['slug']}/" for item in content_data.read("actortypes.yaml")["actor_types"]
]


def rendered_text(client):
    pages = ["/over-ons/", *ACTOR_PAGES]
    return " ".join(main_text(client.get(url)) for url in pages)


def seed_lines():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [normalise(line) for line in lines if line.strip()]


def test_every_line_of_the_seed_appears_verbatim_on_the_rendered_pages(client):
    text = rendered_text(client)
    missing = [line for line in seed_lines() if line not in text]
    assert missing == []
    assert len(seed_lines()) == 36


def test_every_paragraph_of_the_content_data_appears_on_the_rendered_pages(client):
    about = content_data.read("over-ons.yaml")["about_page"]
    paragraphs = list(about["intro"])
    for block in about["body"]:
        paragraphs += [block["heading"], *block["paragraphs"]] if block["type"] == "section" else []
    for actor_type in content_data.read("actortypes.yaml")["actor_types"]:
        paragraphs += [actor_type["name"], actor_type["summary"], *actor_type["paragraphs"]]

    text = rendered_text(client)
    assert [p for p in map(normalise, paragraphs) if p not in text] == []


def test_seed_builds_the_page_tree_site_and_footer():
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert site.site_name == "Sociale economie"
    about = AboutPage.objects.get()
    assert about.get_parent().specific == home
    assert about.live and about.show_in_menus and about.url_path.endswith("/over-ons/")
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    assert list(ActorType.objects.live().values_list("slug", flat=True)) == [
        "activiteitencooperaties",
        "lokale-besturen",
        "lokale-diensteneconomie",
        "maatwerkbedrijven",
        "ondernemingen",
        "sociale-ondernemingen",
    ]
    footer = Footer.objects.get()
    assert footer.organisation == "Departement Werk en Sociale Economie"
    assert footer.live and footer.live_revision is not None
    assert footer.email == "socialeeconomie@vlaanderen.be"


def content_page_texts(item):
    """Every text of one content page in the content data, as a visitor reads it."""
    texts = [item["title"], *item["intro"]]
    for block in item["body"]:
        texts.append(block.get("heading", ""))
        if "html" in block:
            texts.append(soup_text(block["html"]))
        texts += block.get("paragraphs", [])
    return [normalise(text) for text in texts if text]


def soup_text(html):
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_every_text_of_the_content_pages_appears_on_the_rendered_pages(client):
    items = content_data.read("content-pages.yaml")["content_pages"]
    assert [item["slug"] for item in items] == [
        "contact",
        "toegankelijkheid",
        "privacy",
        "disclaimer",
    ]
    for item in items:
        text = main_text(client.get(f"/{item['slug']}/"))
        assert [t for t in content_page_texts(item) if t not in text] == [], item["slug"]


def test_seed_creates_the_legal_pages_below_home_and_links_them_from_the_footer():
    home = HomePage.objects.get()
    pages = ContentPage.objects.child_of(home).live()
    assert list(pages.values_list("title", flat=True)) == [
        "Contact",
        "Toegankelijkheidsverklaring",
        "Privacy- en cookieverklaring",
        "Disclaimer",
    ]
    footer = Footer.objects.get()
    links = [(link.value["label"], link.value["page"], link.value["url"]) for link in footer.links]
    assert links == [
        ("Contact", pages.get(slug="contact").page_ptr, ""),
        ("Toegankelijkheidsverklaring", pages.get(slug="toegankelijkheid").page_ptr, ""),
        ("Privacy- en cookieverklaring", pages.get(slug="privacy").page_ptr, ""),
        ("Disclaimer", pages.get(slug="disclaimer").page_ptr, ""),
        ("Open data", OpenDataPage.objects.get().page_ptr, ""),
        ("Vlaanderen.be", None, "https://www.vlaanderen.be"),
    ]


def test_seeded_content_has_a_revision_history_for_editors():
    assert AboutPage.objects.get().live_revision is not None
    for page in ContentPage.objects.all():
        assert page.live_revision is not None
        assert page.last_published_at is not None
    for actor_type in ActorType.objects.all():
        assert actor_type.live_revision is not None
        assert actor_type.last_published_at is not None


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "latest_revision_id")),
        "actor_types": list(ActorType.objects.values_list("pk", "name", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "site_name")),
        "footer": list(Footer.objects.values_list("pk", "organisation", "latest_revision_id")),
    }


def test_a_second_run_changes_nothing():
    before = snapshot()
    call_command("load_initial_data", verbosity=0)
    assert snapshot() == before


def test_a_run_never_overwrites_renames_or_resurrects_what_editors_changed():
    about = AboutPage.objects.get()
    about.title = "Over de afdeling"
    about.save_revision().publish()
    renamed = ActorType.objects.get(slug="maatwerkbedrijven")
    renamed.slug = "maatwerkbedrijf"
    renamed.save_revision().publish()
    ActorType.objects.get(slug="ondernemingen").delete()
    footer = Footer.objects.get()
    footer.phone = "02 553 00 00"
    footer.save_revision().publish()
    privacy = ContentPage.objects.get(slug="privacy")
    privacy.title = "Privacyverklaring"
    privacy.save_revision().publish()
    ContentPage.objects.get(slug="disclaimer").delete()

    call_command("load_initial_data", verbosity=0)

    assert AboutPage.objects.get().title == "Over de afdeling"
    slugs = set(ActorType.objects.values_list("slug", flat=True))
    assert "maatwerkbedrijf" in slugs
    assert "maatwerkbedrijven" not in slugs
    assert "ondernemingen" not in slugs
    assert Footer.objects.get().phone == "02 553 00 00"
    assert list(ContentPage.objects.values_list("title", flat=True)) == [
        "Contact",
        "Toegankelijkheidsverklaring",
        "Privacyverklaring",
    ]


def test_an_empty_database_gets_everything_in_one_run():
    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    ActorType.objects.all().delete()
    Footer.objects.all().delete()

    call_command("load_initial_data", verbosity=0)

    assert HomePage.objects.count() == 1
    assert AboutPage.objects.count() == 1
    assert ActorType.objects.live().count() == 6
    assert ContentPage.objects.live().count() == 4
    assert Site.objects.get().root_page.specific_class is HomePage
    footer_pages = [link.value["page"] for link in Footer.objects.get().links]
    assert footer_pages[:4] == [page.page_ptr for page in ContentPage.objects.all()]


def wrong_child_counts():
    """Pages whose stored numchild differs from the children they have, as {url_path: (stored,
    actual)}."""
    return {
        page.url_path: (page.numchild, page.get_children().count())
        for page in Page.objects.all()
        if page.numchild != page.get_children().count()
    }


def test_a_fresh_load_leaves_a_valid_page_tree():
    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    ActorType.objects.all().delete()
    Footer.objects.all().delete()

    call_command("load_initial_data", verbosity=0)

    evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild = Page.find_problems()
    assert (evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild) == ([], [], [], [], [])
    assert wrong_child_counts() == {}
