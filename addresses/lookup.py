"""Which public address a visitor probably meant, when the one they typed does not exist.

The known addresses of a site are its live, public pages and the routes below them (each
`RoutablePageMixin` page lists its routes in `get_route_paths()`, as Wagtail's redirects and
frontend-cache apps expect). A page behind a view restriction (password, login, groups), and
everything below it, is left out: a 404 never reveals a private page's address.
Two addresses are *variants* of each other when they differ only in case, diacritics, `&` or
spaces: both slugify to the same path. A near miss is found with difflib.
"""

import difflib
from urllib.parse import unquote

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models

from addresses.private import restricted_page_paths
from addresses.slugs import slugify
from fragments.cache import remember

# How alike (difflib's ratio, 0–1) a mistyped address must be to a real one to be suggested.
SUGGESTION_CUTOFF = 0.8


def normalise(path):
    """Returns the form that all variants of `path` share, e.g. "/over-ons/maatwerkbedrijven/"."""
    segments = [slugify(unquote(segment)) for segment in path.split("/")]
    segments = [segment for segment in segments if segment]
    return "/" + "".join(segment + "/" for segment in segments)


def known_paths(request):
    """Returns the path of every live, public page and route of the request's site, e.g.
    "/over-ons/".

    A site-wide fragment (fragments.cache), computed once per publish: a fixed number of
    queries then, however many pages there are (the pages, one per routable page type, plus what
    its `get_route_paths` needs), none on the 404s that follow.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    private = restricted_page_paths(request)
    return remember(request, f"known-paths:{site.pk}", lambda: _known_paths(site, private))


def _known_paths(site, private):
    root = site.root_page
    paths = []
    below_root = Page.objects.live().descendant_of(root, inclusive=True)
    for url_path, tree_path in below_root.values_list("url_path", "path"):
        if not tree_path.startswith(private):
            paths.append(_site_path(url_path, root))
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin) and not model._meta.abstract:
            for page in model.objects.live().descendant_of(root, inclusive=True):
                if page.path.startswith(private):
                    continue
                page_path = _site_path(page.url_path, root)
                paths.extend(
                    page_path + route.lstrip("/")
                    for route in page.get_route_paths()
                    if route.strip("/")
                )
    return paths


def _site_path(url_path, root):
    """ "/home/over-ons/" on the site whose root page is /home/ → "/over-ons/"."""
    return "/" + url_path[len(root.url_path) :]


def variant_of(request):
    """Returns the one known address that the request's path is a variant of, or None."""
    wanted = normalise(request.path)
    matches = {path for path in known_paths(request) if normalise(path) == wanted}
    matches.discard(request.path)
    return matches.pop() if len(matches) == 1 else None


def suggestion_for(request):
    """Returns the known address most like the request's path (a near miss), or None."""
    by_form = {normalise(path): path for path in known_paths(request)}
    close = difflib.get_close_matches(
        normalise(request.path), by_form, n=1, cutoff=SUGGESTION_CUTOFF
    )
    return by_form[close[0]] if close else None
