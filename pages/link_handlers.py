"""How stored rich text becomes HTML for visitors (registered in pages.wagtail_hooks).

Wagtail's own handlers link to unpublished and private pages, fail on a malformed id and fetch
embeds from the internet while rendering; these follow pages.references: a link to something
visitors may not see becomes plain text, an image they may not see is left out.
"""

from django.utils.html import format_html
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from pages.references import is_public_media, public_document_url, public_pages


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = public_pages(attrs.get("id") for attrs in attrs_list)
        tags = []
        for attrs in attrs_list:
            page = pages.get(int(attrs["id"])) if str(attrs.get("id")).isdigit() else None
            url = page.get_url() if page else None
            tags.append(format_html('<a href="{}">', url) if url else "<a>")
        return tags


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        documents = get_document_model().objects.in_bulk({int(i) for i in ids if str(i).isdigit()})
        return [documents.get(int(i)) if str(i).isdigit() else None for i in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for document in cls.get_many(attrs_list):
            url = public_document_url(document)
            tags.append(format_html('<a href="{}">', url) if url else "<a>")
        return tags


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        images = get_image_model().objects.in_bulk({int(i) for i in ids if str(i).isdigit()})
        return [images.get(int(i)) if str(i).isdigit() else None for i in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for attrs, image in zip(attrs_list, cls.get_many(attrs_list), strict=True):
            if is_public_media(image):
                image_format = get_image_format(attrs.get("format") or "fullwidth")
                tags.append(image_format.image_to_html(image, attrs.get("alt", "")))
            else:
                tags.append("")
        return tags


class NoMediaEmbedHandler(MediaEmbedHandler):
    """Embeds are no feature of this site (WAGTAILADMIN_RICH_TEXT_EDITORS); one that reaches the
    database anyway (an import, an old revision) shows nothing rather than fetching a stranger's
    player while a visitor waits."""

    @staticmethod
    def expand_db_attributes(attrs):
        return ""
