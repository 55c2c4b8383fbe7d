from django.utils.translation import gettext_lazy as _

from actortypes.models import ActorType
from opendata import catalogue, licence
from opendata.feeds import MAX_ENTRIES
from pages.models import IntroBodyPage


class OpenDataPage(IntroBodyPage):
    """Open data: the page for partners' developers. Editors write the introduction and any
    extra text; the list of feeds, their addresses and their fields comes from the code (and the
    JSON schemas), so it is always what the site serves."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("open data page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            datasets=catalogue.DATASETS,
            actor_types=ActorType.objects.live().only("slug", "name"),
            licence=licence.licence(),
            max_entries=MAX_ENTRIES,
            # Addresses in full as the site's, not the request's host (see absolute_url).
            root_url=catalogue.absolute_url(request, ""),
        )
        return context
