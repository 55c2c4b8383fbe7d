from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from actortypes.models import ActorType
from addresses.lookup import suggestion_for
from fragments.cache import remember
from pages.models import AboutPage

# The page that every "not found" page points to besides the menu, wherever it sits in the menu.
CONTACT_SLUG = "contact"


def page_not_found(request, exception):
    """The Dutch 404 page: a suggestion for a near miss, the main routes and a search box.

    Not for search engines. A fixed number of queries, however many pages or actor types exist.
    """
    context = {
        "meta_title": _("Page not found"),
        "meta_description": _("This page does not exist (any more)."),
        "meta_noindex": True,
        "suggestion": suggestion_for(request),
        "main_routes": main_routes(request),
    }
    return TemplateResponse(request, "404.html", context, status=404)


def main_routes(request):
    """Returns (page, [(actor type, url), …]) pairs: the site's menu pages and Contact, with the
    actor types below Over ons. A site-wide fragment (fragments.cache): no query once computed."""
    site = Site.find_for_request(request)
    if site is None:
        return []

    def routes():
        pages = site.root_page.get_children().live()
        pages = pages.filter(Q(show_in_menus=True) | Q(slug=CONTACT_SLUG))
        return [
            (page, _actor_type_links(page, request) if page.specific_class is AboutPage else [])
            for page in pages
        ]

    return remember(request, f"main-routes:{site.pk}", routes)


def _actor_type_links(page, request):
    return page.specific.actor_type_links(ActorType.objects.live(), request=request)
