from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from actortypes.models import ActorType


class ActorTypeViewSet(SnippetViewSet):
    model = ActorType
    icon = "group"
    menu_label = _("Actor types")
    menu_order = 200
    add_to_admin_menu = True
    # The status tag says "live", "concept" or "live + concept" in Dutch, not True/False.
    list_display = ["name", "slug", LiveStatusTagColumn(label=_("Status"))]


register_snippet(ActorTypeViewSet)
