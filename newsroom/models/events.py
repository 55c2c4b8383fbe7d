"""The agenda: events of the department and its partners, at /agenda/.

An event's state ("upcoming", "in progress", "past", "registration open") follows from its
dates and the clock (pages.clock): editors enter dates, never a state.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from pages import clock
from pages.blocks import BodyBlock

# The route of the calendar file below the agenda or an event. Its public address ends in
# "agenda.ics" (newsroom.views.calendar_file), which a page address cannot.
CALENDAR_ROUTE = "agenda-ics"
# Addresses below the agenda that its routes use: no event may take them as its slug.
RESERVED_SLUGS = {"archief", CALENDAR_ROUTE}


class AttendanceMode(models.TextChoices):
    """Where visitors take part: schema.org's eventAttendanceMode, in editors' words."""

    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("On site and online")


class Province(models.TextChoices):
    """Where an event takes place, for the agenda's filter: the five Flemish provinces, Brussels,
    or online."""

    ANTWERPEN = "antwerpen", _("Antwerp")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("East Flanders")
    VLAAMS_BRABANT = "vlaams-brabant", _("Flemish Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West Flanders")
    BRUSSEL = "brussel", _("Brussels")
    ONLINE = "online", _("Online")


class EventStatus(models.TextChoices):
    """An event's state at a moment, derived from its dates (never stored)."""

    UPCOMING = "upcoming", _("Upcoming")
    IN_PROGRESS = "in_progress", _("Taking place now")
    PAST = "past", _("Past")


class EventIndexPage(RoutablePageMixin, Page):
    """Agenda: the coming events, the archive of past ones (archief/) and a calendar feed to
    subscribe to (agenda.ics). Its events are the pages below it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsroom.EventPage"]
    max_count = 1

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("agenda")

    def listing_response(self, request, archive):
        from newsroom import agenda

        listing = agenda.event_listing(self, request, archive=archive)
        context = self.get_context(request)
        context.update(
            listing=listing,
            archive=archive,
            archive_url=self.get_url(request) + self.reverse_subpage("archive"),
            # In full: visitors copy it into their calendar app. From the Site, as canonical URLs,
            # never from the request's Host header (the page cache keeps what it shows).
            calendar_url=self.calendar_url(request, full_url=True),
            meta_noindex=listing.noindex,
            meta_query=listing.query,
        )
        if archive:
            context["meta_title"] = _("Archive: past events")
            context["meta_route"] = self.reverse_subpage("archive")
        response = self.render(request, context_overrides=context)
        response.cacheable_query = listing.is_canonical
        return clock.limit_max_age(response, listing.next_change)

    @path("")
    def upcoming(self, request):
        """The events that have not ended yet, soonest first."""
        return self.listing_response(request, archive=False)

    @path("archief/", name="archive")
    def archive(self, request):
        """The events that have ended, newest first."""
        return self.listing_response(request, archive=True)

    @path(f"{CALENDAR_ROUTE}/", name="calendar")
    def calendar(self, request):
        """The calendar feed to subscribe to: upcoming and recent events, optionally only those
        for one actor type (?voor=<slug>)."""
        from newsroom import agenda, calendar

        if not request.path.endswith(".ics"):
            raise Http404
        feed = agenda.calendar_feed(self, request)
        response = HttpResponse(
            calendar.calendar_for(feed.events, request, name=feed.name),
            content_type=calendar.CONTENT_TYPE,
        )
        response.cacheable_query = feed.is_canonical
        return clock.limit_max_age(response, feed.next_change)

    def calendar_url(self, request=None, full_url=False):
        """The feed's address ("/agenda/agenda.ics"), with scheme and host when full_url."""
        base = self.get_full_url(request) if full_url else self.get_url(request)
        return f"{base}agenda.ics" if base else None

    def get_sitemap_urls(self, request=None):
        # The archive is a route below this page, which the page tree does not list.
        urls = super().get_sitemap_urls(request)
        if urls:
            archive = self.get_full_url(request) + self.reverse_subpage("archive")
            urls.append({"location": archive, "lastmod": self.last_published_at})
        return urls

    def get_route_paths(self):
        # Wagtail's redirects app follows these when the agenda is renamed or moved.
        return ["/", "/" + self.reverse_subpage("archive")]


