from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.userbar import EditPageItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models import Footer


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "list-ul"
    menu_label = _("Footer")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "organisation", LiveStatusTagColumn(label=_("Status"))]


register_snippet(FooterViewSet)


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
