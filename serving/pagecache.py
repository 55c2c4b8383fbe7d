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
"""

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from fragments import cache as fragments

SITES = "sites"  # the fragment that tells which site serves which host name

# The key of the last page this process looked up, per site map: a guess that lets a cache hit
# take one round trip to the cache (the generation, the site map and the page in one read).
_last_sites = {}


def timeout():
    """Seconds a rendered page is kept; 0 switches the page cache off."""
    return settings.PAGE_CACHE_TIMEOUT


def cacheable_query(request):
    """Whether the query string holds only parameters that may be cached (the finder's filters
    and page numbers, settings.PAGE_CACHE_QUERY_PARAMETERS); an empty one does."""
    return set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMETERS)


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
    if request.GET:
        query = sorted((k, sorted(v)) for k, v in request.GET.lists())
        address += "?" + urlencode(query, doseq=True)
    return "pagecache:page:" + hashlib.sha256(f"{site} {address}".encode()).hexdigest()


@dataclass
class Slot:
    """Where a request's page lives in the cache: the current generation, the key (None while
    the sites are not known yet) and the stored page, if any, of this generation."""

    generation: str
    key: str | None = None
    entry: dict | None = None


def lookup(request):
    """The slot of this request's page, touching no database.

    One round trip to the cache when this process has seen the site map before (the page's key
    is guessed from it and read along with the generation and the current map), two otherwise.
    A missing generation (a fresh or restarted cache) gets a new, unique one, so no page stored
    before can come back. The request learns its site (request._wagtail_site) and generation.
    """
    sites_key = fragments.fragment_key(SITES)
    keys = [fragments.GENERATION_KEY, sites_key]
    guess = None
    if (known := _last_sites.get("sites")) is not None and (site := site_for(request, known)):
        guess = page_key(site.pk, request)
        keys.append(guess)
    found = cache.get_many(keys)
    generation = found.get(fragments.GENERATION_KEY)
    if generation is None:
        return Slot(fragments.generation(request))
    fragments.remember_generation(request, generation)
    stored_sites = found.get(sites_key)
    if stored_sites is None or stored_sites[0] != generation:
        return Slot(generation)
    sites = stored_sites[1]
    request.__dict__.setdefault("_fragments", {})[SITES] = sites
    _last_sites["sites"] = sites
    site = site_for(request, sites)
    if site is None:
        return Slot(generation)
    request._wagtail_site = site
    slot = Slot(generation, page_key(site.pk, request))
    entry = found.get(guess) if slot.key == guess else cache.get(slot.key)
    if entry is not None and entry["generation"] == generation:
        slot.entry = entry
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
    entry = {
        "generation": slot.generation,
        "status": response.status_code,
        "headers": dict(response.headers),
        "content": response.content,
    }
    if max_seconds is not None:
        entry["stale_at"] = time.time() + max_seconds
    cache.set(key, entry, timeout=seconds)


def seconds_left(entry):
    """For an entry stored with a deadline: the whole seconds until it goes stale, else None."""
    if "stale_at" not in entry:
        return None
    return max(0, int(entry["stale_at"] - time.time()))


def clear():
    """Forget every stored page, every site-wide fragment and which site serves which host
    name (see fragments.cache.clear)."""
    fragments.clear()
