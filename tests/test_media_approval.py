"""Nothing reaches visitors without approval, uploads neither (issue 10, section 2).

A Redacteur's images and documents go into the private collection "Te keuren": a document there
asks visitors for a login, an image there is not shown on the public site. A Hoofdredacteur
releases one by moving it to another collection, and only a Hoofdredacteur can replace the file
of a released one. Tested with the admin's own forms, as the editors post them.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission

from editorial.roles import REVIEW_COLLECTION, set_up_media_review
from tests.html import soup

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


def pdf(content=b"%PDF-1.4 jaarverslag 2026"):
    return SimpleUploadedFile("jaarverslag.pdf", content, content_type="application/pdf")


def png(name="werkplaats.png"):
    image = get_test_image_file(name)
    return SimpleUploadedFile(name, image.file.getvalue(), content_type="image/png")


@pytest.fixture
def root():
    return Collection.get_first_root_node()


@pytest.fixture
def review():
    return Collection.objects.get(name=REVIEW_COLLECTION)


@pytest.fixture
def released_document(root):
    document = Document(title="Jaarverslag", collection=root)
    document.file.save("jaarverslag.pdf", pdf(), save=False)
    document.save()
    return document


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def upload_document(client, **extra):
    return client.post("/admin/documents/add/", {"title": "Jaarverslag", "file": pdf(), **extra})


def test_the_review_collection_is_private(review):
    [restriction] = review.get_view_restrictions()
    assert restriction.restriction_type == "login"


def test_a_redacteurs_uploaded_document_waits_in_te_keuren(client, redacteur, review):
    client.force_login(redacteur)
    response = upload_document(client)
    assert response.status_code == 302

    document = Document.objects.get(title="Jaarverslag")
    assert document.collection == review
    # An editor can read it to review it ...
    assert download(client, document)[0].status_code == 200
    # ... a visitor cannot: the address asks for an editor's login.
    client.logout()
    response, body = download(client, document)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/documenten/")
    assert b"jaarverslag 2026" not in body


def test_a_redacteur_cannot_upload_into_a_public_collection(client, redacteur, root):
    client.force_login(redacteur)
    upload_document(client, collection=root.pk)
    assert Document.objects.get(title="Jaarverslag").collection.name == REVIEW_COLLECTION


def test_a_redacteur_cannot_release_a_document(client, redacteur, review, root):
    client.force_login(redacteur)
    upload_document(client)
    document = Document.objects.get(title="Jaarverslag")

    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Jaarverslag", "collection": root.pk},
    )

    # The form offers no other collection, and ignores a forged one.
    assert response.status_code in (200, 302)
    document.refresh_from_db()
    assert document.collection == review


def test_a_redacteur_cannot_replace_the_file_of_a_released_document(
    client, redacteur, released_document
):
    client.force_login(redacteur)
    response = client.post(
        f"/admin/documents/edit/{released_document.pk}/",
        {"title": "Jaarverslag", "file": pdf(b"%PDF-1.4 vervalst")},
    )

    assert response.status_code in (302, 403)
    client.logout()
    response, body = download(client, released_document)
    assert response.status_code == 200
    assert body == b"%PDF-1.4 jaarverslag 2026"


def test_a_hoofdredacteur_releases_a_document(client, redacteur, hoofdredacteur, root):
    client.force_login(redacteur)
    upload_document(client)
    document = Document.objects.get(title="Jaarverslag")

    client.force_login(hoofdredacteur)
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Jaarverslag", "collection": root.pk},
    )
    assert response.status_code == 302

    client.logout()
    response, body = download(client, document)
    assert response.status_code == 200
    assert body == b"%PDF-1.4 jaarverslag 2026"


def test_a_hoofdredacteur_may_replace_a_released_file(client, hoofdredacteur, released_document):
    client.force_login(hoofdredacteur)
    response = client.post(
        f"/admin/documents/edit/{released_document.pk}/",
        {
            "title": "Jaarverslag",
            "collection": released_document.collection_id,
            "file": pdf(b"%PDF-1.4 verbeterd"),
        },
    )
    assert response.status_code == 302
    client.logout()
    released_document.refresh_from_db()
    assert download(client, released_document)[1] == b"%PDF-1.4 verbeterd"


def test_a_redacteurs_image_is_shown_only_once_released(
    client, redacteur, hoofdredacteur, home, root, review
):
    client.force_login(redacteur)
    response = client.post("/admin/images/add/", {"title": "Werkplaats", "file": png()})
    assert response.status_code == 302
    image = Image.objects.get(title="Werkplaats")
    assert image.collection == review

    home.body = [("image", {"image": image, "decorative": False, "alt_text": "Een werkplaats"})]
    home.save_revision().publish()
    client.logout()
    assert soup(client.get("/")).select("main img[alt='Een werkplaats']") == []

    client.force_login(hoofdredacteur)
    response = client.post(
        f"/admin/images/{image.pk}/", {"title": "Werkplaats", "collection": root.pk}
    )
    assert response.status_code == 302
    client.logout()
    assert soup(client.get("/")).select("main img[alt='Een werkplaats']")


def test_a_redacteur_cannot_replace_a_released_image(client, redacteur, root):
    image = Image.objects.create(title="Logo", file=get_test_image_file("logo.png"))
    assert image.collection == root
    original = image.file.name
    client.force_login(redacteur)

    response = client.post(
        f"/admin/images/{image.pk}/", {"title": "Logo", "file": png("ander.png")}
    )

    assert response.status_code in (302, 403)
    image.refresh_from_db()
    assert image.file.name == original


def test_existing_installs_move_the_redacteurs_upload_rights_to_te_keuren(root, review):
    """What the migration does on a site whose Redacteurs could upload anywhere."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    redacteurs = Group.objects.get(name="Redacteurs")
    review.get_view_restrictions().delete()
    review.delete()
    root.refresh_from_db()
    for codename in ("add_document", "change_document", "add_image", "change_image"):
        GroupCollectionPermission.objects.create(
            group=redacteurs, collection=root, permission=Permission.objects.get(codename=codename)
        )

    set_up_media_review(apps)

    review = Collection.objects.get(name=REVIEW_COLLECTION)
    assert review.get_parent() == root
    assert review.get_view_restrictions().get().restriction_type == "login"
    rights = set(
        GroupCollectionPermission.objects.filter(group=redacteurs).values_list(
            "collection__name", "permission__codename"
        )
    )
    assert rights == {
        ("Root", "choose_document"),
        ("Root", "choose_image"),
        (REVIEW_COLLECTION, "add_document"),
        (REVIEW_COLLECTION, "change_document"),
        (REVIEW_COLLECTION, "choose_document"),
        (REVIEW_COLLECTION, "add_image"),
        (REVIEW_COLLECTION, "change_image"),
        (REVIEW_COLLECTION, "choose_image"),
    }
    # Run again (a second migration, the loader): nothing changes.
    set_up_media_review(apps)
    assert Collection.objects.filter(name=REVIEW_COLLECTION).count() == 1
