from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fragments.cache import remember_until
from pages import clock
from pages.facets import PAGE_PARAMETER
from pages.references import is_public_page
from support.blocks import SupportBodyBlock


class SupportKind(models.TextChoices):
    """Soort steun: what a measure gives."""

    FINANCIAL = "financial", _("Financial support")
    EMPLOYMENT = "employment", _("Employment support")
    FINANCING = "financing", _("Financing")
    ADVICE = "advice", _("Advice and guidance")
    RECOGNITION = "recognition", _("Recognition")


class MeasureStatus(models.TextChoices):
    """Whether a measure takes new applications; open measures are listed first."""

    OPEN = "open", _("Open for applications")
    PHASING_OUT = "phasing_out", _("Phasing out")
    CLOSED = "closed", _("Closed")


class CallStatus(models.TextChoices):
    """A call's status, derived from its rounds and the clock (never stored)."""

    UPCOMING = "upcoming", _("Opening soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SupportIndexPage(Page):
    """Ondersteuning: the finder of every measure, filtered by who you are, the kind of support
    and its status. Its measures are the pages below it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["support.MeasurePage"]
    max_count = 1

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("support finder")

    def get_context(self, request, *args, **kwargs):
        from support.finder import find_measures

        context = super().get_context(request, *args, **kwargs)
        context["finder"] = find_measures(self, request)
        context["meta_noindex"] = context["finder"].noindex
        # A filtered page is its own page for search engines: its canonical address keeps the
        # filters (sorted, known ones only).
        context["meta_query"] = context["finder"].query
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page cache stores a filtered page only for known filter values and existing page
        # numbers: odd addresses are rendered for the visitor but cannot fill the cache.
        response.cacheable_query = response.context_data["finder"].is_canonical
        # Kept no longer than its results hold (a listed measure expires): the finder notes
        # when, and the page cache middleware limits the max-age (serving.middleware).
        return response


class MeasurePage(Page):
    """A maatregel: a kind of support the department gives, such as collectief maatwerk.

    Its status is chosen by the editor (with a notice when it is not open); its calls are the
    call pages that name it.
    """

    parent_page_types = ["support.SupportIndexPage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence: what the measure is. Shown in lists and under “What”."),
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="measures",
        blank=True,
    )
    kind = models.CharField(
        _("kind of support"), max_length=20, choices=SupportKind.choices, default="financial"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.OPEN
    )
    status_notice = models.TextField(
        _("status notice"),
        blank=True,
        help_text=_(
            "Required when the measure is not open, e.g. “Since 1 July 2023 you can no longer "
            "apply …”. Shown at the top of the page."
        ),
    )
    amount = models.TextField(_("how much"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    application_url = models.URLField(
        _("application address"),
        blank=True,
        help_text=_("The application platform or form, shown as a button."),
    )
    contact = models.TextField(_("contact"), blank=True)
    regulation_url = models.URLField(
        _("regulation"), blank=True, help_text=_("The regulation, e.g. on the Vlaamse Codex.")
    )
    body = StreamField(SupportBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        "summary",
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        "kind",
        MultiFieldPanel(["status", "status_notice"], heading=_("Status")),
        "amount",
        MultiFieldPanel(["how_to_apply", "application_url"], heading=_("How to apply")),
        "contact",
        "regulation_url",
        "body",
        InlinePanel("related_publications", heading=_("Publications"), label=_("Publication")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("amount"),
        index.SearchField("how_to_apply"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def clean(self):
        super().clean()
        if self.status != MeasureStatus.OPEN and not self.status_notice.strip():
            raise ValidationError(
                {"status_notice": _("Tell visitors why they can no longer apply, and since when.")}
            )

    @cached_property
    def listed_actor_types(self):
        """The published actor types this page is for, in the editors' order (an unpublished
        one has no address to link to); read once per page view."""
        return [actor_type for actor_type in self.actor_types.all() if actor_type.live]

    def main_entity(self, url, organisation_id, request=None):
        """schema.org JSON-LD: a measure is a GovernmentService the department provides. Its
        audience comes from the page's fragment (shown_with), so a kept page view asks the
        database nothing for it."""
        links = self.shown_with(request)["actor_type_links"]
        actor_types = [actor_type for actor_type, _url in links]
        return {
            "@type": "GovernmentService",
            "@id": f"{url}#maatregel",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "serviceType": self.get_kind_display(),
            "provider": {"@id": organisation_id},
            "areaServed": {"@type": "AdministrativeArea", "name": "Vlaanderen"},
            "audience": [
                {"@type": "BusinessAudience", "audienceType": actor_type.name}
                for actor_type in actor_types
            ],
        }

    def public_publications(self, request=None):
        """The publications chosen for this measure that visitors may open, in the editors'
        order (pages.references decides); one query."""
        links = self.related_publications.select_related("publication")
        return [
            link.publication
            for link in links
            if link.publication and is_public_page(link.publication, request)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.shown_with(request))
        return context

    def shown_with(self, request):
        """What the page shows besides its own fields, as a dict for its context: its calls
        (sorted, with their rounds), its public publications, its actor types with their
        addresses, and next_change (an aware datetime, or None: when a call's round opens or
        closes or a call expires next). The published page's is a fragment until then
        (fragments.cache); a preview's (unsaved actor types and publications) is not kept."""
        from support import listings

        def compute():
            at = clock.now()
            calls = listings.sorted_calls(listings.listed_calls(at).filter(measure=self), at)
            found = {
                "publications": self.public_publications(request),
                "calls": calls,
                "actor_type_links": listings.actor_type_links(self.listed_actor_types, request),
                "next_change": listings.next_change(calls, at),
            }
            return found, found["next_change"]

        return remember_until(request, f"measure-page:{self.pk}", compute)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return clock.limit_max_age(response, response.context_data["next_change"])


