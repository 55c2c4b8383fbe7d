"""The JSON documents of the open data (version 1), as opendata/schemas/v1/*.schema.json describe
them.

Each is built from the same listings as the public pages (support.listings): live, public,
unexpired pages only, in the order the site shows them, with a fixed number of queries however
many items there are. Moments are ISO 8601 with the offset of Europe/Brussels.
"""

from newsroom import agenda
from opendata.licence import licence
from pages import clock
from support import listings
from support.models import CallStatus

VERSION = "1"


def iso(moment):
    """An aware datetime as ISO 8601 on the clocks in Brussels ("2027-01-15T12:00:00+01:00"),
    or None."""
    return clock.brussels(moment).isoformat(timespec="seconds") if moment else None


def actor_type_data(actor_type):
    return {"slug": actor_type.slug, "name": actor_type.name}


def document(items, actor_type):
    """The envelope every payload shares: version, licence, the actor type filtered on (or
    None), the number of items and the items."""
    return {
        "version": VERSION,
        "licence": licence(),
        "actor_type": actor_type_data(actor_type) if actor_type else None,
        "count": len(items),
        "items": items,
    }


def _for_actor_type(queryset, actor_type):
    return queryset.filter(actor_types=actor_type) if actor_type else queryset


def measures(request, actor_type=None, at=None):
    """Returns (payload, the moment it next changes or None): every listed measure, or those for
    one actor type."""
    at = at or clock.now()
    queryset = _for_actor_type(listings.listed_measures(at), actor_type)
    found = listings.sort_measures(queryset.prefetch_related("actor_types"))
    items = [
        {
            "id": measure.pk,
            "title": measure.title,
            "url": measure.get_full_url(request),
            "summary": measure.summary,
            "actor_types": [actor_type_data(a) for a in measure.listed_actor_types],
            "kind": {"code": measure.kind, "label": str(measure.get_kind_display())},
            "status": {"code": measure.status, "label": str(measure.get_status_display())},
            "status_notice": measure.status_notice,
            "application_url": measure.application_url or None,
            "first_published": iso(measure.first_published_at),
            "last_modified": iso(measure.last_published_at),
        }
        for measure in found
    ]
    return document(items, actor_type), listings.next_change(found, at)


def listed_calls(actor_type=None, at=None):
    """The listed calls (or those for one actor type), in the site's order, with their rounds,
    actor types and measure read in a fixed number of queries."""
    at = at or clock.now()
    queryset = _for_actor_type(listings.listed_calls(at), actor_type)
    return listings.sorted_calls(
        queryset.select_related("measure").prefetch_related("actor_types"), at
    )


def round_status(round, at):
    if round.opens_at <= at < round.closes_at:
        return CallStatus.OPEN
    return CallStatus.UPCOMING if at < round.opens_at else CallStatus.CLOSED


def call_data(call, request, at):
    current = call.current_round(at)
    measure = call.public_measure(request)
    status = call.status(at)
    return {
        "id": call.pk,
        "title": call.title,
        "url": call.get_full_url(request),
        "summary": call.summary,
        "actor_types": [actor_type_data(a) for a in call.listed_actor_types],
        "measure": (
            {"id": measure.pk, "title": measure.title, "url": measure.get_full_url(request)}
            if measure
            else None
        ),
        "status": {"code": str(status), "label": str(status.label)},
        "status_text": str(call.status_label(at)),
        "deadline": iso(current.closes_at) if current else None,
        "next_status_change": iso(call.next_change(at)),
        "rounds": [
            {
                "name": round.name,
                "opens_at": iso(round.opens_at),
                "closes_at": iso(round.closes_at),
                "status": str(round_status(round, at)),
            }
            for round in call.sorted_rounds
        ],
        "application_url": call.application_url or None,
        "first_published": iso(call.first_published_at),
        "last_modified": iso(call.last_published_at),
    }


def calls(request, actor_type=None, at=None):
    """Returns (payload, the moment it next changes or None): every listed call, or those for
    one actor type, each with its status at `at` (default: now)."""
    at = at or clock.now()
    found = listed_calls(actor_type, at)
    items = [call_data(call, request, at) for call in found]
    return document(items, actor_type), listings.next_change(found, at)


def listed_events(actor_type=None, at=None):
    """The listed events (or those for one actor type), by start, with their actor types read
    in one query."""
    at = at or clock.now()
    queryset = _for_actor_type(agenda.listed_events(at), actor_type)
    return list(queryset.order_by("start_at", "end_at", "pk"))


def _choice(value, label):
    return {"code": str(value), "label": str(label)}


def event_data(event, request, at):
    status = event.status(at)
    return {
        "id": event.pk,
        "title": event.title,
        "url": event.get_full_url(request),
        "summary": event.summary,
        "actor_types": [actor_type_data(a) for a in event.listed_actor_types],
        "starts_at": iso(event.start_at),
        "ends_at": iso(event.end_at),
        "status": _choice(status, status.label),
        "attendance_mode": _choice(event.attendance_mode, event.get_attendance_mode_display()),
        "place": str(event.place_label()),
        "venue": event.venue_name,
        "street": event.street,
        "postcode": event.postcode,
        "municipality": event.municipality,
        "province": (
            _choice(event.province, event.get_province_display()) if event.province else None
        ),
        "organiser": event.organiser_name(),
        "registration_url": event.registration_url or None,
        "registration_closes_at": iso(event.registration_closes_at()),
        "registration_open": event.registration_is_open(at),
        "calendar_url": event.calendar_url(request, full_url=True),
        "first_published": iso(event.first_published_at),
        "last_modified": iso(event.last_published_at),
    }


def events(request, actor_type=None, at=None):
    """Returns (payload, the moment it next changes or None): every listed event, or those for
    one actor type, each with its status at `at` (default: now)."""
    at = at or clock.now()
    found = listed_events(actor_type, at)
    items = [event_data(event, request, at) for event in found]
    return document(items, actor_type), clock.earliest(event.next_change(at) for event in found)
