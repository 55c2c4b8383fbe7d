from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServingConfig(AppConfig):
    """How public pages are served: the page cache, and a Dutch 503 while the database is down."""

    name = "serving"
    verbose_name = _("Serving")

    def ready(self):
        from serving import signals  # noqa: F401  (connects the cache invalidation receivers)
