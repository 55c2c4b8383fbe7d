from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Site

from fragments.cache import remember, remember_in_process
from pages.models import AboutPage, Footer

register = template.Library()

HEADER_TEMPLATE = "components/header.html"


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def site_header(context):
    """The site name, the department and the main navigation: the home page's children shown in
    menus, so a section added below the home page appears without a template change.

    The same on every page of the site but for which menu item is current and whether the header
    holds a search box: rendered once per variant, it is a site-wide fragment (fragments.cache).
    """
    request = context.get("request")
    site = _site(context)
    home = site.root_page if site else None
    menu_pages = (
        remember_in_process(
            request, f"menu:{site.pk}", lambda: list(home.get_children().live().in_menu())
        )
        if home
        else []
    )
    # A menu item is current on its own page and on everything below it.
    current = context.get("page")
    current_path = getattr(current, "path", None) or ""
    current_item = next((p.pk for p in menu_pages if current_path.startswith(p.path)), None)
    match = getattr(request, "resolver_match", None)
    # The search page has its own, larger search box.
    show_search = not (match and match.url_name == "search")

    def render():
        return render_to_string(
            HEADER_TEMPLATE,
            {
                "site_name": site.site_name if site else "",
                "department": department_name(request),
                "home": home,
                "menu_items": [(p, p.pk == current_item) for p in menu_pages],
                "show_search": show_search,
                "request": request,
            },
        )

    # It shows only published pages and settings; a preview's is still not kept (no fragment
    # of a preview is), so that nothing a preview renders can reach visitors.
    if site is None:
        return render()
    return remember(request, f"header-html:{site.pk}:{current_item}:{show_search:d}", render)


def department_name(request):
    """The department's name, as editors set it in the published footer ("" without one)."""
    footer = Footer.for_request(request) if request else None
    return footer.organisation if footer else ""


def breadcrumb_trail(page):
    """Home … page as (name, page) pairs, without the tree's root: the first one is called
    "Home", whatever the home page's title. Kept on the page: the breadcrumbs and their JSON-LD
    both need it."""
    if not hasattr(page, "_breadcrumb_trail"):
        # The page's ancestors from the site's root, when routing left them on the page
        # (serving.routing): no query.
        known = getattr(page, "_cached_ancestors", None)
        if known is not None:
            ancestors = [*known, page]
        else:
            ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
        page._breadcrumb_trail = [
            (_("Home") if position == 0 else ancestor.title, ancestor)
            for position, ancestor in enumerate(ancestors)
        ]
    return page._breadcrumb_trail


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, current_title=None):
    """Home › … › page, and a last crumb for a view below the page (an actor type)."""
    return {
        "trail": breadcrumb_trail(page) if page else [],
        "current_title": current_title,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The published footer; its preview in the admin passes the version being edited.

    The published one is the same on every page of a site: rendered once, it is a site-wide
    fragment (fragments.cache), links checked and all."""
    request = context.get("request")
    footer = context.get("footer")
    if isinstance(footer, Footer) or request is None:
        footer = footer if isinstance(footer, Footer) else Footer.objects.live().first()
        return render_to_string(FOOTER_TEMPLATE, {"footer": footer, "request": request})
    site = _site(context)
    return remember(
        request,
        f"footer-html:{site.pk if site else ''}",
        lambda: render_to_string(
            FOOTER_TEMPLATE, {"footer": Footer.for_request(request), "request": request}
        ),
    )


FOOTER_TEMPLATE = "components/footer.html"


@register.inclusion_tag("components/actor_type_routes.html", takes_context=True)
def actor_type_routes(context):
    """ "Wie ben je?": every published actor type as a route to its page (the home page leads
    with these)."""
    return {"actor_types": AboutPage.published_actor_type_links(context.get("request"))}


@register.simple_tag
def page_numbers(page, on_each_side=2, on_ends=1):
    """The page numbers to link to from a Django Page: all of them for a short list, else the
    first, the last and those around the current one (Paginator.get_elided_page_range), with
    None for each gap."""
    return [
        number if isinstance(number, int) else None
        for number in page.paginator.get_elided_page_range(
            page.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]