class MeasurePublication(Orderable):
    """A publication (a guide, a regulation text …) that a measure page lists, chosen by the
    editor. The publication pages belong to newsroom, named here by string: support never
    imports newsroom, newsroom may use support."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="related_publications")
    publication = models.ForeignKey(
        "newsroom.PublicationPage",
        verbose_name=_("publication"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [PageChooserPanel("publication")]

    class Meta(Orderable.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")


class CallIndexPage(Page):
    """Oproepen: the calls open now, those opening soon, and the archive."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["support.CallPage"]
    max_count = 1

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("calls overview")

    def get_context(self, request, *args, **kwargs):
        from support import listings

        context = super().get_context(request, *args, **kwargs)
        context.update(
            calls=listings.CallsOverview(self, request),
            # The overview as most visitors see it, nothing in its address (its page links
            # would repeat it): its lists may be kept rendered until their next change.
            kept=not request.GET,
        )
        return context

    def calls(self, request):
        """The calls open now or opening soon (a list, in order), the archive's page that the
        request asks for (a Django Page) and the first moment either may change (an aware
        datetime, or None)."""
        from support import listings

        at = clock.now()
        # Open and opening-soon calls in full, the archive a page at a time: sorted, counted
        # and paginated in SQL; the rounds of what is shown are read in one query.
        # The lists show titles, summaries and rounds: the bodies are not read (nor kept).
        listed = listings.listable(CallPage.objects.child_of(self), at).defer("body")
        current = list(listings.current_calls_in_order(listed, at))
        closed = listings.closed_calls_in_order(listed, at)
        # A closed call changes no more, but one that expires changes the archive's pages.
        totals = closed.aggregate(count=models.Count("pk"), expiry=models.Min("expire_at"))
        archive = listings.paginate(closed, request, count=totals["count"])
        prefetch_related_objects([*current, *archive], "rounds")
        return (
            current,
            archive,
            clock.earliest([listings.next_change(current, at), totals["expiry"]]),
        )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Stored only for the page numbers that exist, and for nothing the overview ignores
        # (?voor=… is the finder's): other addresses are shown, not kept.
        asked = request.GET.getlist(PAGE_PARAMETER)
        response.cacheable_query = set(request.GET) <= {PAGE_PARAMETER} and (
            not asked or asked == [str(response.context_data["calls"].archive.number)]
        )
        # Kept no longer than a listed call holds: the overview notes when (serving.middleware).
        return response


