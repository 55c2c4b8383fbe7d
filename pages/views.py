from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def page_not_found(request, exception):
    """The Dutch 404 page, with a search box and a way home. Not for search engines."""
    context = {
        "meta_title": _("Page not found"),
        "meta_description": _("This page does not exist (any more)."),
        "meta_noindex": True,
    }
    return TemplateResponse(request, "404.html", context, status=404)
