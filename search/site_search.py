"""Searching the site: pages and published actor types, through Wagtail's search backend.

PostgreSQL: full-text search with the Dutch configuration (stemming, stop words, diacritics), then
fuzzy trigram matching on unaccented text for what full text misses: Dutch compounds and
singular/plural ("cooperatie" → "Activiteitencoöperaties", "maatwerkbedrijf" → "Maatwerkbedrijven").
SQLite: FTS5 full text (diacritics folded, no stemming), then a prefix match on titles and names
("maatwerkbedrijf" → "Maatwerkbedrijven"). SQLite cannot find a word inside a compound.
Either way, results whose title holds every search term come first.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.query import Fuzzy
from wagtail.search.utils import normalise_query_string

from actortypes.models import ActorType
from addresses.private import restricted_page_paths
from pages.models import AboutPage

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 100
EXCERPT_WORDS = 35
# Weaker fuzzy matches are noise: "zorg" is 0.4 similar to the text of Ondernemingen.
MIN_FUZZY_SIMILARITY = 0.5
# One or two letters are similar to nearly every word.
MIN_FUZZY_QUERY_LENGTH = 3


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    excerpt: str
    promoted: bool = False


@dataclass(frozen=True)
class CleanQuery:
    """What the visitor typed, and what we search for."""

    text: str  # shown back to the visitor, at most MAX_QUERY_LENGTH characters
    terms: str  # words only: letters and digits, separated by single spaces
    truncated: bool


def clean_query(raw):
    """Keeps words only: no operator, quote or control character ever reaches a search engine."""
    text = " ".join((raw or "").split())
    # Control and other invisible characters (NUL, say) mean nothing to a visitor or a database.
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms = " ".join(re.findall(r"[^\W_]+", text))
    return CleanQuery(text=text, terms=terms, truncated=truncated)


def record_search(query):
    """Counts the search in Wagtail's search terms report (Instellingen › Zoektermen): the query
    as typed (lowercased), one count a search a day in Brussels. Nothing about the visitor."""
    Query.get(query.text).add_hit(date=timezone.localdate())


def search_site(query, site, request=None):
    """Promoted results first, then matching pages and actor types, best first."""
    results = promoted_results(query, request)
    seen = {result.url for result in results}
    for result in matching_results(query.terms, site, request):
        if result.url and result.url not in seen:
            seen.add(result.url)
            results.append(result)
    return results


def promoted_results(query, request=None):
    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query.text)
    ).select_related("page")
    results = []
    for promotion in promotions:
        if promotion.page_id:
            page = promotion.page.specific
            if not is_shown(page, request):
                continue
            title, url = page.title, page.get_url(request)
            excerpt = promotion.description or page_excerpt(page)
        else:
            title, url = promotion.external_link_text, promotion.external_link_url
            excerpt = promotion.description
        results.append(SearchResult(title, url, excerpt, promoted=True))
    return results


def is_shown(page, request=None):
    """Whether visitors may be sent to the page: live, not expired, not behind a view
    restriction (on it or above it)."""
    if not page.live or (page.expire_at and page.expire_at <= timezone.now()):
        return False
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def matching_results(terms, site, request=None):
    # Searched as plain pages: the specific pages of both matching methods are loaded at once
    # below, one query per page type instead of one per page type and method. The view
    # restrictions are the request's own (addresses.private), not a query of Page.public()'s.
    pages = Page.objects.live().in_site(site)
    for path in restricted_page_paths(request):
        pages = pages.exclude(path__startswith=path)
    actor_types = ActorType.objects.live()
    scored = []
    for queryset in (pages, actor_types):
        for order, obj in enumerate(full_text_matches(queryset, terms)):
            scored.append((0, getattr(obj, "_score", 0) or 0, order, obj))
    for queryset in (pages, actor_types):
        for order, obj in enumerate(extra_matches(queryset, terms)):
            scored.append((1, getattr(obj, "_score", 0) or 0, order, obj))
    # Full-text matches before extra matches; within each, the best score first.
    scored.sort(key=lambda item: (item[0], -item[1], item[2]))
    # A page or actor type found by both methods counts once, where it ranks best.
    found, seen = [], set()
    now = timezone.now()
    for *_rank, obj in scored:
        key = (type(obj), obj.pk)
        # Expired pages stay live until the publish_scheduled job unpublishes them: left out
        # now, as the listings leave them out (the search index cannot filter on expire_at).
        if isinstance(obj, Page) and obj.expire_at and obj.expire_at <= now:
            continue
        if key not in seen:
            seen.add(key)
            found.append(obj)
    specific = specific_pages([obj for obj in found if isinstance(obj, Page)])
    found = [specific.get(obj.pk, obj) if isinstance(obj, Page) else obj for obj in found]
    about_page = None
    if any(isinstance(obj, ActorType) for obj in found):
        # Over ons serves every actor type: looked up once, and not at all when it is found.
        about_page = next((obj for obj in found if isinstance(obj, AboutPage)), None)
        about_page = about_page or AboutPage.objects.live().first()
    results = [as_result(obj, about_page, request) for obj in found]
    # A result whose title holds every search term is what the visitor is looking for: whoever
    # types "maatwerkbedrijf" wants the page Maatwerkbedrijven before pages that mention it.
    # Among those, the shortest title is closest to what was typed: "Activiteitencoöperaties"
    # before "Ondersteuning van activiteitencoöperaties".
    return sorted(results, key=lambda result: title_rank(result.title, terms))


def specific_pages(pages):
    """{id: specific page} for the given pages: one query per page type among them."""
    ids_by_type = {}
    for page in pages:
        ids_by_type.setdefault(page.content_type_id, set()).add(page.pk)
    specific = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:  # a page type whose code was removed stays a plain page
            specific.update(model.objects.in_bulk(ids))
    return specific


def title_rank(title, terms):
    if not title_matches(title, terms):
        return (1, 0)
    return (0, len(title.split()))


def title_matches(title, terms):
    words = fold(title).split()
    return all(
        any(term in word or word.startswith(plural_stem(term)) for word in words)
        for term in fold(terms).split()
    )


def plural_stem(term):
    """What a Dutch word and its plural start with: bedrijf, bedrij(ven); huis, hui(zen)."""
    return term[:-1] if len(term) >= 5 else term


def fold(text):
    """Lowercase without diacritics: "Coöperaties" → "cooperaties"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def full_text_matches(queryset, terms):
    return queryset.search(terms).annotate_score("_score")[:MAX_RESULTS]