class CallPage(Page):
    """An oproep: a call for proposals with one or more submission rounds.

    Its status ("opening soon", "open", "closed") follows from the rounds and the clock: editors
    set dates, never a status.
    """

    parent_page_types = ["support.CallIndexPage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One sentence: what the call is for.")
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="calls",
        blank=True,
    )
    measure = models.ForeignKey(
        MeasurePage,
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    funding = models.TextField(_("what is funded"), blank=True)
    amount = models.TextField(_("how much"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    application_url = models.URLField(
        _("application address"),
        blank=True,
        help_text=_("The application platform or form, shown as a button while the call is open."),
    )
    body = StreamField(SupportBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        "summary",
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        "measure",
        InlinePanel("rounds", heading=_("Submission rounds"), label=_("Round"), min_num=1),
        "funding",
        "amount",
        MultiFieldPanel(["how_to_apply", "application_url"], heading=_("How to apply")),
        "body",
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("funding"),
        index.SearchField("amount"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
    ]

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def _rounds(self):
        return self.sorted_rounds

    @cached_property
    def sorted_rounds(self):
        """The rounds by opening date, read once per page view (listings prefetch them)."""
        return sorted(self.rounds.all(), key=lambda round: round.opens_at)

    def status(self, at=None):
        """ "upcoming", "open" or "closed" at the moment `at` (default: now)."""
        at = at or clock.now()
        rounds = self._rounds()
        if any(round.opens_at <= at < round.closes_at for round in rounds):
            return CallStatus.OPEN
        if any(at < round.opens_at for round in rounds):
            return CallStatus.UPCOMING
        return CallStatus.CLOSED

    def current_round(self, at=None):
        """The round the status is about: the open one, else the next, else the last."""
        at = at or clock.now()
        rounds = self._rounds()
        for round in rounds:
            if round.opens_at <= at < round.closes_at:
                return round
        for round in rounds:
            if at < round.opens_at:
                return round
        return max(rounds, key=lambda round: round.closes_at, default=None)

    def next_change(self, at=None):
        """When the status may change next (a round opens or closes), or None."""
        at = at or clock.now()
        moments = [m for r in self._rounds() for m in (r.opens_at, r.closes_at) if m > at]
        return min(moments, default=None)

    def status_label(self, at=None):
        """What visitors read, e.g. "Open: indienen tot 15 januari 2027 om 12.00 uur"."""
        at = at or clock.now()
        status, round = self.status(at), self.current_round(at)
        if status == CallStatus.OPEN:
            return _("Open: submit by %(moment)s") % {
                "moment": clock.long_datetime(round.closes_at)
            }
        if status == CallStatus.UPCOMING:
            return _("Opening soon (from %(moment)s)") % {
                "moment": clock.long_datetime(round.opens_at)
            }
        return _("Closed")

    @cached_property
    def listed_actor_types(self):
        """The published actor types this page is for, in the editors' order (an unpublished
        one has no address to link to); read once per page view."""
        return [actor_type for actor_type in self.actor_types.all() if actor_type.live]

    def main_entity(self, url, organisation_id, request=None):
        """schema.org JSON-LD: a call is a Grant (the funding it invites proposals for), funded
        by the department; schema.org has no type for a call for proposals itself, and Grant
        is the one Google and funders' sites use for funding opportunities."""
        data = {
            "@type": "Grant",
            "@id": f"{url}#oproep",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "funder": {"@id": organisation_id},
            "audience": [
                {"@type": "BusinessAudience", "audienceType": actor_type.name}
                for actor_type in self.listed_actor_types
            ],
        }
        measure = self.public_measure(request)
        if measure:
            data["isPartOf"] = {"@id": f"{measure.get_full_url(request)}#maatregel"}
        return data

    def public_measure(self, request=None):
        """The measure this call belongs to, or None when visitors may not see it (unpublished,
        expired or private, as pages.references decides for every link)."""
        measure = self.measure
        return measure if measure and is_public_page(measure, request) else None

    def get_context(self, request, *args, **kwargs):
        from support import listings

        context = super().get_context(request, *args, **kwargs)
        at = clock.now()
        context.update(
            status=self.status(at),
            status_label=self.status_label(at),
            rounds=self._rounds(),
            actor_type_links=listings.actor_type_links(self.listed_actor_types, request),
            measure=self.public_measure(request),
            next_change=self.next_change(at),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return clock.limit_max_age(response, response.context_data["next_change"])

    def closed_at(self):
        """When the last round closed (for the archive, newest first)."""
        return max((round.closes_at for round in self._rounds()), default=None)


class CallRound(Orderable):
    """One submission round of a call: applications are accepted from opens_at until closes_at
    (Europe/Brussels)."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(
        _("name"), max_length=80, blank=True, help_text=_("Optional, e.g. “Second round”.")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("The deadline, to the minute, Belgian time.")
    )

    panels = ["name", "opens_at", "closes_at"]

    class Meta(Orderable.Meta):
        verbose_name = _("submission round")
        verbose_name_plural = _("submission rounds")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round closes after it opens.")})

    def opens_label(self):
        return clock.long_datetime(self.opens_at)

    def closes_label(self):
        return clock.long_datetime(self.closes_at)
