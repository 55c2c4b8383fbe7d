"""Events as iCalendar (RFC 5545) files, built with the icalendar package: the "Zet in je
agenda" download of one event and the agenda's feed to subscribe to. Reusable by any view
that has events and a request (the open-data feeds).

Times are written on the clocks in Brussels (DTSTART;TZID=Europe/Brussels) with a VTIMEZONE
that defines that zone, so calendars show the right hour in summer and in winter.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import icalendar

from pages import clock

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Departement Werk en Sociale Economie//Agenda Sociale economie//NL"
# How often a subscribed calendar should look for changes (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = timedelta(hours=6)


def event_uid(event, request=None):
    """A UID that stays the same for an event whatever is changed on it (title, slug, dates):
    its page id at the site's host name, e.g. "activiteit-42@www.socialeeconomie.be"."""
    host = urlsplit(event.get_full_url(request) or "").hostname or "localhost"
    return f"activiteit-{event.pk}@{host}"


def event_description(event, url):
    """The summary, how to register and the address of the event page, as plain text."""
    from django.utils.translation import gettext as _

    parts = [event.summary, _("Organiser: %(name)s") % {"name": event.organiser_name()}]
    if event.registration_url:
        parts.append(
            _("Register: %(url)s") % {"url": event.registration_url}
            if not event.registration_deadline
            else _("Register by %(deadline)s: %(url)s")
            % {"deadline": event.registration_deadline_label(), "url": event.registration_url}
        )
    if event.online_url:
        parts.append(_("Online: %(url)s") % {"url": event.online_url})
    parts.append(_("More information: %(url)s") % {"url": url})
    return "\n\n".join(part for part in parts if part)


def event_component(event, request=None):
    """One event as a VEVENT."""
    url = event.get_full_url(request)
    changed = event.last_published_at or event.first_published_at or clock.now()
    component = icalendar.Event()
    component.add("uid", event_uid(event, request))
    # The moment this version was published: the same file every time until it changes.
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("dtstart", clock.brussels(event.start_at))
    component.add("dtend", clock.brussels(event.end_at))
    component.add("summary", event.title)
    component.add("description", event_description(event, url))
    location = event.place_label()
    if location:
        component.add("location", location)
    component.add("url", url)
    return component


def calendar_for(events, request=None, name=None):
    """A VCALENDAR of the events, with the VTIMEZONE of Europe/Brussels, as bytes (UTF-8)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Brussels")
        interval = icalendar.vDuration(REFRESH_INTERVAL)
        calendar.add("refresh-interval", interval, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", interval)
    for event in events:
        calendar.add_component(event_component(event, request))
    if events:
        # The zone's rules only for the years the events span: a small file.
        first = min(clock.brussels(event.start_at).date() for event in events)
        last = max(clock.brussels(event.end_at).date() for event in events)
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
        )
        # The zone first, before the events that use it, as calendar apps expect.
        calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return calendar.to_ical()
