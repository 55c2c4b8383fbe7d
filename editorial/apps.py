from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class EditorialConfig(AppConfig):
    default = True
    name = "editorial"
    verbose_name = _("Editorial work")

    def ready(self):
        from editorial import signal_handlers  # noqa: F401  (connects the receivers)
        from editorial.accounts import register_account_policy
        from editorial.scheduling import use_schedule_forms

        register_account_policy()
        use_schedule_forms()


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, served by our viewset: nobody raises their own rights
    (editorial/accounts.py). Takes the place of "wagtail.users" in INSTALLED_APPS."""

    default = False
    user_viewset = "editorial.accounts.UserViewSet"
