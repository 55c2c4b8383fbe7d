from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from actortypes.models import ActorType


class ActorTypeViewSet(SnippetViewSet):
    model = ActorType
    icon = "group"
    menu_label = _("Actor types")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "live"]


register_snippet(ActorTypeViewSet)
