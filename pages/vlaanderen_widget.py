"""The optional Vlaanderen global header and footer (the Flemish government's widget platform).

The widget is switched on per site in the admin (Settings › Vlaanderen header and footer). This
module tells the templates which scripts to load and tells the Content-Security-Policy which host
it must allow: nothing at all while the widget is off.
"""

from pages.models import VlaanderenWidgetSettings

WIDGET_HOST = "https://prod.widgets.burgerprofiel.vlaanderen.be"


def _settings(request):
    if request is None:
        return None
    widget = VlaanderenWidgetSettings.for_request(request)
    return widget if widget.enabled and widget.header_widget_id else None


def embed_url(widget_id):
    return f"{WIDGET_HOST}/api/v1/widget/{widget_id}/embed"


def script_urls(request):
    """The widget's embed scripts, {"header": url, "footer": url or None}, or None when off."""
    widget = _settings(request)
    if widget is None:
        return None
    return {
        "header": embed_url(widget.header_widget_id),
        "footer": embed_url(widget.footer_widget_id) if widget.footer_widget_id else None,
    }


def csp_sources(request):
    """The origins the Content-Security-Policy must allow for this request's site.

    An empty tuple while the widget is off. When it is on, the widget's scripts load from
    WIDGET_HOST and fetch their content, styles and images from the same host, so allow it in
    script-src, connect-src, style-src, img-src and frame-src.
    """
    return (WIDGET_HOST,) if _settings(request) else ()
