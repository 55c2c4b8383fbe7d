"""Searching the site: pages and published actor types.

Pages: one full-text query through Wagtail's search backend for the terms as typed or with the
last one, without its last letter, as a prefix (search/backends.py's Prefix):
"maatwerkbedrijf" finds "maatwerkbedrijven" ("maatwerkbedrij…"). PostgreSQL searches with the
Dutch configuration (stemming, stop words; its stemmer drops diacritics: "cooperaties" finds
"coöperaties"), using the index of search/migrations/0002; SQLite with FTS5 (diacritics folded,
no stemming). On PostgreSQL, when that finds less than a page of results, unaccented page titles
are also compared by trigrams, for a word inside a compound and
for typos ("cooperatie" → "Ondersteuning van activiteitencoöperaties"): titles only, as the
bodies of thousands of pages are too long to compare on every search.

Actor types, a handful, are matched here in Python against the site-wide list of published
actor types (pages.models.AboutPage.published_actor_type_links, no query): a name that holds
every term, inside a compound too ("cooperatie" → "Activiteitencoöperaties"), or a summary or
text that does.

Results whose title holds every search term come first. Only the result page shown needs
excerpts: add_excerpts() reads them in one query.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page, Site
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

from addresses.private import restricted_page_paths
from fragments.cache import remember
from pages.models import AboutPage
from search.backends import Prefix

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 100
RESULTS_PER_PAGE = 10
EXCERPT_WORDS = 35
# Weaker fuzzy matches are noise: "zorg" is 0.4 similar to the text of Ondernemingen.
MIN_FUZZY_SIMILARITY = 0.5
# One or two letters are similar to nearly every word.
MIN_FUZZY_QUERY_LENGTH = 3


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    excerpt: str = ""
    promoted: bool = False
    # A page's: its excerpt is read when its result is shown (add_excerpts).
    page_id: int | None = None
    page_type_id: int | None = None  # its content type
    expire_at: datetime | None = None
    path: str = ""  # its tree path: a path below a view restriction is private


def page_result(page, request=None):
    """The result for a page, with its own description as excerpt (or none yet)."""
    return SearchResult(
        page.title,
        page.get_url(request),
        excerpt=page.search_description,
        page_id=page.pk,
        page_type_id=page.content_type_id,
        expire_at=page.expire_at,
        path=page.path,
    )


@dataclass(frozen=True)
class CleanQuery:
    """What the visitor typed, and what we search for."""

    text: str  # shown back to the visitor, at most MAX_QUERY_LENGTH characters
    terms: str  # words only: letters and digits, separated by single spaces
    truncated: bool


def clean_query(raw):
    """Keeps words only: no operator, quote or control character ever reaches a search engine.
    Compatibility forms become their plain letters first (NFKC: the ligature "ﬁ" is "fi",
    full-width "ｆｉ" is "fi"), as the pages hold those."""
    text = " ".join(unicodedata.normalize("NFKC", raw or "").split())
    # Control and other invisible characters (NUL, say) mean nothing to a visitor or a database.
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms = " ".join(re.findall(r"[^\W_]+", text))
    return CleanQuery(text=text, terms=terms, truncated=truncated)


def record_search(query):
    """Counts the search in Wagtail's search terms report (Instellingen › Zoektermen): the query
    as typed (lowercased, as Wagtail's Query.get stores it), one count a search a day in
    Brussels. Nothing about the visitor. Two statements, the first time and every time after:
    the query's row if it is new, then the day's count. Concurrent searches are each counted,
    as the database adds, not Python."""
    query_string = report_string(query.text)
    # Plain SQL: Django's ORM cannot add to a count on conflict (bulk_create's update_conflicts
    # sets values), and its bulk_create would wrap the first statement in a transaction of its
    # own. PostgreSQL and SQLite (3.24+) take the same statements.
    quote = connection.ops.quote_name
    hits, queries = quote(QueryDailyHits._meta.db_table), quote(Query._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {queries} (query_string) VALUES (%s) "
            "ON CONFLICT (query_string) DO NOTHING",
            [query_string],
        )
        cursor.execute(
            f"INSERT INTO {hits} (query_id, date, hits) "
            f"SELECT id, %s, 1 FROM {queries} WHERE query_string = %s "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
            [timezone.localdate(), query_string],
        )


def report_string(text):
    """The text as Wagtail's search terms report and promotions store it: normalised (lower case,
    single spaces) and at most as long as their column. Wagtail cuts before lowercasing, and
    some letters lengthen in lower case ("İ" is two characters)."""
    return normalise_query_string(text)[: Query._meta.get_field("query_string").max_length]


def search_site(query, site, request=None):
    """Promoted results first, then matching pages and actor types, best first: SearchResults,
    pages' without their excerpts (add_excerpts gives those of the results shown)."""
    results = promoted_results(query, request)
    seen = {result.url for result in results}
    for result in matching_results(query.terms, site, request):
        if result.url and result.url not in seen:
            seen.add(result.url)
            results.append(result)
    return results


