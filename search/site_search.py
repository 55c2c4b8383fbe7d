"""Searching the site: pages and published actor types.

Pages: one full-text query through Wagtail's search backend (`search_with_prefix`,
search/backends.py) whose last term, without its last letter, is also a prefix:
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

import json
import re
import unicodedata
from dataclasses import dataclass, replace

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from addresses.private import restricted_page_paths
from fragments.cache import remember
from pages.models import AboutPage

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
    page: Page | None = None  # a page's excerpt is read when its result is shown (add_excerpts)


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
    as typed (lowercased, as Wagtail's Query.get stores it), one count a search a day in
    Brussels. Nothing about the visitor. One statement when the query was searched before, three
    the first time; concurrent searches are each counted (the database adds, not Python)."""
    query_string = normalise_query_string(query.text)
    today = timezone.localdate()
    if not count_hit(query_string, today):
        Query.objects.bulk_create([Query(query_string=query_string)], ignore_conflicts=True)
        count_hit(query_string, today)


def count_hit(query_string, date):
    """Adds one to the query's hits on that date, making its row for the day if needed; returns
    False (and counts nothing) when the query itself has no row yet.

    One upsert, which Django's ORM cannot write (bulk_create's update_conflicts sets values, it
    cannot add to them); PostgreSQL and SQLite (3.24+) take the same statement."""
    quote = connection.ops.quote_name
    hits, queries = quote(QueryDailyHits._meta.db_table), quote(Query._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {hits} (query_id, date, hits) "
            f"SELECT id, %s, 1 FROM {queries} WHERE query_string = %s "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
            [date, query_string],
        )
        return cursor.rowcount > 0


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
    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query.text)
    ).select_related("page")
    results = []
    for promotion in promotions:
        if promotion.page_id:
            page = promotion.page
            if not is_shown(page, request):
                continue
            result = SearchResult(page.title, page.get_url(request), page=page)
        else:
            result = SearchResult(promotion.external_link_text, promotion.external_link_url)
        results.append(replace(result, excerpt=promotion.description, promoted=True))
    return results


def is_shown(page, request=None):
    """Whether visitors may be sent to the page: live, not expired, not behind a view
    restriction (on it or above it)."""
    if not page.live or is_expired(page):
        return False
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def is_expired(page, now=None):
    # Expired pages stay live until the publish_scheduled job unpublishes them: left out now, as
    # the listings leave them out (the search index cannot filter on expire_at).
    return bool(page.expire_at and page.expire_at <= (now or timezone.now()))


def matching_results(terms, site, request=None):
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
    now = timezone.now()
    results = actor_types + [
        SearchResult(page.title, page.get_url(request), page=page)
        for page in found
        if not is_expired(page, now)
    ]
    # A result whose title holds every search term is what the visitor is looking for: whoever
    # types "maatwerkbedrijf" wants the page Maatwerkbedrijven before pages that mention it.
    # Among those, the shortest title is closest to what was typed: "Activiteitencoöperaties"
    # before "Ondersteuning van activiteitencoöperaties".
    return sorted(results, key=lambda result: title_rank(result.title, terms))


def full_text_matches(pages, terms):
    """The best MAX_RESULTS pages for the terms, the last one without its last letter and as a
    prefix (bedrij… finds bedrijf and bedrijven; the prefix of a word finds the word): one
    query."""
    *first, last = terms.split()
    backend = get_search_backend()
    search = getattr(backend, "search_with_prefix", backend.search)  # SQLite without FTS5: none
    return search(" ".join([*first, plural_stem(last)]), pages)[:MAX_RESULTS]


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
    by_name, by_text = [], []
    for name, summary, text, url in searchable_actor_types(request):
        if url is None:
            continue  # without a live Over ons an actor type has no address
        if title_matches(name, terms):
            by_name.append(SearchResult(name, url, summary))
        elif title_matches(text, terms):
            by_text.append(SearchResult(name, url, summary))
    return by_name + by_text


def searchable_actor_types(request=None):
    """(name, summary, summary and text in plain text, address) of each published actor type:
    a site-wide fragment (fragments.cache), so no search reads or parses them again."""

    def compute():
        return [
            (
                actor_type.name,
                actor_type.summary,
                " ".join([actor_type.summary, get_text_for_indexing(actor_type.body)]),
                url,
            )
            for actor_type, url in AboutPage.published_actor_type_links(request)
        ]

    return remember(request, "search-actor-types", compute)


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


def add_excerpts(results):
    """The results, each page's with its excerpt: the page's own description, or the first words
    of its text, read for all of them in one query (whatever their page types)."""
    pages = [result.page for result in results if result.page and not result.excerpt]
    texts = page_texts(page for page in pages if not page.search_description)
    return [
        replace(result, excerpt=page_excerpt(result.page, *texts.get(result.page.pk, ("", ""))))
        if result.page and not result.excerpt
        else result
        for result in results
    ]


def page_texts(pages):
    """{page id: (intro, body as stored JSON)} for the pages of types that have an intro or a
    body ("" where one is missing): one query, a UNION of one SELECT per page type among them."""
    ids_by_model = {}
    for page in pages:
        model = page.specific_class
        if model is not None and (has_field(model, "intro") or has_field(model, "body")):
            ids_by_model.setdefault(model, []).append(page.pk)
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


def page_excerpt(page, intro="", body=""):
    """The page's own description, or the first words of its intro and text."""
    if page.search_description:
        return page.search_description
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
