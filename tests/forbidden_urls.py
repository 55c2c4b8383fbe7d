"""The site's addresses plus one that refuses every visitor (403), as a future view may."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from socialeconomy.urls import handler404, handler500, urlpatterns  # noqa: F401


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("verboden/", forbidden), *urlpatterns]
