"""A backup restores everything: the procedure of docs/backups.md, run end to end.

pg_dump of the live database and a tar archive of the media folder, restored into a fresh
database and an empty folder; the restored site must hold and show exactly what the original did.
"""

import hashlib
import subprocess
import tarfile

from bench.services import manage, production_env
from tests.reliability.conftest import DATABASE
from tests.reliability.test_load import get

# Editors' work on top of the seed: a published change with its revision, a draft, a document
# and an image with their files, a changed footer.
EDITORS_WORK = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from actortypes.models import ActorType
from pages.models import AboutPage, Footer

actor_type = ActorType.objects.get(slug="ondernemingen")
actor_type.summary = "Gewone ondernemingen die ook sociaal ondernemen (na de back-up hersteld)."
actor_type.save_revision().publish()
about = AboutPage.objects.get()
about.title = "Over ons (ontwerp)"
about.save_revision()
Document.objects.create(
    title="Jaarverslag", file=ContentFile(b"%PDF-1.4 jaarverslag" * 100, name="jaarverslag.pdf")
)
picture = io.BytesIO()
PillowImage.new("RGB", (40, 30), (255, 230, 21)).save(picture, "PNG")
Image.objects.create(title="Logo", file=ImageFile(picture, name="logo.png"))
footer = Footer.objects.get()
footer.email = "sociale.economie@vlaanderen.be"
footer.save_revision().publish()
"""

# Every table, with its rows in a stable order, reduced to a count and a fingerprint.
TABLE_FINGERPRINTS = """
SELECT format(
    'SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\\n'' ORDER BY t::text), ''''))'
    ' FROM %I t',
    tablename, tablename
)
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
"""


def fingerprints(postgres, database):
    queries = postgres.psql(database, TABLE_FINGERPRINTS).split("\n")
    union = " UNION ALL ".join(q for q in queries if q.strip())
    rows = postgres.psql(database, union + " ORDER BY 1").strip().split("\n")
    return {name: (int(count), digest) for name, count, digest in (r.split("|") for r in rows)}


def sequences(postgres, database):
    return postgres.psql(database, "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")


def file_digests(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_dump_and_restore_of_database_and_media_loses_nothing(
    running_postgres, site_env, media_root, start_instance, tmp_path
):
    postgres = running_postgres
    manage(site_env, "shell", "-c", EDITORS_WORK)

    # Back up, as docs/backups.md says.
    dump = tmp_path / "socialeconomy.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", dump, postgres.url(DATABASE)],
        check=True,
    )
    archive = tmp_path / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(media_root, arcname=".")

    # Restore into a fresh database and an empty media folder.
    postgres.create_database("restored")
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", postgres.url("restored"), dump],
        check=True,
    )
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(restored_media, filter="data")

    # Every table holds the same rows; the sequences go on where they were.
    original = fingerprints(postgres, DATABASE)
    restored = fingerprints(postgres, "restored")
    assert restored == original
    for table in [
        "wagtailcore_page",
        "wagtailcore_revision",
        "actortypes_actortype",
        "pages_footer",
        "wagtaildocs_document",
        "wagtailimages_image",
    ]:
        assert original[table][0] > 0, table
    assert original["actortypes_actortype"][0] == 6
    assert sequences(postgres, "restored") == sequences(postgres, DATABASE)
    assert file_digests(restored_media) == file_digests(media_root)
    assert any(name.startswith("documents/") for name in file_digests(media_root))
    assert any(name.startswith("original_images/") for name in file_digests(media_root))

    # A site on the restored data shows what the original shows, documents included. (No Redis:
    # the original's cached pages must not stand in for the restored ones.)
    original_site = start_instance()
    restored_site = start_instance(
        production_env(postgres.url("restored"), media_root=restored_media)
    )
    for url in ["/", "/over-ons/", "/over-ons/ondernemingen/", "/over-ons/maatwerkbedrijven/"]:
        status, _, body = get(restored_site, url)
        assert status == 200, url
        assert body == get(original_site, url)[2], url
    assert "(na de back-up hersteld)" in get(restored_site, "/over-ons/")[2]
    assert "sociale.economie@vlaanderen.be" in get(restored_site, "/")[2]
    document_id = postgres.psql("restored", "SELECT id FROM wagtaildocs_document").strip()
    status, _, body = get(restored_site, f"/documenten/{document_id}/jaarverslag.pdf")
    assert status == 200
    assert body == "%PDF-1.4 jaarverslag" * 100
