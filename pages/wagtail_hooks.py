from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.broken_references import BrokenReferencesView
from pages.link_handlers import (
    NoMediaEmbedHandler,
    PublicDocumentLinkHandler,
    PublicImageEmbedHandler,
    PublicPageLinkHandler,
)
from pages.models import Footer


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "list-ul"
    menu_label = _("Footer")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "organisation", LiveStatusTagColumn(label=_("Status"))]


register_snippet(FooterViewSet)


# After Wagtail's own registrations (order 0), so these handlers replace them.
@hooks.register("register_rich_text_features", order=100)
def render_only_public_references(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
    features.register_embed_type(NoMediaEmbedHandler)


@hooks.register("register_admin_urls")
def broken_references_urls():
    view = BrokenReferencesView
    return [
        path("reports/broken-references/", view.as_view(), name="broken_references"),
        path(
            "reports/broken-references/results/",
            view.as_view(results_only=True),
            name="broken_references_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def broken_references_menu_item():
    return MenuItem(
        _("Broken references"),
        reverse("broken_references"),
        name="broken-references",
        icon_name="warning",
        order=750,
    )
