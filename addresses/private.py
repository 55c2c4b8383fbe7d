"""Which pages are private: behind a view restriction (password, login, groups), with everything
below them. Shared by every part of a request that needs it (the 404's suggestions, the search,
the links of pages.references), so a request asks the database once."""

from wagtail.models import PageViewRestriction


def restricted_page_paths(request=None):
    """Returns the tree paths of the pages that carry a view restriction, as a tuple: a page is
    private when its own tree path starts with one of them.

    Looked up once per request when one is given.
    """
    paths = getattr(request, "_restricted_page_paths", None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._restricted_page_paths = paths
    return paths
