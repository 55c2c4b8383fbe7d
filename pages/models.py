from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    Site,
    WorkflowMixin,
)
from wagtail.search import index

from actortypes.models import ActorType
from fragments.cache import remember_in_process
from pages import phone as phone_numbers
from pages.blocks import BodyBlock
from pages.sections import sections_from_hooks


class IntroBodyPage(Page):
    """What every page type here is made of: an introduction and the shared content blocks."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(IntroBodyPage):
    """The front page: introduces the site and leads to Over ons and the actor types."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept no longer than what a section shows stays true (a call closes, an event starts):
        # each section's fragment notes its moment (serving.middleware).
        context["home_sections"] = sections_from_hooks("home_page_sections", request)
        return context


class AboutPage(RoutablePageMixin, IntroBodyPage):
    """Over ons: who the department is and what social entrepreneurship is.

    Each published actor type is served below this page, at /over-ons/<actor type slug>/.
    """

    parent_page_types = ["pages.HomePage"]
    # Child pages would compete with the actor types for the URLs below this page.
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("about page")

    def sections(self):
        """The page's sections, for the in-page contents list."""
        return [block.value for block in self.body if block.block_type == "section"]

    # Every actor-type address is built here, from the route below; nowhere else.

    def actor_type_path(self, slug):
        """An actor type's route below this page, e.g. "maatwerkbedrijven/"."""
        return self.reverse_subpage("actor_type", kwargs={"slug": slug})

    def actor_type_links(self, actor_types, request=None, full_url=False):
        """(actor type, its address) pairs for a list; this page's own address is looked up once.

        Addresses are root-relative ("/over-ons/maatwerkbedrijven/"), or with the site's scheme
        and host when ``full_url``; None while this page is reachable on no site.
        """
        base_url = self.get_full_url(request) if full_url else self.get_url(request)
        return [
            (actor_type, base_url + self.actor_type_path(actor_type.slug) if base_url else None)
            for actor_type in actor_types
        ]

    @classmethod
    def published_actor_type_links(cls, request):
        """(actor type, its address) for every published actor type, in their order, as
        actor_type_links gives them (None without a live Over ons): a site-wide fragment
        (fragments.cache), so the home page, Over ons, the actor pages and the 404 page need no
        query for them."""
        site = Site.find_for_request(request) if request else None

        def links():
            about_page = cls.objects.live().first()
            actor_types = list(ActorType.objects.live())
            if about_page is None:
                return [(actor_type, None) for actor_type in actor_types]
            return about_page.actor_type_links(actor_types, request=request)

        return remember_in_process(request, f"actor-type-links:{site.pk if site else ''}", links)

    def actor_type_url(self, actor_type, request=None, full_url=False):
        """One actor type's address, as actor_type_links gives it."""
        [(_actor_type, url)] = self.actor_type_links([actor_type], request, full_url)
        return url

    def get_route_paths(self):
        # Wagtail's redirects app creates a redirect for each of these paths when this page is
        # renamed or moved, so partners' links to the actor types keep working too.
        slugs = ActorType.objects.live().values_list("slug", flat=True)
        return ["/"] + ["/" + self.actor_type_path(slug) for slug in slugs]

    def get_cached_paths(self):
        # The actor pages show this page's title in their breadcrumbs: a CDN purges them along
        # with Over ons.
        return self.get_route_paths()

    @path("<slug:slug>/", name="actor_type")
    def actor_type(self, request, slug):
        """The public page of one published actor type; an unknown slug is a 404."""
        # From the site-wide list of published actor types (fragments.cache): no query.
        actor_type = next(
            (each for each, _url in self.published_actor_type_links(request) if each.slug == slug),
            None,
        )
        if actor_type is None:
            raise Http404
        context = self.actor_type_context(request, actor_type)
        # Kept no longer than the page is true (a call on it opens or closes): its sections'
        # fragments note when (serving.middleware).
        return TemplateResponse(request, actor_type.template, context)

    def actor_type_context(self, request, actor_type):
        """The context of an actor type's page, for the route above and the admin preview."""
        context = self.get_context(request)
        context["actor_type"] = actor_type
        # What the page shows, in Django's name for it: the user bar's edit link opens it.
        context["object"] = actor_type
        context["other_actor_types"] = [
            (other, url)
            for other, url in self.published_actor_type_links(request)
            if other.pk != actor_type.pk
        ]
        context["actor_type_sections"] = self.actor_type_sections(request, actor_type)
        return context

    def actor_type_sections(self, request, actor_type):
        """What other apps show on an actor page (support: its measures and calls), from the
        "actor_type_sections" hooks; see sections_from_hooks."""
        return sections_from_hooks("actor_type_sections", request, actor_type)

    def get_sitemap_urls(self, request=None):
        # The actor types live at routes below this page, which the page tree does not list.
        links = self.actor_type_links(ActorType.objects.live(), request, full_url=True)
        return super().get_sitemap_urls(request) + [
            {"location": url, "lastmod": actor_type.last_published_at} for actor_type, url in links
        ]


