from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FragmentsConfig(AppConfig):
    """What every public page shows and few edits change (the footer, the menu, the actor types,
    which pages are private), kept in the shared cache until anything visitors see changes."""

    name = "fragments"
    verbose_name = _("Site-wide fragments")
