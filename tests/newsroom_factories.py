"""Small factories for the newsroom's pages, published as an editor would."""

from datetime import timedelta

from newsroom.models import EventIndexPage, EventPage

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
