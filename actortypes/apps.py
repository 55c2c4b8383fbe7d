from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorTypesConfig(AppConfig):
    name = "actortypes"
    verbose_name = _("Actor types")

    def ready(self):
        from actortypes import frontend_cache

        frontend_cache.connect()
