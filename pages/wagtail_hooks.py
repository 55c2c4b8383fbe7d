from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.userbar import EditPageItem
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


class EditShownObjectItem(EditPageItem):
    """The user bar's "Edit this page", opening what the page shows.

    A view that shows one object below a page (an actor type below Over ons) puts it in the
    template context as `object`, Django's name for a detail view's object; the link then opens
    that object's edit view in the admin, if the editor may edit it. Elsewhere it opens the page.
    """

    template_name = "wagtailadmin/userbar/item_object_edit.html"

    def __init__(self, page):
        super().__init__(page)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) if page.pk else None

    def render_html(self, parent_context):
        shown = parent_context.get("object")
        if shown is None or shown == self.page:
            return super().render_html(parent_context)
        request = parent_context.get("request")
        # As Wagtail's own item: no edit link in a preview, where it would only confuse.
        if getattr(request, "is_preview", False) and getattr(request, "is_editing", False):
            return ""
        self.edit_url = AdminURLFinder(request.user).get_edit_url(shown)
        if not self.edit_url:
            return ""
        return super(EditPageItem, self).render_html(parent_context)


@hooks.register("construct_wagtail_userbar")
def edit_what_the_page_shows(request, items, page):
    for index, item in enumerate(items):
        if type(item) is EditPageItem:
            items[index] = EditShownObjectItem(item.page)
