"""What visitors may be sent to: the one rule for every reference on the public site.

A block, a rich-text link, a setting or a snippet may point at a page, image or document that
was deleted, unpublished, made private or never existed (a malformed id). The public site then
shows the reference without a link (or leaves it out) and never raises; the admin lists such
references in the report "Verbroken verwijzingen" (pages.wagtail_hooks).

"Private" means behind a view restriction: a page with a password or login restriction (or
below one), an image or document in a collection with one, such as "Te keuren" (editorial).
"""

from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from addresses.private import restricted_page_paths
from fragments.cache import remember_in_process


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


def public_document_urls(documents, request=None):
    """{document id: its address} for the documents among these that visitors may download
    (existing, not in a private collection); the private collections are read once for all (a
    site-wide fragment: fragments.cache)."""
    restricted = remember_in_process(
        request, "restricted-collection-ids", lambda: frozenset(restricted_collection_ids())
    )
    return {
        document.pk: document.url
        for document in documents
        if document is not None and document.pk and document.collection_id not in restricted
    }


def overview_url(model, request=None):
    """The address of the live, public page of this type that lists others (an overview such
    as Nieuws or Oproepen), or None: a site-wide fragment (fragments.cache), so the home page's
    sections link to it without a query."""
    site = Site.find_for_request(request) if request else None
    return remember_in_process(
        request,
        f"overview-url:{model._meta.label_lower}:{site.pk if site else ''}",
        lambda: public_page_url(model.objects.live().first(), request),
    )
