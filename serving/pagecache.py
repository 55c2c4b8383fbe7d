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
name is read from the database once and kept in the cache beside the generation.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site

GENERATION_KEY = "pagecache:generation"
SITES_KEY = "pagecache:sites"


def timeout():
    """Seconds a rendered page is kept; 0 switches the page cache off."""
    return settings.PAGE_CACHE_TIMEOUT


def cacheable_query(request):
    """Whether the query string holds only parameters that may be cached (the finder's filters
    and page numbers, settings.PAGE_CACHE_QUERY_PARAMETERS); an empty one does."""
    return set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMETERS)


def site_map():
    """Which Wagtail site serves a host name, read from the database.

    Returns {"hosts": {hostname: site id, or None when the port decides}, "default": the default
    site's id or None}: the part of Wagtail's Site.find_for_request that needs no port.
    """
    hosts, default = {}, None
    for pk, hostname, is_default in Site.objects.values_list("pk", "hostname", "is_default_site"):
        # Several sites on one host name (different ports): the port decides, so not cached.
        hosts[hostname] = None if hostname in hosts else pk
        if is_default:
            default = pk
    return {"hosts": hosts, "default": default}


def site_id(request, sites):
    """The id of the site Wagtail serves this request from, or None when it cannot be told
    without the port (or no site serves it). The Host header is validated against
    ALLOWED_HOSTS (DisallowedHost: Django's 400)."""
    hostname = split_domain_port(request.get_host())[0]
    if hostname in sites["hosts"]:
        return sites["hosts"][hostname]
    return sites["default"]


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


def _new_generation():
    return uuid.uuid4().hex


def lookup(request):
    """The slot of this request's page, touching no database.

    Two round trips to the cache at most. A missing generation (a fresh or restarted cache) gets
    a new, unique one, so no page stored before can come back.
    """
    found = cache.get_many([GENERATION_KEY, SITES_KEY])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
        return Slot(generation)
    sites = found.get(SITES_KEY)
    if sites is None:
        return Slot(generation)
    site = site_id(request, sites)
    if site is None:
        return Slot(generation)
    slot = Slot(generation, page_key(site, request))
    entry = cache.get(slot.key)
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
        sites = site_map()
        cache.add(SITES_KEY, sites, timeout=None)
        site = site_id(request, sites)
        if site is None:
            return
        key = page_key(site, request)
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


def _forget():
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    cache.delete(SITES_KEY)


def clear():
    """Forget every stored page (and which site serves which host name): now, and again once the
    current transaction commits.

    The second clear matters when a page is rendered between the first clear and the commit:
    it read the old content and would otherwise be stored under the new generation.
    """
    _forget()
    # Outside a transaction there is nothing to wait for (and no need for a database at all:
    # bin/start clears the cache even while the database is down).
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_forget)
