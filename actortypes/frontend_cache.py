"""Purge the CDN in front of the site when an actor type is published or unpublished.

Wagtail's frontend cache purges a page when it is published; actor types are snippets, shown on
pages that were not published themselves: their own page, the pages of the other types (which
link to it by name), Over ons and the home page (which list them). Does nothing unless a CDN is
configured (WAGTAILFRONTENDCACHE, docs/deploy.md).
"""

from django.conf import settings
from wagtail.models import Site
from wagtail.signals import published, unpublished

from actortypes.models import ActorType


def purge_pages_showing_actor_type(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    about = instance.get_about_page()
    if about is None:
        return
    batch = PurgeBatch()
    # Over ons with every live actor type's page (AboutPage.get_cached_paths), plus this one,
    # which may just have gone offline.
    batch.add_page(about)
    batch.add_url(about.actor_type_url(instance, full_url=True))
    for site in Site.objects.select_related("root_page"):
        batch.add_page(site.root_page)
    batch.purge()


def connect():
    published.connect(purge_pages_showing_actor_type, sender=ActorType)
    unpublished.connect(purge_pages_showing_actor_type, sender=ActorType)
