from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """The site's starting content (the YAML files here) and load_initial_data, which loads it.

    The loader knows every kind of content, so this app sits above the others and nothing
    imports it.
    """

    name = "content"
    verbose_name = _("Starting content")
