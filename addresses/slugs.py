"""How the site turns what an editor types into the last part of an address.

Dutch letters are transliterated, not dropped (`Coöperaties` → `cooperaties`), `&` is written
as the Dutch "en" (`Café & co` → `cafe-en-co`), and words are joined by single hyphens. The same
rule runs in the admin's slug fields (Wagtail's `w-slug` Stimulus controller, whose `urlify`
transliterates) and on the server (for a slug typed without JavaScript, or generated on save).
"""

import re

from anyascii import anyascii
from django import forms
from django.utils.text import slugify as django_slugify
from wagtail.admin.widgets import SlugInput as WagtailSlugInput

# (pattern, replacement) pairs applied before transliterating; the patterns are regular
# expressions so that the admin's JavaScript can apply the very same list.
REPLACEMENTS = [("&", " en ")]


def slugify(value):
    """Returns `value` as a slug: lowercase ASCII words joined by single hyphens ('' if none)."""
    value = str(value)
    for pattern, replacement in REPLACEMENTS:
        value = re.sub(pattern, replacement, value)
    return django_slugify(anyascii(value))


class SlugInput(WagtailSlugInput):
    """Wagtail's slug widget, set to transliterate also what is typed into the slug field itself.

    Wagtail's widget `urlify`s a title synced into the slug (transliterating), but `slugify`s a
    slug typed by hand on blur, which drops every non-ASCII letter. Here both use `urlify`, after
    the same replacements as the server's `slugify`.
    """

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or REPLACEMENTS, locale=locale)
        self.attrs["data-action"] = self.attrs["data-action"].replace(
            "blur->w-slug#slugify", "blur->w-slug#urlify"
        )


class SlugField(forms.SlugField):
    """A slug form field that accepts what people type and cleans it into a slug.

    A well-formed slug (every existing address) passes through unchanged.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return slugify(value) if value else value
