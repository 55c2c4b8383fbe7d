"""Small factories for the newsroom's pages, published as an editor would."""

from datetime import timedelta

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from newsroom.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedPage,
    PublicationIndexPage,
    PublicationPage,
)

# --- Events (the agenda) ---------------------------------------------------------------------


def make_event(title, start_at, end_at=None, actor_types=(), publish=True, **fields):
    """An event below the agenda, by default two hours long in Brussels at the Herman
    Teirlinck; publish="bulk" makes it live without a revision (fast)."""
    index = fields.pop("index", None) or EventIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    fields.setdefault("venue_name", "Herman Teirlinck")
    fields.setdefault("street", "Havenlaan 88")
    fields.setdefault("postcode", "1000")
    fields.setdefault("municipality", "Brussel")
    fields.setdefault("province", "brussel")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    event = EventPage(
        title=title,
        slug=slug,
        start_at=start_at,
        end_at=end_at or start_at + timedelta(hours=2),
        live=publish == "bulk",
        # Committed by add_child's save (a parental relation), also when published in bulk.
        actor_types=list(actor_types),
        **fields,
    )
    event = index.add_child(instance=event)
    if publish == "bulk":
        return event
    revision = event.save_revision()
    if publish:
        revision.publish()
    return EventPage.objects.get(pk=event.pk)


def make_online_event(title, start_at, end_at=None, **fields):
    """A webinar: online, filed under the province "Online"."""
    fields.update(
        attendance_mode="online",
        venue_name="",
        street="",
        postcode="",
        municipality="",
        province="online",
    )
    fields.setdefault("online_url", "https://example.org/webinar")
    return make_event(title, start_at, end_at, **fields)


def agenda_showcase(now):
    """What the agenda looks like in use: an event soon with registration, a webinar, a
    two-day fair in progress and a past event with a report (for the HTML and axe checks)."""
    from actortypes.models import ActorType

    maatwerk = [ActorType.objects.get(slug="maatwerkbedrijven")]
    day = timedelta(days=1)
    make_event(
        "Infosessie collectief maatwerk",
        now + 10 * day,
        actor_types=maatwerk,
        registration_url="https://example.org/inschrijven",
        registration_deadline=now + 8 * day,
        body=[("text", "<p>Het programma van de infosessie.</p>")],
    )
    make_online_event("Webinar sociale innovatie", now + 20 * day)
    make_event(
        "Beurs sociale economie",
        now - day,
        now + day,
        venue_name="Provinciehuis",
        street="Koningin Elisabethlei 22",
        postcode="2018",
        municipality="Antwerpen",
        province="antwerpen",
        attendance_mode="mixed",
    )
    make_event(
        "Studiedag vorig jaar",
        now - 300 * day,
        actor_types=maatwerk,
        report=[("text", "<p>Meer dan honderd deelnemers kwamen naar de studiedag.</p>")],
    )


AGENDA_PAGES = {
    "agenda": "/agenda/",
    "agenda-filtered": "/agenda/?voor=maatwerkbedrijven",
    "agenda-empty": "/agenda/?provincie=limburg",
    "archive": "/agenda/archief/",
    "event": "/agenda/infosessie-collectief-maatwerk/",
    "event-in-progress": "/agenda/beurs-sociale-economie/",
    "event-past": "/agenda/studiedag-vorig-jaar/",
}

# --- end of events ---------------------------------------------------------------------------

# --- News and publications ------------------------------------------------------------------


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
    # Actor types as a constructor argument: add_child's save commits them (a parental relation),
    # also when published in bulk.
    news = NewsPage(
        title=title,
        slug=slug,
        date=date,
        live=publish == "bulk",
        actor_types=list(actor_types),
        **fields,
    )
    news.related_pages = [NewsPageRelatedPage(related_page=page) for page in related]
    news = index.add_child(instance=news)
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
        actor_types=list(actor_types),
        **fields,
    )
    publication = index.add_child(instance=publication)
    return _publish(publication, publish)


def newsroom_showcase():
    """What news and publications look like in use: an article with related pages, a guide with
    an accessible file, a report with an accessible version, all for maatwerkbedrijven (for the
    HTML and axe checks)."""
    from datetime import date

    from actortypes.models import ActorType
    from support.models import MeasurePage

    maatwerk = [ActorType.objects.get(slug="maatwerkbedrijven")]
    guide = make_publication(
        "Handleiding collectief maatwerk",
        date(2026, 11, 2),
        actor_types=maatwerk,
        is_accessible=True,
        document=make_document("Handleiding", "handleiding.pdf", b"%PDF" + b"x" * 5000),
    )
    make_publication(
        "Jaarrapport sociale economie 2025",
        date(2026, 6, 12),
        "report",
        maatwerk,
        accessible_document=make_document("Jaarrapport (toegankelijk)", "jaarrapport.docx"),
    )
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    measure.related_publications.create(publication=guide)
    measure.save_revision().publish()
    make_news(
        "Nieuwe erkenningen voor maatwerkbedrijven",
        date(2026, 11, 20),
        maatwerk,
        related=[measure, guide],
        body=[("text", "<p>Vijf ondernemingen zijn erkend als maatwerkbedrijf.</p>")],
    )
    make_news("Jaarrapport 2025 verschenen", date(2026, 6, 12))


NEWSROOM_PAGES = {
    "news": "/nieuws/",
    "news-filtered": "/nieuws/?voor=maatwerkbedrijven",
    "news-empty": "/nieuws/?voor=lokale-besturen",
    "news-item": "/nieuws/nieuwe-erkenningen-voor-maatwerkbedrijven/",
    "publications": "/publicaties/",
    "publications-empty": "/publicaties/?soort=brochure",
    "publication": "/publicaties/handleiding-collectief-maatwerk/",
    "publication-with-version": "/publicaties/jaarrapport-sociale-economie-2025/",
    "measure-with-publications": "/ondersteuning/collectief-maatwerk/",
    "home-with-news": "/",
}
