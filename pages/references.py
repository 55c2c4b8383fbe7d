"""What visitors may be sent to: the one rule for every reference on the public site.

A block, a rich-text link, a setting or a snippet may point at a page, image or document that
was deleted, unpublished, made private or never existed (a malformed id). The public site then
shows the reference without a link (or leaves it out) and never raises; the admin lists such
references in the report "Verbroken verwijzingen" (pages.wagtail_hooks).

"Private" means behind a view restriction: a page with a password or login restriction (or
below one), an image or document in a collection with one, such as "Te keuren" (editorial).
"""

from wagtail.models import Collection, CollectionViewRestriction, Page

from addresses.private import restricted_page_paths


def restricted_collection_ids():
    """Ids of the collections that carry a view restriction or sit below one."""
    ids = set()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        ids.update(Collection.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return ids


def public_pages(ids):
    """{id: specific page} for the pages among ids that are live and not private; malformed ids
    (not a number) are left out."""
    clean_ids = {int(i) for i in ids if str(i).isdigit()}
    if not clean_ids:
        return {}
    pages = Page.objects.filter(pk__in=clean_ids).live().public().specific()
    return {page.pk: page for page in pages}


def is_public_page(page, request=None):
    """True for a live page that is neither private nor below a private page."""
    if not isinstance(page, Page) or not page.live or page.expired:
        return False
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def public_page_url(page, request=None):
    """The page's address for visitors, or None when they may not be sent there."""
    if not is_public_page(page, request):
        return None
    return page.get_url(request)


def is_public_media(item):
    """True for an image or document that exists and is not in a private collection."""
    if item is None or getattr(item, "pk", None) is None:
        return False
    return item.collection_id not in restricted_collection_ids()


def public_document_url(document):
    """The document's address for visitors, or None when it is gone or not yet released."""
    return document.url if is_public_media(document) else None


def public_document_urls(documents):
    """{document id: its address} for the documents among these that visitors may download
    (existing, not in a private collection); the private collections are read once for all."""
    restricted = restricted_collection_ids()
    return {
        document.pk: document.url
        for document in documents
        if document is not None and document.pk and document.collection_id not in restricted
    }
