from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from pages.blocks import BodyBlock


class DownloadsBlock(blocks.StructBlock):
    """Documents to download, each with its title, file type and size (as GOV.UK lists
    attachments), so visitors know what they open before they open it."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, help_text=_("Empty: Downloads."))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Downloads")
        template = "blocks/downloads_block.html"


class SupportBodyBlock(BodyBlock):
    """The shared content blocks, plus downloads: forms, regulations and guides."""

    downloads = DownloadsBlock()
