"""Wagtail's page routing, with fewer queries: the same pages, the same answers.

Wagtail walks the page tree from the site's root one level at a time, two queries per level (the
child, then its specific page), and then asks for the view restrictions of the page and of every
ancestor (two more). Here the site comes from the site-wide fragments (serving.pagecache), the
pages along the address from one query (each level's slug at its depth, below the site's root),
the specific page from one more, and whether the page is private from the site-wide list of
view restrictions (addresses.private): two queries, however deep the page, each with its SQL
compiled once (serving.compiled).

Wagtail's own rules still decide: a page whose type routes by itself (a RoutablePageMixin page
whose own routes answer the rest of the address, or any page overriding ``route``) is asked for
the rest of the address, exactly as Wagtail's tree walk would; only the final page's ``route``
decides whether it is served (live, a sub-route). The
result is kept where Wagtail looks for it (``request._wagtail_route_for_request``), so
``Page.route_for_request`` elsewhere (the user bar) asks nothing more.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from addresses.private import restricted_page_paths
from serving import compiled, pagecache

# The depth of the tree's first level below its root node: a site's root page usually sits here.
TOP_DEPTH = 2
# The deepest a page can be: treebeard's path (255 characters, 4 a level) holds 63 levels.
DEEPEST = Page._meta.get_field("path").max_length // Page.steplen


def route_for_request(request, path):
    """Returns Wagtail's RouteResult (page, args, kwargs) for the request's site and path, or
    None when nothing is served there (what Page.route_for_request returns)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = _route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def _route(request, path):
    site = pagecache.find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page
    levels = _pages_along(root, components)
    page, ancestors = root, []
    for position, slug in enumerate(components):
        if _routes_itself(page, components[position:]):
            break
        child = levels.get((position, page.path, slug))
        if child is None:
            raise Http404
        ancestors.append(page)
        page = child
    else:
        position = len(components)
    specific = _specific(page)
    if ancestors:
        # What Wagtail's tree walk leaves on a page, and the breadcrumbs' ancestors.
        specific._cached_parent_obj = ancestors[-1]
    if root.depth == TOP_DEPTH:
        specific._cached_ancestors = ancestors
    return specific.route(request, components[position:])


def _pages_along(root, components):
    """{(position, parent's tree path, slug): page} for the pages whose slug and depth match a
    component of the address, below root: the page at each level, and at most a few namesakes
    in other branches (told apart by their parent's path)."""
    # Components deeper than any page can be are no page (the rest of an address a routable
    # page answers, or a 404): a thousand-level address asks for at most DEEPEST levels, so its
    # query stays small and serving.compiled keeps at most DEEPEST shapes a site.
    components = components[: DEEPEST - root.depth]
    if not components:
        return {}

    def pages_along(*slugs):
        levels = Q()
        for position, slug in enumerate(slugs):
            levels |= Q(depth=root.depth + position + 1, slug=slug)
        return Page.objects.filter(levels, path__startswith=root.path)

    key = ("pages along", root.path, root.depth, len(components))
    pages = compiled.instances(key, pages_along, components)
    step = Page.steplen
    return {(page.depth - root.depth - 1, page.path[:-step], page.slug): page for page in pages}


def _specific(page):
    """page.specific (Wagtail's: the page as its own type, with what was cached on it), read
    with SQL compiled once per page type."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page.specific
    found = compiled.instances(
        ("specific page", model), lambda pk: model._default_manager.filter(id=pk), [page.id]
    )
    if not found:
        raise model.DoesNotExist
    specific = found[0]
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)  # as Wagtail's get_specific copies them
    page.__dict__["specific"] = specific
    return specific


def _routes_itself(page, rest):
    """Whether the page's type decides about the address below it, rest (its components).

    A RoutablePageMixin page serves a live page's own route and otherwise leaves the address to
    Wagtail's tree walk (the agenda: its archive, else an event below it); which it is, its
    class's resolver tells without the specific page. Any other type overriding ``route`` is
    asked."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        return page.live and _resolves("/" + "".join(f"{c}/" for c in rest), model)
    return True


def _resolves(path, model):
    """Whether one of model's routes (RoutablePageMixin) answers path, e.g. "/archief/"."""
    try:
        model.get_resolver().resolve(path)
    except Http404:
        return False
    return True


def may_be_restricted(page, request):
    """False when the page is certainly under no view restriction: neither it nor an ancestor
    carries one (the site-wide list) and none is an alias (whose source's restrictions would
    count). True means: ask Wagtail."""
    ancestors = getattr(page, "_cached_ancestors", None)
    if ancestors is None:
        return True
    if any(p.alias_of_id for p in [*ancestors, page]):
        return True
    return page.path.startswith(restricted_page_paths(request))