def promoted_results(query, request=None):
    """The promoted results for the query that visitors may see."""
    return [
        result
        for result in promotions(request).get(report_string(query.text), [])
        if not result.page_id or is_shown(result, request)
    ]


def promotions(request=None):
    """{query string: [its promoted results, in the editors' order]}: a site-wide fragment
    (fragments.cache; serving.signals clears it when a promotion or a page changes). Pages that
    are not live are left out; whether one is private or expired is for each search to tell."""

    def compute():
        found = {}
        for promotion in SearchPromotion.objects.select_related("query", "page"):
            page = promotion.page
            if page is not None:
                if not page.live:
                    continue
                result = page_result(page, request)
                result = replace(
                    result, excerpt=promotion.description or result.excerpt, promoted=True
                )
            else:
                result = SearchResult(
                    promotion.external_link_text,
                    promotion.external_link_url,
                    excerpt=promotion.description,
                    promoted=True,
                )
            found.setdefault(promotion.query.query_string, []).append(result)
        return found

    site = Site.find_for_request(request) if request else None
    return remember(request, f"search-promotions:{site.pk if site else ''}", compute)


def is_shown(result, request=None):
    """Whether visitors may be sent to a page's result: not expired, not behind a view
    restriction (on it or above it)."""
    if is_expired(result):
        return False
    return not any(result.path.startswith(path) for path in restricted_page_paths(request))


def is_expired(result, now=None):
    # Expired pages stay live until the publish_scheduled job unpublishes them: left out now, as
    # the listings leave them out (the search index cannot filter on expire_at).
    return bool(result.expire_at and result.expire_at <= (now or timezone.now()))


def matching_results(terms, site, request=None):
    """The pages and actor types that match, best first, but not expired pages: a fragment
    for each site and search (fragments.cache), so a search made again before anything is
    published costs no search query. The terms are searched in lower case (as every search
    engine here reads them), and the key names them exactly as searched: "Maatwerk" and
    "maatwerk" share results, "coöperatie" and "cooperatie" do not."""
    terms = terms.lower()
    digest = hashlib.sha256(terms.encode()).hexdigest()
    results = remember(request, f"search:{site.pk}:{digest}", lambda: find(terms, site, request))
    now = timezone.now()
    return [result for result in results if not is_expired(result, now)]


def find(terms, site, request=None):
    # The view restrictions are the request's own (addresses.private), not a query of
    # Page.public()'s.
    pages = Page.objects.live().in_site(site)
    for path in restricted_page_paths(request):
        pages = pages.exclude(path__startswith=path)
    found = list(full_text_matches(pages, terms))
    actor_types = matching_actor_types(terms, request)
    if len(found) + len(actor_types) < RESULTS_PER_PAGE:
        ids = {page.pk for page in found}
        found += [page for page in similar_titles(pages, terms) if page.pk not in ids]
    results = actor_types + [page_result(page, request) for page in found]
    # A result whose title holds every search term is what the visitor is looking for: whoever
    # types "maatwerkbedrijf" wants the page Maatwerkbedrijven before pages that mention it.
    # Among those, the shortest title is closest to what was typed: "Activiteitencoöperaties"
    # before "Ondersteuning van activiteitencoöperaties".
    folded = fold(terms).split()
    return sorted(results, key=lambda result: title_rank(result.title, folded))


def full_text_matches(pages, terms):
    """The best MAX_RESULTS pages for the terms as typed, or with the last one without its last
    letter and as a prefix (bedrij… finds bedrijf and bedrijven): one query. Pages that hold
    the words as typed rank best, as a prefix ranks low."""
    *first, last = terms.split()
    query = Or([PlainText(terms), Prefix(" ".join([*first, plural_stem(last)]))])
    return pages.search(query)[:MAX_RESULTS]


def similar_titles(pages, terms):
    """On PostgreSQL, the pages whose unaccented title holds a word like the terms (trigram word
    similarity), most similar first: one query. Elsewhere none."""
    if connection.vendor != "postgresql" or len(terms) < MIN_FUZZY_QUERY_LENGTH:
        return []
    title = Func(F("title"), function="f_unaccent", output_field=TextField())
    return (
        pages.annotate(similarity=TrigramWordSimilarity(Value(fold(terms)), title))
        .filter(similarity__gte=MIN_FUZZY_SIMILARITY)
        .order_by("-similarity", "path")[:MAX_RESULTS]
    )


