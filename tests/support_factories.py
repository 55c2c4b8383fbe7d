"""Small factories for measures and calls, published as an editor would."""

from datetime import datetime, timedelta

from pages.clock import BRUSSELS
from support.models import CallIndexPage, CallPage, CallRound, MeasurePage, SupportIndexPage


def brussels(*args):
    """An aware datetime on the clocks in Brussels, e.g. brussels(2027, 1, 15, 12, 0)."""
    return datetime(*args, tzinfo=BRUSSELS)


def make_measure(title, actor_types=(), publish=True, **fields):
    """A measure below the finder; publish="bulk" makes it live without a revision (fast)."""
    index = fields.pop("index", None) or SupportIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    # Actor types as a constructor argument: add_child's save commits them (a parental relation),
    # also when published in bulk.
    measure = MeasurePage(
        title=title, slug=slug, live=publish == "bulk", actor_types=list(actor_types), **fields
    )
    measure = index.add_child(instance=measure)
    if publish == "bulk":
        return measure
    revision = measure.save_revision()
    if publish:
        revision.publish()
    return MeasurePage.objects.get(pk=measure.pk)


def make_call(title, rounds, actor_types=(), publish=True, **fields):
    """A call with rounds given as (opens_at, closes_at) pairs; publish="bulk" as above."""
    index = fields.pop("index", None) or CallIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    call = CallPage(
        title=title, slug=slug, live=publish == "bulk", actor_types=list(actor_types), **fields
    )
    call.rounds = [CallRound(opens_at=opens, closes_at=closes) for opens, closes in rounds]
    call = index.add_child(instance=call)
    if publish == "bulk":
        return call
    revision = call.save_revision()
    if publish:
        revision.publish()
    return CallPage.objects.get(pk=call.pk)


def open_round(now, days=30):
    return (now - timedelta(days=1), now + timedelta(days=days))


def support_showcase():
    """What the support pages look like in use: a measure with downloads and calls that are
    open, opening soon and closed, all for maatwerkbedrijven (for the HTML and axe checks)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents.models import Document

    from actortypes.models import ActorType

    maatwerk = [ActorType.objects.get(slug="maatwerkbedrijven")]
    document = Document.objects.create(
        title="Handleiding voor de aanvraag", file=ContentFile(b"%PDF-1.4 test", name="gids.pdf")
    )
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    measure.amount = "Een loonpremie per werknemer uit de doelgroep."
    measure.application_url = "https://example.org/aanvragen"
    measure.body = [
        ("text", "<p>Meer over collectief maatwerk.</p>"),
        ("downloads", {"heading": "", "documents": [document]}),
    ]
    measure.save_revision().publish()
    now = timezone.now()
    day = timedelta(days=1)
    make_call(
        "Oproep werkplekaanpassing",
        [open_round(now)],
        actor_types=maatwerk,
        measure=measure,
        funding="Aanpassingen aan de werkplek.",
        application_url="https://example.org/indienen",
    )
    make_call("Oproep binnenkort", [(now + 5 * day, now + 40 * day)], actor_types=maatwerk)
    make_call("Oproep vorig jaar", [(now - 400 * day, now - 370 * day)], actor_types=maatwerk)


SUPPORT_PAGES = {
    "finder": "/ondersteuning/",
    "finder-filtered": "/ondersteuning/?voor=maatwerkbedrijven&status=open",
    "finder-empty": "/ondersteuning/?voor=lokale-besturen&soort=financing",
    "measure": "/ondersteuning/collectief-maatwerk/",
    "measure-phasing-out": "/ondersteuning/lokale-diensteneconomie/",
    "calls": "/oproepen/",
    "call": "/oproepen/oproep-werkplekaanpassing/",
    "actor-type-with-support": "/over-ons/maatwerkbedrijven/",
}
