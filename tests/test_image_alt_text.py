"""An image's alt text says what it shows: the file name Wagtail's chooser fills in is refused."""

import pytest
from wagtail.blocks import StreamBlockValidationError

from pages.blocks import BodyBlock
from pages.models import ContentPage
from tests.editorial import page_form
from tests.factories import uploaded_image
from tests.html import soup

pytestmark = pytest.mark.django_db

REFUSAL = (
    "De bestandsnaam is geen alt-tekst. Beschrijf wat de afbeelding toont voor bezoekers "
    "die ze niet zien, of vink aan dat ze decoratief is."
)


def alt_text_errors(image, alt_text):
    block = BodyBlock()
    body = block.to_python(
        [{"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": alt_text}}]
    )
    try:
        block.clean(body)
    except StreamBlockValidationError as error:
        return error.block_errors[0].block_errors["alt_text"].messages
    return []


@pytest.mark.parametrize(
    "alt_text",
    [
        "IMG_2024-03_werkvloer",  # the title the upload made, which the chooser fills in
        "IMG_2024-03_werkvloer.png",
        "img 2024 03 werkvloer",
        " IMG_2024-03_WERKVLOER ",
    ],
)
def test_the_file_name_or_the_title_made_from_it_is_refused_in_dutch(photo, alt_text):
    assert alt_text_errors(photo, alt_text) == [REFUSAL]


def test_the_file_name_is_recognised_after_the_storage_made_it_unique(photo):
    twin = uploaded_image("IMG_2024-03_werkvloer.png")
    assert twin.file.name != photo.file.name  # the storage added a suffix
    assert alt_text_errors(twin, "IMG_2024-03_werkvloer") == [REFUSAL]
    twin.file.delete(save=False)


def test_a_description_passes_also_when_an_editor_gave_the_image_a_real_title(photo):
    assert alt_text_errors(photo, "Twee medewerkers aan de inpaklijn") == []
    photo.title = "Twee medewerkers aan de inpaklijn"
    photo.save()
    assert alt_text_errors(photo, "Twee medewerkers aan de inpaklijn") == []


def test_the_editor_gets_the_refusal_in_the_form_and_nothing_is_published(
    client, hoofdredacteur, home, photo
):
    page = home.add_child(instance=ContentPage(title="Werkplekken", slug="werkplekken"))
    page.save_revision().publish()
    client.force_login(hoofdredacteur)
    image = {"image": photo.pk, "decorative": "", "alt_text": photo.title}

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form(page, "publish", body=[("image", image)]),
    )

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    page.refresh_from_db()
    assert list(page.body) == []
    assert photo.title not in soup(client.get("/werkplekken/")).get_text()


def test_the_alt_text_field_tells_what_to_write():
    alt_text = BodyBlock().child_blocks["image"].child_blocks["alt_text"]
    assert str(alt_text.field.help_text) == (
        "Wat de afbeelding toont, voor bezoekers die ze niet zien. Niet de bestandsnaam."
    )
