from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


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
    Orderable,
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
    body = RichTextField(_("text"))

    objects = ActorTypeQuerySet.as_manager()

    # The public page's template (served by Over ons, pages.models.AboutPage), also the preview's.
    template = "actortypes/actor_type.html"

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
        # Orderable's sort_order, set by dragging in the admin; new actor types go last.
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
            # The site's slug rule lives in the addresses app, a leaf like this one: looked up
            # by name, as leaves import no app of ours.
            slug = apps.get_app_config("addresses").slugify(self.name)
            # Transliterating can lengthen a name ("ß" → "ss"): cut at the field's length.
            self.slug = slug[: self._meta.get_field("slug").max_length].rstrip("-")

    def get_about_page(self):
        """The live Over ons page, below which actor types are published."""
        AboutPage = apps.get_model("pages", "AboutPage")
        return AboutPage.objects.live().first()

    def get_url(self, request=None):
        """The public address, e.g. "/over-ons/maatwerkbedrijven/"; None without Over ons."""
        about_page = self.get_about_page()
        return about_page.actor_type_url(self, request) if about_page else None

    def get_full_url(self, request=None):
        """The public address with scheme and host; None without Over ons."""
        about_page = self.get_about_page()
        return about_page.actor_type_url(self, request, full_url=True) if about_page else None

    # Previews render the real public template, so editors see exactly what visitors will.

    def get_preview_template(self, request, mode_name):
        return self.template

    def get_preview_context(self, request, mode_name):
        about_page = self.get_about_page()
        if about_page is not None:
            return about_page.actor_type_context(request, self)
        others = ActorType.objects.live().exclude(pk=self.pk)
        return {
            "request": request,
            "actor_type": self,
            "other_actor_types": [(other, None) for other in others],
        }
