"""Clear the page cache whenever something that public pages show changes.

Every page shows the navigation (the page tree), the footer (site settings) and most show the
actor types, so any of these changes clears every stored page: simpler and safer than working
out which pages one change touches, and cheap (see serving.pagecache).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from actortypes.models import ActorType
from serving import pagecache

# Saved outside any publish step: actor types (reordering in the admin saves only the order),
# site settings and sites. Pages change publicly only through the page signals below.
SAVES_THAT_SHOW = (ActorType, BaseSiteSetting, BaseGenericSetting, Site)

# What saving a draft (also Wagtail's autosave) or taking a lock writes: nothing visitors see.
DRAFT_BOOKKEEPING = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(published)
@receiver(unpublished)
def clear_on_publishing(sender, **kwargs):
    pagecache.clear()


@receiver(post_save)
def clear_on_save(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, SAVES_THAT_SHOW):
        return
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    pagecache.clear()


@receiver(post_delete)
def clear_on_delete(sender, instance, **kwargs):
    if isinstance(instance, SAVES_THAT_SHOW + (Page,)):
        pagecache.clear()
