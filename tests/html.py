"""Small helpers to read rendered pages as a visitor would."""

from bs4 import BeautifulSoup

SOFT_HYPHEN = "\u00ad"


def soup(response):
    """The page as a visitor reads it: without the soft hyphens that headings carry at their long
    words' hyphenation points (invisible unless the word breaks there)."""
    return BeautifulSoup(response.content.decode().replace(SOFT_HYPHEN, ""), "html.parser")


def normalise(text):
    """Collapses all whitespace (including no-break spaces) as a browser's rendering does."""
    return " ".join(text.split())


def visible_text(response):
    return normalise(soup(response).get_text(" "))


def main_text(response):
    return normalise(soup(response).find("main").get_text(" "))


def form_errors(response):
    """The error messages a form in the admin shows, as the editor reads them."""
    return [e.get_text(" ", strip=True) for e in soup(response).select(".error-message")]