class ContentPage(IntroBodyPage):
    """A page of plain information: the accessibility statement, privacy, disclaimer, contact.

    Shows the date it was last published, so visitors can judge how current it is.
    """

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("content page")


class FooterLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                non_block_errors=[_("Choose a page or fill in an external address, not both.")]
            )
        return value


class FooterQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Footer(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """The department's name, contact data and links at the bottom of every page.

    Editorial content like a page: a change is a draft until a hoofdredacteur approves and
    publishes it, and every version is kept. The site shows the published footer
    (``Footer.objects.live().first()``); there is one, made by load_initial_data.
    """

    organisation = models.CharField(_("organisation"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(
        _("telephone"),
        max_length=40,
        blank=True,
        validators=[phone_numbers.validate_phone],
        help_text=_("A Belgian number as you would write it, e.g. 02 553 00 00 or 1700."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    links = StreamField([("link", FooterLinkBlock())], verbose_name=_("links"), blank=True)

    objects = FooterQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            ["organisation", "address", "phone", "email"], heading=_("Contact details")
        ),
        FieldPanel("links"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("footer")
        verbose_name_plural = _("footer")

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    @classmethod
    def for_request(cls, request):
        """The published footer, or None: a site-wide fragment (fragments.cache), read once per
        request, though the page's <head> (its JSON-LD) and the footer both show it."""
        return remember_in_process(request, "footer", lambda: cls.objects.live().first())

    def clean(self):
        super().clean()
        # One way of writing a number on the whole site: "02/553.00.00" is shown as 02 553 00 00.
        if self.phone and phone_numbers.parse(self.phone):
            self.phone = phone_numbers.display(self.phone)

    def phone_url(self):
        """The tap-to-call link of the telephone number ("tel:+3225530000"), or None."""
        return phone_numbers.tel_url(self.phone) if self.phone else None

    # The preview is a page of the site with this version of the footer at its bottom.

    def get_preview_template(self, request, mode_name):
        return "pages/footer_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"footer": self}


@register_setting(icon="globe")
class VlaanderenWidgetSettings(BaseSiteSetting):
    """The Flemish government's global header and footer, loaded from its widget platform.

    Off by default: the site is complete without it. When it is on, visitors' browsers load
    scripts from the widget platform, and the Content-Security-Policy must allow its host
    (see pages.vlaanderen_widget).
    """

    enabled = models.BooleanField(
        _("show the Vlaanderen header and footer"),
        default=False,
        help_text=_(
            "Loads the global header and footer of the Flemish government from its widget platform."
        ),
    )
    header_widget_id = models.UUIDField(
        _("header widget id"),
        null=True,
        blank=True,
        help_text=_("The id of the global header widget, from the widget platform."),
    )
    footer_widget_id = models.UUIDField(
        _("footer widget id"),
        null=True,
        blank=True,
        help_text=_("The id of the global footer widget. Empty: no global footer."),
    )

    panels = ["enabled", "header_widget_id", "footer_widget_id"]

    class Meta:
        verbose_name = _("Vlaanderen header and footer")

    def clean(self):
        super().clean()
        if self.enabled and not self.header_widget_id:
            raise ValidationError(
                {"header_widget_id": _("Fill in the header widget id to switch the widget on.")}
            )
