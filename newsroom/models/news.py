"""Nieuws: dated articles below one news index page, newest first."""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages import clock
from pages.blocks import BodyBlock
from pages.facets import actor_type_facet, actor_type_slugs, filtered_listing
from pages.listings import listable
from pages.references import is_public_page
from support import listings

# The pages a news item may send its readers on to (named, so that newsroom's models need no
# import of support's).
RELATED_PAGE_TYPES = ["support.MeasurePage", "support.CallPage", "newsroom.PublicationPage"]


def listed_news(at):
    """Live, public, unexpired news items at the moment `at`, newest first: by date, then by
    when they were first published. One query."""
    return listable(NewsPage.objects.all(), at).order_by(
        "-date", F("first_published_at").desc(nulls_last=True), "-pk"
    )


def next_expiry(pages, at):
    """The first moment after `at` at which one of these pages expires, or None."""
    return clock.earliest(
        page.expire_at for page in pages if page.expire_at and page.expire_at > at
    )


class NewsIndexPage(Page):
    """Nieuws: every news item, newest first, to filter by who it is for. The news items are
    the pages below it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsroom.NewsPage"]
    max_count = 1

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("news overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        at = clock.now()
        news = list(listed_news(at).child_of(self).prefetch_related("actor_types"))
        finder = filtered_listing(
            news, [actor_type_facet()], lambda item: {"voor": actor_type_slugs(item)}, request
        )
        context.update(
            finder=finder,
            # A filtered page is its own page for search engines (see SupportIndexPage).
            meta_noindex=finder.noindex,
            meta_query=finder.query,
            next_change=next_expiry(news, at),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cacheable_query = response.context_data["finder"].is_canonical
        return clock.limit_max_age(response, response.context_data["next_change"])


class NewsPage(Page):
    """A news item: an announcement of the department, with its date.

    To announce it at a set moment (an embargo, usually 10.00 uur), editors fill in the
    publishing schedule's "go live" date; see docs/redactie.md.
    """

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    date = models.DateField(
        _("date"),
        default=clock.today,
        help_text=_(
            "The day of the announcement, shown above the article; the news is listed newest "
            "first by this date. To publish it later, set a go-live time under Publishing."
        ),
    )
    summary = models.TextField(
        _("lead"),
        max_length=300,
        help_text=_("One or two sentences: the news in short. Shown in lists and above the text."),
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="news",
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        "date",
        "summary",
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        "body",
        InlinePanel(
            "related_pages",
            heading=_("Related measures, calls and publications"),
            label=_("Related page"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def date_label(self):
        """E.g. "15 januari 2027"."""
        return clock.long_date(self.date)

    @cached_property
    def changed_after_date(self):
        """True when the item was published again on a later day than its date and its first
        publication: only then do visitors read "Last changed on …"."""
        if not self.last_published_at:
            return False
        changed_on = clock.brussels(self.last_published_at).date()
        first_on = (
            clock.brussels(self.first_published_at).date() if self.first_published_at else None
        )
        return changed_on > self.date and (first_on is None or changed_on > first_on)

    @cached_property
    def listed_actor_types(self):
        """The published actor types this item is for, in the editors' order."""
        return [actor_type for actor_type in self.actor_types.all() if actor_type.live]

    def public_related_pages(self, request=None):
        """The related measures, calls and publications that visitors may open, in the editors'
        order (pages.references decides), as plain pages: a list needs only their titles,
        addresses and kinds. One query."""
        links = self.related_pages.select_related("related_page")
        return [
            link.related_page
            for link in links
            if link.related_page and is_public_page(link.related_page, request)
        ]

    def main_entity(self, url, organisation_id, request=None):
        """schema.org JSON-LD: a NewsArticle by the department."""
        data = {
            "@type": "NewsArticle",
            "@id": f"{url}#nieuws",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "mainEntityOfPage": {"@id": url},
            "datePublished": self.date.isoformat(),
            "inLanguage": "nl-BE",
            "author": {"@id": organisation_id},
            "publisher": {"@id": organisation_id},
            "audience": [
                {"@type": "BusinessAudience", "audienceType": actor_type.name}
                for actor_type in self.listed_actor_types
            ],
        }
        if self.changed_after_date:
            data["dateModified"] = self.last_published_at
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            meta_description=self.search_description or self.summary,
            related=self.public_related_pages(request),
            actor_type_links=listings.actor_type_links(self.listed_actor_types, request),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return clock.limit_max_age(response, self.expire_at)


class NewsPageRelatedPage(Orderable):
    """A measure, call or publication that a news item sends its readers on to."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [PageChooserPanel("related_page", RELATED_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
