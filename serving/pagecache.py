"""The full-page cache for anonymous visitors, shared by every process through Django's cache.

Every public page shows the navigation, the footer and (on Over ons, the home page and each actor
page) the list of actor types, so one publish can change any page. Clearing is therefore all or
nothing, and cheap: each stored page carries the cache *generation* it was rendered in, and
clearing sets a new generation, so older entries are simply never served again (they expire on
their own). Nothing is flushed, which keeps other data in the same cache (Wagtail's site root
paths, login throttling) intact.
"""

import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"


def timeout():
    """Seconds a rendered page is kept; 0 switches the page cache off."""
    return settings.PAGE_CACHE_TIMEOUT


def cacheable_query(request):
    """Whether the query string holds only parameters that may be cached (the finder's filters
    and page numbers, settings.PAGE_CACHE_QUERY_PARAMETERS); an empty one does."""
    return set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMETERS)


def page_key(request):
    # Host and scheme are part of the address: one cache may serve several host names. The
    # query is normalised (sorted), so the same filters in another order share one entry.
    uri = request.build_absolute_uri(request.path)
    if request.GET:
        uri += "?" + urlencode(sorted((k, sorted(v)) for k, v in request.GET.lists()), doseq=True)
    return "pagecache:page:" + hashlib.sha256(uri.encode()).hexdigest()


def _new_generation():
    return uuid.uuid4().hex


def lookup(request):
    """The current generation and, when there is one for it, the stored page for this request.

    One round trip to the cache. A missing generation (a fresh or restarted cache) gets a new,
    unique one, so no page stored before can come back.
    """
    key = page_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
        return generation, None
    entry = found.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    return generation, entry


def store(request, response, generation, max_seconds=None):
    """Stores the page for timeout() seconds, or fewer when its content changes sooner
    (max_seconds: a call on it opens or closes); then the entry remembers when it goes stale."""
    seconds = timeout() if max_seconds is None else min(timeout(), max_seconds)
    if seconds <= 0:
        return
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": dict(response.headers),
        "content": response.content,
    }
    if max_seconds is not None:
        entry["stale_at"] = time.time() + max_seconds
    cache.set(page_key(request), entry, timeout=seconds)


def seconds_left(entry):
    """For an entry stored with a deadline: the whole seconds until it goes stale, else None."""
    if "stale_at" not in entry:
        return None
    return max(0, int(entry["stale_at"] - time.time()))


def clear():
    """Forget every stored page: now, and again once the current transaction commits.

    The second clear matters when a page is rendered between the first clear and the commit:
    it read the old content and would otherwise be stored under the new generation.
    """
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    # Outside a transaction there is nothing to wait for (and no need for a database at all:
    # bin/start clears the cache even while the database is down).
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.set(GENERATION_KEY, _new_generation(), timeout=None))
