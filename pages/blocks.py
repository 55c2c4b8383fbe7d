from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from actortypes.models import ActorType

validate_anchor = RegexValidator(
    r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens, e.g. wat-is-sociale-economie."),
)


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
        request = context.get("request")
        page = context.get("page")
        # On Over ons itself the list needs no query for the page that serves the actor types.
        about_page = page if isinstance(page, AboutPage) else AboutPage.objects.live().first()
        actor_types = ActorType.objects.live()
        context["actor_types"] = (
            about_page.actor_type_links(actor_types, request=request)
            if about_page
            else [(actor_type, None) for actor_type in actor_types]
        )
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