def extra_matches(queryset, terms):
    if len(terms) < MIN_FUZZY_QUERY_LENGTH:
        return []
    if connection.vendor == "postgresql":
        matches = queryset.search(Fuzzy(terms, unaccent=True)).annotate_score("_score")
        return [obj for obj in matches[:MAX_RESULTS] if (obj._score or 0) >= MIN_FUZZY_SIMILARITY]
    # SQLite has no fuzzy matching: match titles and names that start with the last term, or with
    # its plural stem, as in "maatwerkbedrij" for "maatwerkbedrijf".
    *first, last = terms.split()
    prefix_terms = " ".join([*first, plural_stem(last)])
    return queryset.autocomplete(prefix_terms).annotate_score("_score")[:MAX_RESULTS]


def as_result(obj, about_page, request=None):
    if isinstance(obj, ActorType):
        url = about_page.actor_type_url(obj, request) if about_page else None
        return SearchResult(obj.name, url, obj.summary)
    return SearchResult(obj.title, obj.get_url(request), page_excerpt(obj))


def page_excerpt(page):
    """The page's own description, or the first words of its text."""
    if page.search_description:
        return page.search_description
    texts = [getattr(page, "intro", "")]
    body = getattr(page, "body", None)
    # The stored form of the blocks: a page teaser's page is never looked up for an excerpt.
    for block in body.raw_data if body else []:
        if block["type"] == "section":
            texts += [block["value"]["heading"], block["value"]["text"]]
        elif block["type"] == "text":
            texts.append(block["value"])
    # Wagtail's own extraction keeps a space between paragraphs, list items and lines:
    # "knooppunt.</p><p>We" reads "knooppunt. We", not "knooppunt.We".
    text = " ".join(" ".join(get_text_for_indexing(text) for text in texts).split())
    return Truncator(text).words(EXCERPT_WORDS)
