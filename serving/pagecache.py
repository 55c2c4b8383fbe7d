"""The full-page cache for anonymous visitors, shared by every process through Django's cache.

Every public page shows the navigation, the footer and (on Over ons, the home page and each actor
page) the list of actor types, so one publish can change any page. Clearing is therefore all or
nothing, and cheap: each stored page carries the cache *generation* it was rendered in, and
clearing sets a new generation, so older entries are simply never served again (they expire on
their own). Nothing is flushed, which keeps other data in the same cache (Wagtail's site root
paths, login throttling) intact.

A page is stored under the Wagtail site that serves it and its path, never under the raw Host
header: a port, upper case or any host name that is not a site's (but is in ALLOWED_HOSTS) maps
to the site Wagtail would serve, so clients cannot make new keys. Which site serves which host
name is read from the database once per generation and kept as a site-wide fragment
(fragments.cache), which also hands Wagtail the request's Site without a query.

Each process also keeps a bounded copy of the pages (and the site map) it read or stored, for
one generation only (ProcessCopy). The generation is read from the shared cache on every
request (with Redis from a copy that Redis's client tracking keeps true: fragments.tracking),
so the copy is dropped the moment a publish starts a new generation: a copy is never served
after the shared cache moved on.
"""

import functools
import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.http.request import split_domain_port
from wagtail.models import Site

from fragments import cache as fragments

SITES = "sites"  # the fragment that tells which site serves which host name
# Stored pages: a dict (see store()). The prefix names the format, so processes of two releases
# sharing one Redis never read each other's entries.
PAGE_KEY_PREFIX = "pagecache:entry:"
ENTRY_OVERHEAD = 1024  # bytes counted per page in a process's copy besides its body
QUERIES_KEPT = 1024  # query strings stored_query keeps read in each process
QUERY_KEPT_LENGTH = 300  # characters: a query of several filters (a longer one is read each time)


def timeout():
    """Seconds a rendered page is kept; 0 switches the page cache off."""
    return settings.PAGE_CACHE_TIMEOUT


def cacheable_query(request):
    """Whether the query string holds only parameters that may be cached (the finder's filters
    and page numbers, settings.PAGE_CACHE_QUERY_PARAMETERS); an empty one does."""
    return stored_query(request) is not None


def stored_query(request):
    """The request's query as a page's key holds it: sorted by name and by value, read as
    request.GET reads it (another order or an escaped letter is the same query); "" without
    one; None when it holds a parameter that is not cached. TooManyFieldsSent (Django's 400)
    as request.GET.

    Kept per process for up to QUERIES_KEPT strings of at most QUERY_KEPT_LENGTH characters:
    the addresses a hit answers carry few, short queries (the finder's filters), and reading one
    was a third of such a hit. What is kept is at most two short strings each, whatever
    visitors send; a longer query is read each time."""
    query_string = request.META.get("QUERY_STRING", "")
    if not query_string:
        return ""  # without parsing a query that is not there
    allowed = tuple(settings.PAGE_CACHE_QUERY_PARAMETERS)
    if len(query_string) > QUERY_KEPT_LENGTH:
        return _stored_query(query_string, allowed)
    return _stored_query_kept(query_string, allowed)


def _stored_query(query_string, allowed):
    query = QueryDict(query_string.encode("iso-8859-1"))
    if not set(query) <= set(allowed):
        return None
    pairs = sorted((name, sorted(values)) for name, values in query.lists())
    return urlencode(pairs, doseq=True)


_stored_query_kept = functools.lru_cache(maxsize=QUERIES_KEPT)(_stored_query)


def site_map():
    """Which Wagtail site serves a host name, read from the database.

    Returns {"hosts": {hostname: site, or None when the port decides}, "default": the default
    site or None}: the part of Wagtail's Site.find_for_request that needs no port. Each site
    comes with its root page, which routing starts from.
    """
    hosts, default = {}, None
    for site in Site.objects.select_related("root_page"):
        # Several sites on one host name (different ports): the port decides, so not cached.
        hosts[site.hostname] = None if site.hostname in hosts else site
        if site.is_default_site:
            default = site
    return {"hosts": hosts, "default": default}


def site_for(request, sites):
    """The site Wagtail serves this request from, or None when it cannot be told without the
    port (or no site serves it). The Host header is validated against ALLOWED_HOSTS
    (DisallowedHost: Django's 400)."""
    hostname = split_domain_port(request.get_host())[0]
    if hostname in sites["hosts"]:
        return sites["hosts"][hostname]
    return sites["default"]


def find_site(request):
    """The request's Wagtail site (as Site.find_for_request gives it), from the cached site map:
    no query once the map is known. Wagtail's own lookups then find it on the request."""
    if not hasattr(request, "_wagtail_site"):
        site = site_for(request, fragments.remember(request, SITES, site_map))
        if site is not None:
            request._wagtail_site = site
    return Site.find_for_request(request)


def page_key(site, request):
    """The key of a page: its site and path, and its query normalised (sorted), so the same
    filters in another order share one entry."""
    address = request.path
    query = stored_query(request)
    if query is None:
        raise ValueError("No page is kept for this query (pagecache.cacheable_query).")
    if query:
        address += "?" + query
    return PAGE_KEY_PREFIX + hashlib.sha256(f"{site} {address}".encode()).hexdigest()


