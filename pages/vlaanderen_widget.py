"""The optional Vlaanderen global header and footer (the Flemish government's widget platform).

The widget is switched on per site in the admin (Settings › Vlaanderen header and footer). This
module tells the templates which scripts to load and lets the response's Content-Security-Policy
allow the widget's host: nothing at all while the widget is off.
"""

from wagtail.models import Site

from fragments.cache import remember_in_process
from pages.models import VlaanderenWidgetSettings
from security.csp import allow_sources

WIDGET_HOST = "https://prod.widgets.burgerprofiel.vlaanderen.be"
# The widget's scripts fetch their content, styles and images from their own host.
CSP_DIRECTIVES = ("script-src", "connect-src", "style-src", "img-src", "frame-src")


def _settings(request):
    if request is None:
        return None
    site = Site.find_for_request(request)
    # Asked on every page: a site-wide fragment (fragments.cache), not a query each time.
    widget = remember_in_process(
        request,
        f"vlaanderen-widget:{site.pk if site else ''}",
        # for_site, not for_request: the setting is kept in the process and shared, and
        # for_request would keep this request on it.
        lambda: VlaanderenWidgetSettings.for_site(site),
    )
    return widget if widget.enabled and widget.header_widget_id else None


def embed_url(widget_id):
    return f"{WIDGET_HOST}/api/v1/widget/{widget_id}/embed"


def script_urls(request):
    """The widget's embed scripts, {"header": url, "footer": url or None}, or None when off."""
    widget = _settings(request)
    if widget is None:
        return None
    allow_sources(request, {directive: [WIDGET_HOST] for directive in CSP_DIRECTIVES})
    return {
        "header": embed_url(widget.header_widget_id),
        "footer": embed_url(widget.footer_widget_id) if widget.footer_widget_id else None,
    }
