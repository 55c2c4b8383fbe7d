from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Site-wide security plumbing: the Content-Security-Policy and the admin login lockout."""

    name = "security"
    verbose_name = _("Security")
