"""Small factories for the newsroom: news items and publications (the agenda's events too),
published as an editor would."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from newsroom.models import (
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedPage,
    PublicationIndexPage,
    PublicationPage,
)


def _publish(page, publish):
    if publish == "bulk":
        return page
    revision = page.save_revision()
    if publish:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def make_news(title, date, actor_types=(), related=(), publish=True, **fields):
    """A news item below Nieuws with its date; publish="bulk" makes it live without a revision
    (fast), publish=False leaves a draft."""
    index = fields.pop("index", None) or NewsIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    news = NewsPage(title=title, slug=slug, date=date, live=publish == "bulk", **fields)
    news.related_pages = [NewsPageRelatedPage(related_page=page) for page in related]
    news = index.add_child(instance=news)
    news.actor_types.set(actor_types)
    return _publish(news, publish)


def make_document(title="Handleiding", name="handleiding.pdf", content=b"%PDF-1.4 test", **fields):
    """An uploaded document, as Wagtail's upload stores it (with its size)."""
    document = Document(title=title, file=ContentFile(content, name=name), **fields)
    document.file_size = len(content)
    document.save()
    return document


def make_publication(title, date, publication_type="guide", actor_types=(), publish=True, **fields):
    """A publication below Publicaties with a PDF to download (unless a document is given);
    publish as for make_news."""
    index = fields.pop("index", None) or PublicationIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    if "document" not in fields:
        fields["document"] = make_document(title=title, name=f"{title.lower()[:40]}.pdf")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    publication = PublicationPage(
        title=title,
        slug=slug,
        date=date,
        publication_type=publication_type,
        live=publish == "bulk",
        **fields,
    )
    publication = index.add_child(instance=publication)
    publication.actor_types.set(actor_types)
    return _publish(publication, publish)
