"""Small factories for measures and calls, published as an editor would."""

from datetime import datetime, timedelta

from support.clock import BRUSSELS
from support.models import CallIndexPage, CallPage, CallRound, MeasurePage, SupportIndexPage


def brussels(*args):
    """An aware datetime on the clocks in Brussels, e.g. brussels(2027, 1, 15, 12, 0)."""
    return datetime(*args, tzinfo=BRUSSELS)


def make_measure(title, actor_types=(), publish=True, **fields):
    """A measure below the finder; publish="bulk" makes it live without a revision (fast)."""
    index = fields.pop("index", None) or SupportIndexPage.objects.get()
    fields.setdefault("summary", f"Samenvatting van {title}.")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    measure = MeasurePage(title=title, slug=slug, live=publish == "bulk", **fields)
    measure = index.add_child(instance=measure)
    measure.actor_types.set(actor_types)
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
    call = CallPage(title=title, slug=slug, live=publish == "bulk", **fields)
    call.rounds = [CallRound(opens_at=opens, closes_at=closes) for opens, closes in rounds]
    call = index.add_child(instance=call)
    call.actor_types.set(actor_types)
    if publish == "bulk":
        return call
    revision = call.save_revision()
    if publish:
        revision.publish()
    return CallPage.objects.get(pk=call.pk)


def open_round(now, days=30):
    return (now - timedelta(days=1), now + timedelta(days=days))
