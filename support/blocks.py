from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from pages.blocks import BodyBlock
from pages.references import public_document_url


class DownloadsBlock(blocks.StructBlock):
    """Documents to download, each with its title, file type and size (as GOV.UK lists
    attachments), so visitors know what they open before they open it."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, help_text=_("Empty: Downloads."))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Downloads")
        template = "blocks/downloads_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Only what visitors may download: a deleted document, or one not yet released by a
        # Hoofdredacteur (collection "Te keuren"), is left out (pages.references).
        context["downloads"] = [
            (document, url)
            for document in value["documents"]
            if (url := public_document_url(document))
        ]
        return context


class SupportBodyBlock(BodyBlock):
    """The shared content blocks, plus downloads: forms, regulations and guides."""

    downloads = DownloadsBlock()