class ProcessCopy:
    """This process's copy of the pages it read from the shared cache or stored there, and of the
    site map, for one generation: what lets a hit skip reading and unpickling the page.

    Holds at most settings.PAGE_CACHE_PROCESS_PAGES pages and PAGE_CACHE_PROCESS_BYTES bytes
    (a page's body and ENTRY_OVERHEAD), dropping the least recently used first. Each page also
    keeps the moment the shared cache drops it ("expires_at"), and is not served after that.
    Threads share it (gunicorn's threads), hence the lock. Its site map is lent only to requests
    answered from the copy; a request that renders gets a copy of its own (Wagtail and the views
    set attributes on the site's root page).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.sites = None  # (generation, site map, the map pickled) or None
        self.pages = OrderedDict()
        self.size = 0

    def follow(self, generation):
        """Makes the copy one of this generation: a new one (a publish) drops everything."""
        if generation != self.generation:
            with self.lock:
                if generation != self.generation:
                    self.generation = generation
                    self.pages.clear()
                    self.size = 0

    def site_map(self, generation):
        """The site map of this generation and a pickled copy, or None."""
        found = self.sites
        return found[1:] if found is not None and found[0] == generation else None

    def keep_site_map(self, generation, sites):
        """Keeps the site map of this generation; returns it and its pickled copy."""
        kept = (generation, sites, pickle.dumps(sites))
        self.sites = kept
        return kept[1:]

    def page(self, generation, key):
        """The stored page of this generation under key, or None."""
        with self.lock:
            entry = self.pages.get(key) if generation == self.generation else None
            if entry is None:
                return None
            if entry["expires_at"] <= time.time():
                self._drop(key)
                return None
            self.pages.move_to_end(key)
            return entry

    def keep(self, generation, key, entry):
        """Keeps a page of this generation; one of another generation is ignored."""
        size = len(entry["content"]) + ENTRY_OVERHEAD
        with self.lock:
            if generation != self.generation or generation != entry["generation"]:
                return
            if key in self.pages:
                self._drop(key)
            if size > settings.PAGE_CACHE_PROCESS_BYTES:
                return
            self.pages[key] = entry
            self.size += size
            while (
                len(self.pages) > settings.PAGE_CACHE_PROCESS_PAGES
                or self.size > settings.PAGE_CACHE_PROCESS_BYTES
            ):
                self._drop(next(iter(self.pages)))

    def _drop(self, key):
        entry = self.pages.pop(key)
        self.size -= len(entry["content"]) + ENTRY_OVERHEAD


process_copy = ProcessCopy()


@dataclass
class Slot:
    """Where a request's page lives in the cache: the current generation, the key (None while
    the sites are not known yet) and the stored page, if any, of this generation."""

    generation: str
    key: str | None = None
    entry: dict | None = None


def lookup(request):
    """The slot of this request's page, touching no database.

    A hit on a page this process has seen in this generation reads only the generation from the
    cache (with Redis, this process's tracked copy: no round trip unless it changed); the site
    map and the page are read from the cache when this process has no copy of them for that
    generation. A missing generation (a fresh or restarted cache) gets a new, unique one, so no
    page stored before can come back. The request learns its site (request._wagtail_site) and
    generation.
    """
    generation = fragments.stored_generation()
    if generation is None:
        generation = fragments.generation(request)
        process_copy.follow(generation)
        return Slot(generation)
    fragments.remember_generation(request, generation)
    process_copy.follow(generation)
    if (known := process_copy.site_map(generation)) is None:
        stored_sites = cache.get(fragments.fragment_key(SITES))
        if stored_sites is None or stored_sites[0] != generation:
            return Slot(generation)
        known = process_copy.keep_site_map(generation, stored_sites[1])
    sites, pickled_sites = known
    site = site_for(request, sites)
    if site is None:
        return Slot(generation)
    slot = Slot(generation, page_key(site.pk, request))
    slot.entry = process_copy.page(generation, slot.key)
    if slot.entry is None:
        entry = cache.get(slot.key)
        if entry is not None and entry["generation"] == generation:
            process_copy.keep(generation, slot.key, entry)
            slot.entry = entry
    if slot.entry is None:
        # The view renders: it gets a site map of its own, never one other threads share.
        sites = pickle.loads(pickled_sites)
        site = site_for(request, sites)
    request.__dict__.setdefault("_fragments", {})[SITES] = sites
    request._wagtail_site = site
    return slot


def store(request, response, slot, max_seconds=None):
    """Keep the response for later visitors of this site and address (once the view has
    rendered, so the database was there to tell which site served it), for timeout() seconds,
    or fewer when its content changes sooner (max_seconds: a call on it opens or closes); then
    the entry remembers when it goes stale."""
    seconds = timeout() if max_seconds is None else min(timeout(), max_seconds)
    if seconds <= 0:
        return
    key = slot.key
    if key is None:
        site = site_for(request, fragments.remember(request, SITES, site_map))
        if site is None:
            return
        key = page_key(site.pk, request)
    # Wagtail remembers the site it served the page from: never file it under another one.
    served_from = getattr(request, "_wagtail_site", None)
    if served_from is not None and key != page_key(served_from.pk, request):
        return
    now = time.time()
    entry = {
        "generation": slot.generation,
        "status": response.status_code,
        # As a hit sends them: a list of (name, value), validated once, here.
        "headers": [*response.items(), ("X-Cache", "hit")],
        "content": response.content,
        "expires_at": now + seconds,
    }
    if max_seconds is not None:
        entry["stale_at"] = now + max_seconds
    cache.set(key, entry, timeout=seconds)
    process_copy.keep(slot.generation, key, entry)


def seconds_left(entry):
    """For an entry stored with a deadline: the whole seconds until it goes stale, else None."""
    if "stale_at" not in entry:
        return None
    return max(0, int(entry["stale_at"] - time.time()))


def clear():
    """Forget every stored page, every site-wide fragment and which site serves which host
    name (see fragments.cache.clear)."""
    fragments.clear()
