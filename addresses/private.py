"""Which pages are private: behind a view restriction (password, login, groups), with everything
below them. Shared by every part of a request that needs it (the 404's suggestions, the search,
the links of pages.references) and by every request until a restriction or the page tree
changes (a site-wide fragment: fragments.cache), so the database is rarely asked."""

from wagtail.models import PageViewRestriction

from fragments.cache import remember_in_process


def restricted_page_paths(request=None):
    """Returns the tree paths of the pages that carry a view restriction, as a tuple: a page is
    private when its own tree path starts with one of them."""
    return remember_in_process(request, "restricted-page-paths", _restricted_page_paths)


def _restricted_page_paths():
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
