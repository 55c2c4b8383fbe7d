"""Template tags for references to pages, images and documents (see pages.references).

Every block template that links to a chosen page or document, or shows a chosen image, goes
through these, so that a reference to something deleted, unpublished or private renders
without the link (or the image) instead of raising:

    {% load reference_tags %}
    {% public_url value.page as url %}
    {% if url %}<a href="{{ url }}">…</a>{% endif %}

    {% with image=value.image|public_image %}
        {% if image %}{% picture image … %}{% endif %}
    {% endwith %}
"""

from django import template
from django.template.defaultfilters import filesizeformat
from wagtail.documents.models import AbstractDocument
from wagtail.models import DraftStateMixin, Page

from pages.references import is_public_media, public_document_url, public_page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context, target):
    """The address of a page, document or published snippet with an address (an actor type)
    for visitors, or "" when they may not be sent there (or target is None)."""
    request = context.get("request")
    if isinstance(target, Page):
        return public_page_url(target, request) or ""
    if isinstance(target, AbstractDocument):
        return public_document_url(target) or ""
    if isinstance(target, DraftStateMixin) and target.live and hasattr(target, "get_url"):
        return target.get_url(request) or ""
    return ""


@register.filter
def public_image(image):
    """The image itself, or None when it is gone or not yet released (a private collection)."""
    return image if is_public_media(image) else None


@register.filter
def file_format(document):
    """What visitors download, e.g. "PDF, 1,2 MB": the file's extension, and its size when
    it is known."""
    size = document.get_file_size()
    extension = document.file_extension.upper()
    return f"{extension}, {filesizeformat(size)}" if size else extension