class EventPage(Page):
    """An activiteit: a study day, info session, webinar or fair, with its date, place and how
    to register. After the event, editors may add a report (Verslag)."""

    parent_page_types = ["newsroom.EventIndexPage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences: what the event is about. Shown in lists."),
    )
    start_at = models.DateTimeField(
        _("starts at"), help_text=_("Date and time in Belgian time, e.g. 15-01-2027 09:30.")
    )
    end_at = models.DateTimeField(
        _("ends at"),
        help_text=_("Belgian time. For an event of several days: the last day's end."),
    )
    attendance_mode = models.CharField(
        _("where"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    venue_name = models.CharField(
        _("venue"), max_length=120, blank=True, help_text=_("E.g. Herman Teirlinck.")
    )
    street = models.CharField(
        _("street and number"), max_length=120, blank=True, help_text=_("E.g. Havenlaan 88.")
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("A Belgian postcode has four digits."))],
    )
    municipality = models.CharField(_("municipality"), max_length=80, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_(
            "The link to the webinar or livestream. Leave empty when participants get it after "
            "registering."
        ),
    )
    province = models.CharField(
        _("province"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("For the agenda's filter. An online event is filed under “Online”."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=120,
        blank=True,
        help_text=_("Empty: the Department of Work and Social Economy."),
    )
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_("The registration form, shown as a button while registration is open."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Belgian time. Empty: registration stays open until the event ends."),
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="events",
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    report = StreamField(
        BodyBlock(),
        verbose_name=_("report"),
        blank=True,
        help_text=_("How the event went, with photos or presentations. Shown once it has ended."),
    )

    content_panels = Page.content_panels + [
        "summary",
        FieldRowPanel(["start_at", "end_at"], heading=_("When")),
        MultiFieldPanel(
            [
                "attendance_mode",
                "venue_name",
                "street",
                FieldRowPanel(["postcode", "municipality"]),
                "online_url",
                "province",
            ],
            heading=_("Where"),
        ),
        "organiser",
        MultiFieldPanel(["registration_url", "registration_deadline"], heading=_("Registration")),
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        "body",
        "report",
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("report"),
        index.SearchField("venue_name"),
        index.SearchField("municipality"),
        index.SearchField("organiser"),
        index.AutocompleteField("summary"),
        index.FilterField("start_at"),
        index.FilterField("end_at"),
        index.FilterField("province"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is taken by the agenda. Choose another slug.")
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("An event ends after it starts.")
        if self.registration_deadline and self.end_at and self.registration_deadline > self.end_at:
            errors["registration_deadline"] = _(
                "The registration deadline falls before the end of the event."
            )
        if self.attendance_mode == AttendanceMode.ONLINE:
            # An online event is found under “Online”, whatever the editor chose.
            self.province = Province.ONLINE
        else:
            if not self.municipality.strip():
                errors["municipality"] = _("Fill in where the event takes place.")
            if self.province in ("", Province.ONLINE):
                errors["province"] = _("Choose the province where the event takes place.")
        if errors:
            raise ValidationError(errors)

    # State, from the dates and the clock.

    def status(self, at=None):
        """ "upcoming", "in_progress" or "past" at the moment `at` (default: now)."""
        at = at or clock.now()
        if at < self.start_at:
            return EventStatus.UPCOMING
        if at < self.end_at:
            return EventStatus.IN_PROGRESS
        return EventStatus.PAST

    def registration_closes_at(self):
        """When registering stops: the deadline, else the end of the event; None without a
        registration link."""
        if not self.registration_url:
            return None
        return self.registration_deadline or self.end_at

    def registration_is_open(self, at=None):
        """Whether visitors can still register at the moment `at` (default: now)."""
        closes_at = self.registration_closes_at()
        return closes_at is not None and (at or clock.now()) < closes_at

    def next_change(self, at=None):
        """The first moment after `at` at which what the page shows changes (the event starts
        or ends, registration closes, the page expires), or None."""
        at = at or clock.now()
        moments = [self.start_at, self.end_at, self.registration_closes_at(), self.expire_at]
        return clock.earliest(moment for moment in moments if moment and moment > at)

    # What visitors read.

    def is_multi_day(self):
        return clock.brussels(self.start_at).date() != clock.brussels(self.end_at).date()

    def when_label(self):
        """E.g. "15 januari 2027 van 9.30 tot 12.00 uur", or for several days "van 15 januari
        2027 om 9.30 uur tot 16 januari 2027 om 17.00 uur" (Belgian time)."""
        if self.is_multi_day():
            return _("from %(start)s until %(end)s") % {
                "start": clock.long_datetime(self.start_at),
                "end": clock.long_datetime(self.end_at),
            }
        return _("%(date)s from %(start)s to %(end)s") % {
            "date": clock.long_date(self.start_at),
            "start": clock.short_time(self.start_at),
            "end": clock.short_time(self.end_at),
        }

    def start_iso(self):
        """The start for a <time datetime> attribute, to the minute: "2027-01-15T12:00+01:00"."""
        return clock.brussels(self.start_at).isoformat(timespec="minutes")

    def registration_deadline_label(self):
        return clock.long_datetime(self.registration_deadline)

    def is_online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    def is_on_site(self):
        return self.attendance_mode in (AttendanceMode.OFFLINE, AttendanceMode.MIXED)

    def address_lines(self):
        """The venue's address as lines, e.g. ["Herman Teirlinck", "Havenlaan 88",
        "1000 Brussel"]; empty for an online event."""
        if not self.is_on_site():
            return []
        town = " ".join(part for part in (self.postcode, self.municipality) if part)
        return [line for line in (self.venue_name, self.street, town) if line]

    def place_label(self):
        """Where, in one line: "Herman Teirlinck, Havenlaan 88, 1000 Brussel", "Online" or
        both ("…, and online")."""
        place = ", ".join(self.address_lines())
        if self.attendance_mode == AttendanceMode.ONLINE:
            return str(_("Online"))
        if self.attendance_mode == AttendanceMode.MIXED:
            return _("%(place)s, and online") % {"place": place}
        return place

    def organiser_name(self):
        return self.organiser or str(_("Department of Work and Social Economy"))

    @cached_property
    def listed_actor_types(self):
        """The published actor types this event is for, in the editors' order; read once per
        page view (listings prefetch them)."""
        return [actor_type for actor_type in self.actor_types.all() if actor_type.live]

    def main_entity(self, url, organisation_id, request=None):
        """schema.org JSON-LD: an Event, with its place and how to attend."""
        from newsroom.agenda import event_json_ld

        return event_json_ld(self, url, organisation_id)

    def get_context(self, request, *args, **kwargs):
        from support import listings

        context = super().get_context(request, *args, **kwargs)
        at = clock.now()
        context.update(
            status=self.status(at),
            registration_open=self.registration_is_open(at),
            actor_type_links=listings.actor_type_links(self.listed_actor_types, request),
            calendar_url=self.calendar_url(request),
            next_change=self.next_change(at),
        )
        return context

    def route(self, request, path_components):
        # "Zet in je agenda": the event's calendar file is served by the event itself, so that
        # Wagtail's serve applies everything it applies to the page (live, view restrictions).
        # A route of this one page, without RoutablePageMixin: that would make the 404 page
        # look up every event for routes it does not have.
        if path_components == [CALENDAR_ROUTE] and self.live:
            return RouteResult(self, kwargs={"calendar_file": True})
        return super().route(request, path_components)

    def serve(self, request, *args, calendar_file=False, **kwargs):
        if calendar_file:
            # Only under its public address, ".../agenda.ics" (newsroom.views.calendar_file).
            if not request.path.endswith(".ics"):
                raise Http404
            return self.calendar_response(request)
        response = super().serve(request, *args, **kwargs)
        return clock.limit_max_age(response, response.context_data["next_change"])

    def calendar_response(self, request):
        """This event as a calendar file to download."""
        from newsroom import calendar

        response = HttpResponse(
            calendar.calendar_for([self], request), content_type=calendar.CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return clock.limit_max_age(response, self.expire_at)

    def calendar_url(self, request=None, full_url=False):
        """The address of this event's calendar file ("/agenda/<slug>/agenda.ics")."""
        base = self.get_full_url(request) if full_url else self.get_url(request)
        return f"{base}agenda.ics" if base else None
