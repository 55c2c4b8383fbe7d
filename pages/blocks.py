import os
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.images import blocks as image_blocks

validate_anchor = RegexValidator(
    r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens, e.g. wat-is-sociale-economie."),
)


def _words(text):
    """Text compared the way a reader sees it: case, hyphens, underscores and dots ignored."""
    return " ".join(re.split(r"[\s._-]+", (text or "").lower())).strip()


def file_names(image):
    """What the image is called on disk, with and without extension, as _words().

    Wagtail's upload makes the title from the file name without its extension, and a storage
    may add "_" and seven characters to keep a name unique ("werkvloer_AbC1234.png").
    """
    name = os.path.basename(image.file.name)
    stem = os.path.splitext(name)[0]
    return {_words(name), _words(stem), _words(re.sub(r"_[A-Za-z0-9]{7}$", "", stem))}


def is_file_name(text, image):
    """Whether an alt text is only the image's file name (or the title Wagtail made from it)."""
    return _words(text) in file_names(image)


class ImageBlock(image_blocks.ImageBlock):
    """An image with alt text written for this place (Wagtail's ImageBlock), refusing the file
    name that Wagtail's chooser fills in when the image has no description."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        # Wagtail's child blocks carry no label, so the form shows the English "Image*".
        image = image_blocks.ImageChooserBlock(required=required, label=_("Image"))
        image.set_name("image")
        self.child_blocks["image"] = image
        alt_text = blocks.CharBlock(
            required=False,
            label=_("Alt text"),
            help_text=_("What the image shows, for visitors who cannot see it. Not the file name."),
        )
        alt_text.set_name("alt_text")
        self.child_blocks["alt_text"] = alt_text

    def clean(self, value):
        value = super().clean(value)
        if value and not value.decorative:
            # The title Wagtail made from the file name is one of these too.
            if is_file_name(value.contextual_alt_text, value):
                raise StructBlockValidationError(
                    block_errors={
                        "alt_text": ValidationError(
                            _(
                                "The file name is no alt text. Describe what the image shows "
                                "for visitors who cannot see it, or mark it as decorative."
                            )
                        )
                    }
                )
        return value


class SectionBlock(blocks.StructBlock):
    """A titled part of a page that other pages and partners can link to with #anchor."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        max_length=60,
        validators=[validate_anchor],
        help_text=_(
            "The link to this section: /over-ons/#anchor. Partners may link to it, "
            "so keep it when you reword the heading."
        ),
    )
    text = blocks.RichTextBlock(label=_("Text"), editor="section")

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "blocks/section_block.html"


class ActorTypeListBlock(blocks.StructBlock):
    """The published actor types, in the editors' order, each linking to its page."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        help_text=_("Leave empty when the list follows a section that introduces it."),
    )

    class Meta:
        icon = "group"
        label = _("List of actor types")
        template = "blocks/actor_type_list_block.html"

    def get_context(self, value, parent_context=None):
        from pages.models import AboutPage  # pages.models imports this module

        context = super().get_context(value, parent_context=parent_context)
        context["actor_types"] = AboutPage.published_actor_type_links(context.get("request"))
        return context


class PageLinkStructValue(blocks.StructValue):
    def title(self):
        page = self.get("page")
        return self.get("heading") or (page.title if page else "")


class PageTeaserBlock(blocks.StructBlock):
    """A prominent link to another page of the site, with a short explanation."""

    page = blocks.PageChooserBlock(label=_("Page"))
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, help_text=_("Empty: the page's title.")
    )
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "link"
        label = _("Page teaser")
        template = "blocks/page_teaser_block.html"
        value_class = PageLinkStructValue


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), template="blocks/text_block.html")
    section = SectionBlock()
    # Wagtail's ImageBlock refuses an image without alt text unless it is marked decorative.
    image = ImageBlock(label=_("Image"), icon="image", template="blocks/image_block.html")
    page_teaser = PageTeaserBlock()
    actor_types = ActorTypeListBlock()

    def clean(self, value):
        value = super().clean(value)
        # Two sections with the same anchor would make one of them unreachable by link.
        seen = set()
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "section":
                continue
            anchor = child.value["anchor"]
            if anchor in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "anchor": ValidationError(
                            _("Another section on this page already uses this anchor.")
                        )
                    }
                )
            seen.add(anchor)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
