from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
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
