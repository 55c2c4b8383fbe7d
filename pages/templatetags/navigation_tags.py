from django import template
from wagtail.models import Site

from pages.models import Footer

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.inclusion_tag("components/header.html", takes_context=True)
def site_header(context):
    """The site name and the main navigation: the home page's children shown in menus."""
    site = _site(context)
    home = site.root_page if site else None
    current = context.get("page")
    menu_pages = home.get_children().live().in_menu() if home else []
    match = getattr(context.get("request"), "resolver_match", None)
    return {
        "site_name": site.site_name if site else "",
        "home": home,
        # A menu item is current on its own page and on everything below it.
        "menu_items": [
            (menu_page, bool(current) and current.path.startswith(menu_page.path))
            for menu_page in menu_pages
        ],
        "request": context.get("request"),
        # The search page has its own, larger search box.
        "show_search": not (match and match.url_name == "search"),
    }


def breadcrumb_pages(page):
    """Home … page, without the tree's root. Kept on the page: the breadcrumbs and their JSON-LD
    both need them."""
    if not hasattr(page, "_breadcrumb_pages"):
        page._breadcrumb_pages = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    return page._breadcrumb_pages


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, current_title=None):
    """Home › … › page, and a last crumb for a view below the page (an actor type)."""
    return {
        "ancestors": breadcrumb_pages(page) if page else [],
        "current_title": current_title,
        "request": context.get("request"),
    }


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    """The published footer; its preview in the admin passes the version being edited."""
    request = context.get("request")
    footer = context.get("footer")
    if not isinstance(footer, Footer):
        footer = Footer.for_request(request) if request else Footer.objects.live().first()
    return {"footer": footer, "request": request}
