"""Editors cannot break the public page: limited rich text, alt text, valid slugs, a11y checks."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from actortypes.models import ActorType
from pages.blocks import BodyBlock
from pages.models import AboutPage
from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import soup

pytestmark = pytest.mark.django_db


def image_body(photo, **image_value):
    block = BodyBlock()
    value = {"image": photo.pk, "decorative": False, "alt_text": "", **image_value}
    return block, block.to_python([{"type": "image", "value": value}])


def test_an_image_without_alt_text_is_refused_with_a_dutch_message(photo):
    block, body = image_body(photo)

    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(body)

    [message] = error.value.block_errors[0].block_errors["alt_text"].messages
    assert message == "Voeg alt tekst toe of markeer de afbeelding als decoratief"


def test_an_image_renders_as_a_responsive_picture_with_its_alt_text(client, photo, about):
    block, body = image_body(photo, alt_text="Een medewerker aan de werkbank")
    block.clean(body)
    about.body = list(about.body.raw_data) + [
        {
            "type": "image",
            "value": {
                "image": photo.pk,
                "decorative": False,
                "alt_text": "Een medewerker aan de werkbank",
            },
        }
    ]
    about.save_revision().publish()

    html = soup(client.get("/over-ons/"))
    picture = html.select_one(".image-block picture")
    image = picture.find("img")
    assert image["alt"] == "Een medewerker aan de werkbank"
    assert [source["type"] for source in picture.find_all("source")] == ["image/webp"]
    assert "960w" in image["srcset"]


def test_a_decorative_image_gets_an_empty_alt(photo):
    block, body = image_body(photo, decorative=True)
    block.clean(body)

    html = BeautifulSoup(block.render(body), "html.parser")
    assert html.find("img")["alt"] == ""


def test_rich_text_offers_only_what_the_design_supports():
    # What the editor's toolbar offers, through the widgets Wagtail builds for each field.
    supported = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
    assert ActorType._meta.get_field("body").formfield().widget.features == supported
    assert AboutPage._meta.get_field("intro").formfield().widget.features == supported
    assert BodyBlock().child_blocks["text"].field.widget.features == supported
    # Inside a section, its heading is the h2.
    section_text = BodyBlock().child_blocks["section"].child_blocks["text"]
    assert section_text.field.widget.features == supported[1:]


def test_a_page_slug_with_spaces_or_accents_is_refused(about):
    about.slug = "over ons é"
    with pytest.raises(ValidationError) as error:
        about.full_clean()
    assert "slug" in error.value.message_dict


def test_the_accessibility_checker_runs_in_the_editor_of_actor_types_and_pages(
    admin_client, about, maatwerkbedrijven
):

    for url in (ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk), f"/admin/pages/{about.pk}/edit/"):
        html = soup(admin_client.get(url))
        assert html.select_one('[data-side-panel="checks"]'), url
        assert html.find("script", id="checker-axe-configuration"), url

    # The checker runs axe against the preview, which carries the userbar's configuration.
    preview_url = f"/admin/snippets/actortypes/actortype/preview/{maatwerkbedrijven.pk}/"
    admin_client.post(preview_url, actor_type_form(maatwerkbedrijven))
    preview = admin_client.get(preview_url).content.decode()
    assert "wagtail-userbar" in preview
    assert '"runOnly": [' in preview


def test_editors_preview_over_ons_and_actor_types_at_phone_and_desktop_size(
    admin_client, about, maatwerkbedrijven
):

    for url in (ACTOR_TYPE_EDIT.format(maatwerkbedrijven.pk), f"/admin/pages/{about.pk}/edit/"):
        html = soup(admin_client.get(url))
        widths = [int(size["data-device-width"]) for size in html.select("[data-device-width]")]
        assert widths == [375, 768, 1280], url
