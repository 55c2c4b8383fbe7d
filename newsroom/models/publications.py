"""Publicaties: guides, reports, brochures and regulation texts to download, each on a page of
its own below one publications index page."""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages import clock
from pages.blocks import BodyBlock
from pages.facets import Facet, Option, actor_type_facet, actor_type_slugs, filtered_listing
from pages.listings import listable
from pages.models import Footer
from pages.references import public_document_urls
from support import listings


class PublicationType(models.TextChoices):
    """Soort publicatie: what visitors can expect to download."""

    GUIDE = "guide", pgettext_lazy("publication type", "Guide")
    REPORT = "report", pgettext_lazy("publication type", "Report")
    BROCHURE = "brochure", pgettext_lazy("publication type", "Brochure")
    REGULATION = "regulation", pgettext_lazy("publication type", "Regulation")


def listed_publications(at):
    """Live, public, unexpired publications at the moment `at`, newest first, with their
    documents. One query (and one for the actor types when asked)."""
    return (
        listable(PublicationPage.objects.all(), at)
        .select_related("document", "accessible_document")
        .order_by("-date", F("first_published_at").desc(nulls_last=True), "-pk")
    )


def publication_keys(publication):
    return {"voor": actor_type_slugs(publication), "soort": {publication.publication_type}}


class PublicationIndexPage(Page):
    """Publicaties: every publication, newest first, to filter by kind and by who it is for.
    The publications are the pages below it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsroom.PublicationPage"]
    max_count = 1

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("publications overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        at = clock.now()
        publications = list(listed_publications(at).child_of(self).prefetch_related("actor_types"))
        facets = [
            Facet(
                "soort",
                _("Kind of publication"),
                [Option(value, label) for value, label in PublicationType.choices],
            ),
            actor_type_facet(),
        ]
        finder = filtered_listing(publications, facets, publication_keys, request)
        download_urls = public_document_urls(
            [publication.document for publication in finder.results], request
        )
        for publication in finder.results:
            publication.download_url = download_urls.get(publication.document_id)
        context.update(
            finder=finder,
            meta_noindex=finder.noindex,
            meta_query=finder.query,
            next_change=clock.earliest(
                p.expire_at for p in publications if p.expire_at and p.expire_at > at
            ),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cacheable_query = response.context_data["finder"].is_canonical
        return clock.limit_max_age(response, response.context_data["next_change"])


class PublicationPage(Page):
    """A publication: one document to download (a guide, a report, a brochure, a regulation
    text), what it is about and for whom, and its accessible version when there is one."""

    parent_page_types = ["newsroom.PublicationIndexPage"]
    subpage_types = []

    publication_type = models.CharField(
        _("kind of publication"),
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.GUIDE,
    )
    date = models.DateField(
        _("date"),
        default=clock.today,
        help_text=_("The date of the publication or of this version of it."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences: what the publication is about. Shown in lists."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The file visitors download. Its format and size are shown with the link."),
    )
    is_accessible = models.BooleanField(
        _("the document is accessible"),
        default=False,
        help_text=_(
            "Tick when the document itself can be read with a screen reader (e.g. a tagged PDF "
            "with headings and alternative texts)."
        ),
    )
    accessible_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("accessible version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a version of the document that a screen reader can read."),
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="publications",
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        "publication_type",
        "date",
        "summary",
        MultiFieldPanel(
            ["document", "is_accessible", "accessible_document"], heading=_("Document")
        ),
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        "body",
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("publication_type"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def date_label(self):
        """E.g. "15 januari 2027"."""
        return clock.long_date(self.date)

    @cached_property
    def listed_actor_types(self):
        """The published actor types this publication is for, in the editors' order."""
        return [actor_type for actor_type in self.actor_types.all() if actor_type.live]

    def download_urls(self, request=None):
        """{document id: address} of this page's documents that visitors may download."""
        if not hasattr(self, "_download_urls"):
            documents = [self.document, self.accessible_document]
            self._download_urls = public_document_urls(documents, request)
        return self._download_urls

    def main_entity(self, url, organisation_id, request=None):
        """schema.org JSON-LD: the publication as a Report, Legislation or DigitalDocument,
        published by the department, with its file as a MediaObject."""
        kind = {
            PublicationType.REPORT: "Report",
            PublicationType.REGULATION: "Legislation",
        }.get(self.publication_type, "DigitalDocument")
        data = {
            "@type": kind,
            "@id": f"{url}#publicatie",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "datePublished": self.date.isoformat(),
            "inLanguage": "nl-BE",
            "publisher": {"@id": organisation_id},
            "audience": [
                {"@type": "BusinessAudience", "audienceType": actor_type.name}
                for actor_type in self.listed_actor_types
            ],
        }
        document_url = self.download_urls(request).get(self.document_id)
        if document_url:
            size = self.document.get_file_size()
            data["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": self._full_url(document_url, request),
                "encodingFormat": self.document.content_type,
                **({"contentSize": f"{size} B"} if size else {}),
            }
        return data

    def _full_url(self, path, request=None):
        """A site-relative address with the scheme and host of this page's site (as the
        canonical URL), or as it is when the page is on no site."""
        url_parts = self.get_url_parts(request)
        return url_parts[1] + path if url_parts and not path.startswith("http") else path

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            meta_description=self.search_description or self.summary,
            download_url=self.download_urls(request).get(self.document_id),
            accessible_url=self.download_urls(request).get(self.accessible_document_id),
            actor_type_links=listings.actor_type_links(self.listed_actor_types, request),
            contact_email=getattr(Footer.for_request(request), "email", ""),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return clock.limit_max_age(response, self.expire_at)
