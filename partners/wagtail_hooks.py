"""The partners in the admin (a snippet with its own menu item), and on the actor pages through
the "actor_type_sections" hook, so that pages and actortypes need no import of partners."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from actortypes.models import ActorType
from partners import listings
from partners.models import Partner


class PartnerFilterSet(WagtailFilterSet):
    actor_types = django_filters.ModelMultipleChoiceFilter(
        label=_("For whom"),
        queryset=ActorType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Partner
        fields = ["actor_types", "live"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "link-external"
    menu_label = _("Partners")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "website", LiveStatusTagColumn(label=_("Status"))]
    filterset_class = PartnerFilterSet


register_snippet(PartnerViewSet)


# After support's measures and calls (order 0): what the department offers comes first.
@hooks.register("actor_type_sections", order=10)
def partners_for_actor_type(request, actor_type):
    """The live partners that serve this actor type; no section when there are none."""
    section = listings.partners_for(actor_type, request)
    return [section] if section else []
