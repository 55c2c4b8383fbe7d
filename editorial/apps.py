from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial work")

    def ready(self):
        from editorial import signal_handlers  # noqa: F401  (connects the receivers)
        from editorial.scheduling import use_schedule_forms

        use_schedule_forms()
