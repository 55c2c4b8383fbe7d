import os

from .base import *  # noqa: F403

# DJANGO_DEBUG=false shows the site's own Dutch error pages (404.html, 500.html) instead of
# Django's technical ones, e.g. `DJANGO_DEBUG=false make run` (README).
DEBUG = os.environ.get("DJANGO_DEBUG", "true").lower() not in ("false", "0", "no", "off")
SECRET_KEY = "django-insecure-local-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Static files straight from the source folders, also with DEBUG off: no collectstatic needed.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
