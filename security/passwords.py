"""Password rules for editors (AUTH_PASSWORD_VALIDATORS)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with an error message in Dutch: Django 5.2's own message
    changed its wording (``%d``) and its Dutch catalogue still translates the old one."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
