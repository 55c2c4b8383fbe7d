"""Clear the page cache whenever something that visitors see, or may see, changes.

Every page shows the navigation (the page tree), the footer (site settings) and most show the
actor types, so any such change clears every stored page: simpler and safer than working out
which pages one change touches, and cheap (see serving.pagecache).

What counts is decided in one place, `shown_to_visitors()`: pages (through Wagtail's publishing
signals), every snippet and every setting registered with Wagtail, and the models listed in
SHOWN_TO_VISITORS. A new snippet or setting is covered by registering it, an inline part
(ParentalKey) of a page or of a model above by its parent's save or publish; any other new model
must be listed here or in NOT_SHOWN_TO_VISITORS (tests/test_page_cache.py fails until it is).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)
from wagtail.snippets.models import get_snippet_models

from serving import pagecache

# Saving or deleting any of these changes what visitors see or may see (app_label.ModelName,
# so that serving imports no content app).
SHOWN_TO_VISITORS = [
    "wagtailcore.Site",  # which pages a host name serves
    "wagtailcore.PageViewRestriction",  # a page's privacy: password, login, groups
    "wagtailcore.CollectionViewRestriction",  # the privacy of images' and documents' collections
    get_image_model_string(),  # file replaced, alt text, title, focal point, collection, deleted
    get_document_model_string(),  # file replaced, title, collection, deleted
    "wagtailredirects.Redirect",  # an address that now leads elsewhere
    "wagtailsearchpromotions.SearchPromotion",  # a promoted search result (search.site_search)
]

# Models of our own apps that visitors never see, or see only through a model above.
NOT_SHOWN_TO_VISITORS = []

# What saving a draft (also Wagtail's autosave), taking a lock or measuring a file writes:
# nothing visitors see changes.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "file_size",
    "file_hash",
}


def shown_to_visitors():
    """The model classes whose saves and deletes clear the page cache (pages aside: they change
    for visitors only when published, unpublished, moved or deleted)."""
    return (
        *(apps.get_model(label) for label in SHOWN_TO_VISITORS),
        *get_snippet_models(),
        *settings_registry,
    )


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(published)
@receiver(unpublished)
def clear_on_publishing(sender, **kwargs):
    pagecache.clear()


@receiver(post_save)
def clear_on_save(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, shown_to_visitors()):
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    pagecache.clear()


@receiver(post_delete)
def clear_on_delete(sender, instance, **kwargs):
    if isinstance(instance, (Page, *shown_to_visitors())):
        pagecache.clear()
