"""Long Dutch words in headings break at a hyphenation point, in every browser.

CSS `hyphens: auto` needs a hyphenation dictionary in the browser, which many lack (Debian's
chromium has none): they break such a word anywhere ("Maatwerkbedrijve / n") or not at all. A
soft hyphen at each Dutch hyphenation point (pyphen's nl_NL dictionary) works everywhere, is
invisible where the word fits, and is ignored by screen readers and find-in-page.
"""

import re
from functools import lru_cache

import pyphen
from django import template

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
