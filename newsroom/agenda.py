"""What the agenda lists: upcoming events, the archive, the calendar feed and the home page's
next events, and until when each of them stays true.

Every listing takes a fixed number of queries however many events there are: actor types are
prefetched, filtering and counting happen in Python (pages.facets).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from actortypes.models import ActorType
from newsroom.models import AttendanceMode, EventPage, Province
from pages import clock, facets
from pages.facets import Facet, Option
from pages.listings import listable, paginate

# The query parameters the agenda reads (also cached by serving.middleware).
FILTER_PARAMETERS = ("voor", "provincie")
# The calendar feed keeps events this long after they end, so a subscriber's calendar does not
# lose last week's study day.
RECENT = timedelta(days=90)
# How many events the home page shows.
HOME_PAGE_EVENTS = 3


def listed_events(at):
    """Live, public, unexpired events, with their actor types."""
    return listable(EventPage.objects.all(), at).prefetch_related("actor_types")


def upcoming_events(at):
    """Events that have not ended at `at`, soonest first: one in progress counts as upcoming
    until it ends."""
    return listed_events(at).filter(end_at__gt=at).order_by("start_at", "end_at", "pk")


def past_events(at):
    """Events that have ended at `at`, the most recent first."""
    return listed_events(at).filter(end_at__lte=at).order_by("-start_at", "-end_at", "-pk")


def next_change(events, at):
    """When the first of these events starts, ends, closes its registration or expires."""
    return clock.earliest(event.next_change(at) for event in events)


def event_keys(event):
    """The values of each filter that an event matches."""
    return {
        "voor": {actor_type.slug for actor_type in event.actor_types.all()},
        "provincie": {event.province},
    }


@dataclass
class Listing:
    facets: list[Facet]
    results: object  # a Django Page of events
    result_count: int
    selected_count: int
    is_canonical: bool
    # When what the listing shows changes next (an event starts, ends or expires), or None.
    next_change: object

    @property
    def query(self):
        return facets.normalised_query(self.facets, self.results.number)

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def agenda_facets():
    return [
        Facet(
            "voor",
            _("For whom"),
            [Option(a.slug, a.name) for a in ActorType.objects.live().only("slug", "name")],
        ),
        Facet("provincie", _("Province"), [Option(v, label) for v, label in Province.choices]),
    ]


def event_listing(index_page, request, archive=False):
    """The agenda (or its archive) for this request: the filters with their counts and one
    page of events."""
    at = clock.now()
    upcoming = list(upcoming_events(at).child_of(index_page))
    if archive:
        events = list(past_events(at).child_of(index_page))
        # An upcoming event joins the archive when it ends; an archived one leaves on expiry.
        changes = [event.end_at for event in upcoming] + [event.expire_at for event in events]
        change = clock.earliest(moment for moment in changes if moment and moment > at)
    else:
        events = upcoming
        change = next_change(events, at)
    listing_facets = agenda_facets()
    selected, is_canonical = facets.choose(listing_facets, request)
    keyed = [(event, event_keys(event)) for event in events]
    results = facets.count_and_filter(listing_facets, keyed, selected)
    results_page = paginate(results, request)
    return Listing(
        facets=listing_facets,
        results=results_page,
        result_count=len(results),
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical and facets.page_is_canonical(results_page, request),
        next_change=change,
    )


@dataclass
class Feed:
    events: list
    name: str
    is_canonical: bool
    next_change: object


def calendar_feed(index_page, request):
    """The events of the calendar feed: upcoming ones and those that ended in the last RECENT
    days, optionally only those for the actor type ?voor=<slug>."""
    at = clock.now()
    events = listed_events(at).child_of(index_page).filter(end_at__gt=at - RECENT)
    events = list(events.order_by("start_at", "pk"))
    asked = request.GET.getlist("voor")
    name = _("Agenda of %(site_name)s") % {"site_name": _("Sociale economie")}
    is_canonical = not asked
    if asked:
        actor_type = ActorType.objects.live().filter(slug=asked[0]).first()
        is_canonical = actor_type is not None and len(asked) == 1
        slug = actor_type.slug if actor_type else asked[0]
        events = [e for e in events if slug in {a.slug for a in e.actor_types.all()}]
        if actor_type:
            name = _("Agenda for %(actor_type)s") % {"actor_type": actor_type.name.lower()}
    # An event leaves the feed RECENT after it ends, or when it expires.
    changes = [event.end_at + RECENT for event in events] + [event.expire_at for event in events]
    change = clock.earliest(moment for moment in changes if moment and moment > at)
    return Feed(events=events, name=name, is_canonical=is_canonical, next_change=change)


def home_page_events(at):
    """The next events for the home page, soonest first (without their actor types, which the
    home page does not show)."""
    events = listable(EventPage.objects.all(), at).filter(end_at__gt=at)
    return list(events.order_by("start_at", "end_at", "pk")[:HOME_PAGE_EVENTS])


def event_json_ld(event, url, organisation_id):
    """schema.org Event: its dates (with the Brussels offset), how to attend, where, and who
    organises it."""
    modes = {
        AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
        AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
    }
    locations = []
    if event.is_on_site():
        address = {"@type": "PostalAddress", "addressCountry": "BE"}
        if event.street:
            address["streetAddress"] = event.street
        if event.postcode:
            address["postalCode"] = event.postcode
        if event.municipality:
            address["addressLocality"] = event.municipality
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.municipality,
                "address": address,
            }
        )
    if event.is_online():
        virtual = {"@type": "VirtualLocation"}
        if event.online_url:
            virtual["url"] = event.online_url
        locations.append(virtual)
    data = {
        "@type": "Event",
        "@id": f"{url}#activiteit",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": clock.brussels(event.start_at).isoformat(),
        "endDate": clock.brussels(event.end_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": modes[event.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": (
            {"@type": "Organization", "name": event.organiser}
            if event.organiser
            else {"@id": organisation_id}
        ),
        "inLanguage": "nl-BE",
    }
    if event.listed_actor_types:
        data["audience"] = [
            {"@type": "BusinessAudience", "audienceType": actor_type.name}
            for actor_type in event.listed_actor_types
        ]
    if event.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": event.registration_url,
            "availabilityEnds": clock.brussels(event.registration_closes_at()).isoformat(),
        }
    return data
