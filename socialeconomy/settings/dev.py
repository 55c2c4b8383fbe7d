from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-local-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
