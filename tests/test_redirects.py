"""Partners' links keep working: renames and moves answer 301, legacy URLs can be imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def assert_moved(client, old, new):
    response = client.get(old)
    assert (response.status_code, response.get("Location")) == (301, new)


def publish_slug(client, actor_type, slug):
    response = client.post(
        ACTOR_TYPE_EDIT.format(actor_type.pk), actor_type_form(actor_type, "publish", slug=slug)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor_type.refresh_from_db()
    assert actor_type.slug == slug


@pytest.fixture
def editor_client(client, hoofdredacteur):
    client.force_login(hoofdredacteur)
    return client


def rename_page(page, slug, capture_on_commit):
    # Wagtail creates the redirects once the rename is committed.
    with capture_on_commit(execute=True):
        page.slug = slug
        page.save_revision().publish()


def test_renaming_over_ons_redirects_the_page_and_every_actor_type_below_it(
    client, about, django_capture_on_commit_callbacks
):
    rename_page(about, "over-de-sociale-economie", django_capture_on_commit_callbacks)

    assert_moved(client, "/over-ons/", "/over-de-sociale-economie/")
    assert_moved(
        client, "/over-ons/maatwerkbedrijven/", "/over-de-sociale-economie/maatwerkbedrijven/"
    )
    assert_moved(client, "/over-ons/lokale-besturen/", "/over-de-sociale-economie/lokale-besturen/")
    assert client.get("/over-de-sociale-economie/maatwerkbedrijven/").status_code == 200


def test_moving_a_page_redirects_its_old_address(client, home):
    archive = home.add_child(instance=Page(title="Archief", slug="archief"))
    reports = home.add_child(instance=Page(title="Verslagen", slug="verslagen"))

    reports.move(archive, pos="last-child")

    assert_moved(client, "/verslagen/", "/archief/verslagen/")


def test_a_published_slug_change_of_an_actor_type_redirects_the_old_address(
    editor_client, client, maatwerkbedrijven
):
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk")

    assert_moved(client, "/over-ons/maatwerkbedrijven/", "/over-ons/maatwerk/")
    assert_moved(client, "/over-ons/maatwerkbedrijven/?utm_source=partner", "/over-ons/maatwerk/")
    assert "Maatwerkbedrijven" in visible_text(client.get("/over-ons/maatwerk/"))
    redirect = Redirect.objects.get(old_path="/over-ons/maatwerkbedrijven")
    assert redirect.is_permanent and redirect.automatically_created


def test_a_draft_with_a_new_slug_changes_no_address(client, redacteur, maatwerkbedrijven):
    client.force_login(redacteur)
    client.post(
        ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk),
        actor_type_form(maatwerkbedrijven, slug="maatwerk"),
    )

    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200
    assert client.get("/over-ons/maatwerk/").status_code == 404
    assert not Redirect.objects.exists()


def test_a_chain_of_renames_sends_every_old_address_to_the_newest_in_one_hop(
    editor_client, client, maatwerkbedrijven
):
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk")
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk-op-de-werkvloer")

    assert_moved(client, "/over-ons/maatwerkbedrijven/", "/over-ons/maatwerk-op-de-werkvloer/")
    assert_moved(client, "/over-ons/maatwerk/", "/over-ons/maatwerk-op-de-werkvloer/")


def test_renaming_back_serves_the_original_address_again_without_a_loop(
    editor_client, client, maatwerkbedrijven
):
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk")
    publish_slug(editor_client, maatwerkbedrijven, "maatwerkbedrijven")

    assert client.get("/over-ons/maatwerkbedrijven/").status_code == 200
    assert_moved(client, "/over-ons/maatwerk/", "/over-ons/maatwerkbedrijven/")
    assert not Redirect.objects.filter(old_path="/over-ons/maatwerkbedrijven").exists()


def test_actor_type_redirects_follow_over_ons_when_it_is_renamed_later(
    editor_client, client, maatwerkbedrijven, about, django_capture_on_commit_callbacks
):
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk")
    rename_page(about, "wie-we-zijn", django_capture_on_commit_callbacks)
    publish_slug(editor_client, maatwerkbedrijven, "maatwerk-op-de-werkvloer")

    for old in ("/over-ons/maatwerkbedrijven/", "/over-ons/maatwerk/", "/wie-we-zijn/maatwerk/"):
        assert_moved(client, old, "/wie-we-zijn/maatwerk-op-de-werkvloer/")


LEGACY_CSV = (
    "Oud adres,Nieuw adres\n"
    "/sociale-economie/maatwerk.html,https://www.socialeeconomie.be/over-ons/maatwerkbedrijven/\n"
    "/wie-zijn-wij.php?id=3,https://www.socialeeconomie.be/over-ons/\n"
)


def test_legacy_urls_are_imported_from_a_csv_on_the_command_line(client, tmp_path):
    source = tmp_path / "oude-site.csv"
    source.write_text(LEGACY_CSV, encoding="utf-8")

    call_command("import_redirects", src=str(source), verbosity=0, stdout=open("/dev/null", "w"))

    assert_moved(
        client,
        "/sociale-economie/maatwerk.html",
        "https://www.socialeeconomie.be/over-ons/maatwerkbedrijven/",
    )
    assert_moved(client, "/wie-zijn-wij.php?id=3", "https://www.socialeeconomie.be/over-ons/")


def test_a_hoofdredacteur_imports_legacy_urls_in_the_admin_and_bad_rows_get_dutch_errors(
    editor_client, client
):
    upload = SimpleUploadedFile(
        "oude-site.csv",
        (LEGACY_CSV + "/kapot.html,geen adres\n").encode(),
        content_type="text/csv",
    )
    preview = editor_client.post("/admin/redirects/import/", {"import_file": upload})
    assert preview.status_code == 200
    assert "/sociale-economie/maatwerk.html" in preview.content.decode()
    confirm = preview.context["form"]

    summary = editor_client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": confirm.initial["import_file_name"],
            "input_format": confirm.initial["input_format"],
            "from_index": "0",
            "to_index": "1",
            "site": "",
            "permanent": "on",
        },
    )

    assert summary.status_code == 200
    text = visible_text(summary)
    assert "/kapot.html" in text
    assert "Voer een geldige URL in." in text
    assert Redirect.objects.count() == 2
    assert_moved(
        client,
        "/sociale-economie/maatwerk.html",
        "https://www.socialeeconomie.be/over-ons/maatwerkbedrijven/",
    )
