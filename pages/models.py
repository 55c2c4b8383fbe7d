from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from actortypes.views import actor_type_detail
from pages.blocks import BodyBlock
from pages.rich_text import RICH_TEXT_FEATURES


class HomePage(Page):
    """The front page: introduces the site and leads to Over ons and the actor types."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("home page")


class AboutPage(RoutablePageMixin, Page):
    """Over ons: who the department is and what social entrepreneurship is.

    Each published actor type is served below this page, at /over-ons/<actor type slug>/.
    """

    parent_page_types = ["pages.HomePage"]
    # Child pages would compete with the actor types for the URLs below this page.
    subpage_types = []
    max_count = 1

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("about page")

    def sections(self):
        """The page's sections, for the in-page contents list."""
        return [block.value for block in self.body if block.block_type == "section"]

    def actor_type_url(self, actor_type, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "actor_type", kwargs={"slug": actor_type.slug}
        )

    def get_cached_paths(self):
        # The actor types' pages show this page's title in their breadcrumbs: a CDN purges them
        # along with Over ons.
        ActorType = apps.get_model("actortypes", "ActorType")
        slugs = ActorType.objects.live().values_list("slug", flat=True)
        return ["/"] + ["/" + self.reverse_subpage("actor_type", kwargs={"slug": s}) for s in slugs]

    @path("<slug:slug>/", name="actor_type")
    def actor_type(self, request, slug):
        return actor_type_detail(request, self, slug)


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


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """The department's name, contact data and links at the bottom of every page."""

    organisation = models.CharField(_("organisation"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    links = StreamField([("link", FooterLinkBlock())], verbose_name=_("links"), blank=True)

    panels = [
        MultiFieldPanel(
            ["organisation", "address", "phone", "email"], heading=_("Contact details")
        ),
        FieldPanel("links"),
    ]

    class Meta:
        verbose_name = _("footer")
