from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from addresses.slugs import slugify
from pages.rich_text import RICH_TEXT_FEATURES


class ActorTypeQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ActorType(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A kind of actor that does social entrepreneurship, such as "Maatwerkbedrijven".

    Each published actor type has its own page below Over ons, at /over-ons/<slug>/,
    and appears in every "actor types" list on the site, in the order editors set.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the page address, e.g. maatwerkbedrijven. Filled in from the "
            "name when left empty. Partners link to it: change it only when you must."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences, shown in the lists of actor types."),
    )
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES)
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="actortype")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="actortype",
        for_concrete_model=False,
    )

    objects = ActorTypeQuerySet.as_manager()

    sort_order_field = "sort_order"

    panels = [
        # Fills in the slug from the name while the actor type has never been published.
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        # Go-live and expiry dates, set in the editor's publishing schedule dialog.
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_slug()

    def fill_slug(self):
        # Only an empty slug is filled in: an existing address never changes by itself.
        if not self.slug:
            self.slug = slugify(self.name)

    @property
    def revisions(self):
        return self._revisions

    def get_about_page(self):
        """The live Over ons page, below which actor types are published."""
        AboutPage = apps.get_model("pages", "AboutPage")
        return AboutPage.objects.live().first()

    def get_url(self, request=None):
        about_page = self.get_about_page()
        if about_page is None:
            return None
        return about_page.actor_type_url(self, request=request)

    def get_full_url(self, request=None):
        about_page = self.get_about_page()
        if about_page is None:
            return None
        return about_page.get_full_url(request) + about_page.actor_type_path(self.slug)

    # Previews render the real public template, so editors see exactly what visitors will.

    def get_preview_template(self, request, mode_name):
        return "actortypes/actor_type.html"

    def get_preview_context(self, request, mode_name):
        from actortypes.views import actor_type_context

        return actor_type_context(request, self, self.get_about_page())
