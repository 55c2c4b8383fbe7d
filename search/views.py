from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages.views import main_routes
from search.site_search import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    add_excerpts,
    clean_query,
    record_search,
    search_site,
)


def search(request):
    """The site search at /zoeken/?q=…: every answer is a page with a Dutch explanation."""
    query = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    results = search_site(query, site, request) if query.terms and site else []
    # Each search counts once: not again for its next result pages.
    if query.terms and "page" not in request.GET:
        record_search(query)
    # get_page answers an invalid page number with the first page and a too high one with the last.
    results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results_page.object_list = add_excerpts(results_page.object_list)
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": results_page,
            "result_count": len(results),
            "meta_title": (
                _("Search results for “%(query)s”") % {"query": query.text}
                if query.text
                else _("Search")
            ),
            "meta_description": _(
                "Search the pages of Sociale economie and the types of social enterprise."
            ),
            # Result lists are not content of their own: search engines index the pages.
            "meta_noindex": True,
            # Nothing found: the main routes and the Vlaamse Infolijn help on.
            "main_routes": main_routes(request) if query.terms and not results else [],
        },
    )
    # A shared cache (a CDN) that stored the page would answer the next identical search without
    # us, and that search would go uncounted: only the visitor's own browser may keep it.
    patch_cache_control(response, private=True)
    return response
