"""Page-tree rules and editor-facing validation."""

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.blocks import BodyBlock
from pages.models import AboutPage, HomePage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_over_ons_sits_below_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})
        self.assertAllowedSubpageTypes(AboutPage, {})

    def test_there_is_one_home_page_and_one_over_ons(self):
        home = HomePage.objects.get()
        self.assertFalse(AboutPage.can_create_at(home))
        self.assertFalse(HomePage.can_create_at(home.get_parent()))

    def test_pages_render(self):
        self.assertPageIsRenderable(HomePage.objects.get())
        self.assertPageIsRenderable(AboutPage.objects.get())
        self.assertPageIsRoutable(AboutPage.objects.get(), "maatwerkbedrijven/")

    def test_over_ons_previews_an_edited_section(self):
        about = AboutPage.objects.get()
        post_data = nested_form_data(
            {
                "title": "Over ons",
                "slug": "over-ons",
                "intro": rich_text("<p>Je komt het hier allemaal te weten.</p>"),
                "body": streamfield(
                    [
                        (
                            "section",
                            {
                                "heading": "Wie zijn wij?",
                                "anchor": "wie-zijn-wij",
                                "text": rich_text("<p>Nieuwe tekst in de preview.</p>"),
                            },
                        ),
                        ("actor_types", {"heading": ""}),
                    ]
                ),
            }
        )
        self.assertPageIsPreviewable(about, post_data=post_data)


def section(heading, anchor):
    return {"type": "section", "value": {"heading": heading, "anchor": anchor, "text": "<p>x</p>"}}


@pytest.mark.django_db
def test_two_sections_cannot_share_an_anchor():
    block = BodyBlock()
    value = block.to_python([section("Een", "zelfde"), section("Twee", "zelfde")])

    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    anchor_error = error.value.block_errors[1].block_errors["anchor"]
    assert anchor_error.messages == ["Een andere sectie op deze pagina gebruikt dit anker al."]


@pytest.mark.django_db
@pytest.mark.parametrize("anchor", ["Wie Zijn Wij", "wie_zijn_wij", "-wie", "wie--zijn", "1-wie"])
def test_an_anchor_is_a_plain_lowercase_slug(anchor):
    block = BodyBlock()
    with pytest.raises(StreamBlockValidationError):
        block.clean(block.to_python([section("Wie zijn wij?", anchor)]))
