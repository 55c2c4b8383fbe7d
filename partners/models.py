from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from pages import clock
from pages.blocks import is_file_name
from pages.models import IntroBodyPage

# Visitors follow a partner's link: only web addresses, never javascript:, ftp: or mailto:.
WEB_SCHEMES = ("http", "https")
validate_web_address = URLValidator(
    schemes=WEB_SCHEMES,
    message=_("Fill in a web address that starts with https:// or http://."),
    # Not Django's "invalid": a form would replace the message with its own "Enter a valid URL."
    code="not_a_web_address",
)


class WebAddressField(models.URLField):
    """A URLField that accepts http and https addresses only."""

    default_validators = [validate_web_address]


class PartnerQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Partner(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation the department works with, such as VVSG or Herw!n.

    Listed alphabetically on Partners (/partners/) and on the page of each actor type it
    serves; a change is a draft until a hoofdredacteur approves and publishes it.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    website = WebAddressField(
        _("website"), max_length=300, help_text=_("The full address, e.g. https://www.vvsg.be.")
    )
    description = models.TextField(
        _("short description"),
        max_length=300,
        help_text=_("One neutral sentence: what the organisation does for social economy."),
    )
    actor_types = ParentalManyToManyField(
        "actortypes.ActorType",
        verbose_name=_("for whom"),
        related_name="partners",
        help_text=_("The actor types the partner serves: it is shown on their pages."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("alt text of the logo"),
        max_length=200,
        blank=True,
        help_text=_("What the logo says, usually the organisation's name. Not the file name."),
    )

    objects = PartnerQuerySet.as_manager()

    panels = [
        "name",
        "website",
        "description",
        FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(["logo", "logo_alt_text"], heading=_("Logo")),
        # Go-live and expiry dates, set in the editor's publishing schedule dialog.
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("live"),
    ]

    class Meta:
        # Alphabetical: the department ranks no partner above another.
        ordering = [Lower("name")]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        alt_text = self.logo_alt_text.strip()
        self.logo_alt_text = alt_text
        if self.logo_id is None:
            return
        if not alt_text:
            raise ValidationError(
                {"logo_alt_text": _("Write what the logo says, for visitors who cannot see it.")}
            )
        if is_file_name(alt_text, self.logo):
            raise ValidationError(
                {
                    "logo_alt_text": _(
                        "The file name is no alt text. Write what the logo says, usually the "
                        "organisation's name."
                    )
                }
            )

    @property
    def website_url(self):
        """The website for a link, or "" when it is no http(s) address (data that skipped the
        form's check): visitors are never sent to another kind of address."""
        scheme = self.website.split(":", 1)[0].lower()
        return self.website if scheme in WEB_SCHEMES and "://" in self.website else ""

    @property
    def website_host(self):
        """The website's host name without "www.", shown next to the link ("vvsg.be")."""
        host = self.website_url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
        return host.removeprefix("www.")

    # The preview shows the card exactly as the partner list shows it.

    def get_preview_template(self, request, mode_name):
        return "partners/partner_preview.html"

    def get_preview_context(self, request, mode_name):
        from partners.listings import card_for_preview

        return {
            "request": request,
            "partner": self,
            "card": card_for_preview(self, request),
            "meta_title": self.name,
            "meta_noindex": True,
        }


class PartnerIndexPage(IntroBodyPage):
    """Partners: the organisations the department works with, filtered by who they serve. The
    partners themselves are snippets (Partners in the admin menu)."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("partner list")

    def get_context(self, request, *args, **kwargs):
        from partners.listings import find_partners

        context = super().get_context(request, *args, **kwargs)
        directory = find_partners(request)
        context["directory"] = directory
        context["meta_noindex"] = directory.noindex
        # A filtered list is its own page for search engines: its canonical address keeps it.
        context["meta_query"] = directory.query
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        directory = response.context_data["directory"]
        # Odd addresses (an unknown actor type, a page that does not exist) are rendered for
        # the visitor but never fill the page cache.
        response.cacheable_query = directory.is_canonical
        # Kept no longer than a listed partner's scheduled expiry.
        return clock.limit_max_age(response, directory.expires_at)