def matching_actor_types(terms, request=None):
    """Results for the published actor types whose name holds every term, then those whose
    summary or text does, in their own order; from the site-wide list, without a query."""
    folded = fold(terms).split()
    by_name, by_text = [], []
    for name, summary, url, name_words, text_words in searchable_actor_types(request):
        if url is None:
            continue  # without a live Over ons an actor type has no address
        if holds_terms(name_words, folded):
            by_name.append(SearchResult(name, url, summary))
        elif holds_terms(text_words, folded):
            by_text.append(SearchResult(name, url, summary))
    return by_name + by_text


def searchable_actor_types(request=None):
    """(name, summary, address, the name's words, the words of its summary and text) of each
    published actor type, the words folded (see fold): a site-wide fragment (fragments.cache),
    so no search reads, parses or folds them again."""

    def compute():
        return [
            (
                actor_type.name,
                actor_type.summary,
                url,
                tuple(fold(actor_type.name).split()),
                tuple(
                    dict.fromkeys(
                        fold(
                            f"{actor_type.summary} {get_text_for_indexing(actor_type.body)}"
                        ).split()
                    )
                ),
            )
            for actor_type, url in AboutPage.published_actor_type_links(request)
        ]

    return remember(request, "search-actor-types", compute)


def title_rank(title, folded_terms):
    words = fold(title).split()
    if not holds_terms(words, folded_terms):
        return (1, 0)
    return (0, len(words))


def holds_terms(words, folded_terms):
    """Whether every term is in one of the words, or begins one without its last letter
    (coöperaties holds "cooperatie"; maatwerkbedrijven holds "maatwerkbedrijf"). Both folded."""
    return all(
        any(term in word or word.startswith(plural_stem(term)) for word in words)
        for term in folded_terms
    )


def plural_stem(term):
    """What a Dutch word and its plural start with: bedrijf, bedrij(ven); huis, hui(zen)."""
    return term[:-1] if len(term) >= 5 else term


def fold(text):
    """Lowercase without diacritics: "Coöperaties" → "cooperaties"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def add_excerpts(results):
    """The results, each page's with an excerpt: its own description, or else the first words of
    its text, read for all of them in one query (whatever their page types)."""
    missing = [result for result in results if result.page_id and not result.excerpt]
    texts = page_texts(missing)
    return [
        replace(result, excerpt=page_excerpt(*texts.get(result.page_id, ("", ""))))
        if result in missing
        else result
        for result in results
    ]


def page_texts(results):
    """{page id: (intro, body as stored JSON)} for the pages of these results whose types have an
    intro or a body ("" where one is missing): one query, a UNION of one SELECT per page type."""
    ids_by_model = {}
    for result in results:
        model = ContentType.objects.get_for_id(result.page_type_id).model_class()
        if model is not None and (has_field(model, "intro") or has_field(model, "body")):
            ids_by_model.setdefault(model, []).append(result.page_id)
    selects = [
        model.objects.filter(pk__in=ids)
        .order_by()  # a page type's default order (its tree path) is not allowed in a UNION
        .values_list("pk", text_of(model, "intro"), text_of(model, "body"))
        for model, ids in ids_by_model.items()
    ]
    if not selects:
        return {}
    rows = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
    return {pk: (intro or "", body or "") for pk, intro, body in rows}


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def text_of(model, name):
    """The field as text, for a UNION of every page type (a StreamField's stored JSON too)."""
    if has_field(model, name):
        return Cast(name, output_field=TextField())
    return Value("", output_field=TextField())


def page_excerpt(intro="", body=""):
    """The first words of a page's intro and text (the body as stored JSON)."""
    texts = [intro]
    # The stored form of the blocks: a page teaser's page is never looked up for an excerpt.
    for block in json.loads(body) if body else []:
        if block["type"] == "section":
            texts += [block["value"]["heading"], block["value"]["text"]]
        elif block["type"] == "text":
            texts.append(block["value"])
    # Wagtail's own extraction keeps a space between paragraphs, list items and lines:
    # "knooppunt.</p><p>We" reads "knooppunt. We", not "knooppunt.We".
    text = " ".join(" ".join(get_text_for_indexing(text) for text in texts).split())
    return Truncator(text).words(EXCERPT_WORDS)
