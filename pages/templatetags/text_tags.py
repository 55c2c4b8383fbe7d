"""Text that reads and works on every screen: long Dutch words in headings break at a
hyphenation point, and contact details in rich text are links.

Hyphenation:

CSS `hyphens: auto` needs a hyphenation dictionary in the browser, which many lack (Debian's
chromium has none): they break such a word anywhere ("Maatwerkbedrijve / n") or not at all. A
soft hyphen at each Dutch hyphenation point (pyphen's nl_NL dictionary) works everywhere, is
invisible where the word fits, and is ignored by screen readers and find-in-page.
"""

import re
from functools import lru_cache

import phonenumbers
import pyphen
from bs4 import BeautifulSoup, Comment, NavigableString
from django import template
from django.utils.safestring import mark_safe

from pages import phone as phone_numbers

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Measured in Debian's chromium with its widest fallback font (DejaVu Sans Bold, 0.64 em a
# letter): a word of 17 letters ("Maatwerkbedrijven") fits a 320 px phone at the phone's heading
# size. Shorter words are left alone, so they never break.
MIN_HYPHENATED_LENGTH = 18
# Dutch drops the diaeresis when it breaks there ("co-operaties"): never break before one.
DIAERESIS_VOWELS = set("äëïöüÄËÏÖÜ")
WORD = re.compile(rf"[^\W\d_]{{{MIN_HYPHENATED_LENGTH},}}")

_dictionary = pyphen.Pyphen(lang="nl_NL", left=3, right=3)


@lru_cache(maxsize=2048)
def hyphenate_word(word):
    """The word with a soft hyphen at each of its Dutch hyphenation points."""
    positions = [
        position
        for position in _dictionary.positions(word)
        if word[position] not in DIAERESIS_VOWELS
    ]
    bounds = zip([0, *positions], [*positions, len(word)], strict=True)
    parts = [word[start:end] for start, end in bounds]
    return SOFT_HYPHEN.join(parts)


@register.filter(is_safe=True)
def hyphenate(text):
    """Returns the text with soft hyphens in its words of MIN_HYPHENATED_LENGTH letters or more.

    Safe in, safe out: it only inserts a character that needs no escaping.
    """
    if not text:
        return text
    return WORD.sub(lambda match: hyphenate_word(match[0]), str(text))


# An e-mail address as people write it in running text: info@vlaanderen.be.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)


def contact_links(text):
    """(start, end, href) of each e-mail address and Belgian telephone number in plain text.

    Only full numbers count (02 553 00 00, +32 2 553 17 00, 0478 12 34 56): a short number such as
    1700 cannot be told from a year or an amount, so editors link those themselves.
    """
    found = [(m.start(), m.end(), f"mailto:{m[0]}") for m in EMAIL.finditer(text)]
    for match in phonenumbers.PhoneNumberMatcher(text, phone_numbers.REGION):
        href = phone_numbers.tel_url(match.raw_string)
        if href and not any(start < match.end and match.start < end for start, end, _ in found):
            found.append((match.start, match.end, href))
    return sorted(found)


@register.filter(is_safe=True)
def link_contacts(html):
    """Rendered rich text in which e-mail addresses and telephone numbers that are not yet in a
    link become mailto: and tap-to-call tel: links. Unchanged when there are none."""
    text = str(html)  # the richtext filter may hand over a RichText value
    # Most text has neither: spare it the parsing. A telephone number has at least 8 digits
    # (counted in C: this runs for every rich text on every page).
    if "@" not in text and sum(map(str.isdigit, text)) < 8:
        return html
    linked = _linked_contacts(text)
    return html if linked is None else mark_safe(linked)


@lru_cache(maxsize=256)
def _linked_contacts(text):
    """The HTML text with its contact details linked, or None when it has none to link; kept
    for the texts most pages show (the same rich text on every view), since parsing is slow."""
    soup = BeautifulSoup(text, "html.parser")
    changed = False
    for string in list(soup.find_all(string=True)):
        if string.find_parent("a") or isinstance(string, Comment):
            continue
        links = contact_links(str(string))
        if not links:
            continue
        pieces, position = [], 0
        for start, end, href in links:
            link = soup.new_tag("a", href=href)
            link.string = string[start:end]
            pieces += [NavigableString(string[position:start]), link]
            position = end
        pieces.append(NavigableString(string[position:]))
        string.replace_with(*pieces)
        changed = True
    return str(soup) if changed else None
