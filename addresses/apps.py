from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "addresses"
    verbose_name = _("Addresses")

    def slugify(self, value):
        """The site's slug rule (addresses.slugs.slugify), for apps that may not import this one."""
        from addresses.slugs import slugify

        return slugify(value)

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from addresses.slugs import SlugField, SlugInput

        # Every slug field in the admin (pages, snippets) transliterates what editors type,
        # in the browser and again on the server. Registered after Wagtail's own override.
        register_form_field_override(
            models.SlugField, override={"widget": SlugInput, "form_class": SlugField}
        )
