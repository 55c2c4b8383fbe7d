"""Site-wide fragments: what many pages show and only an edit changes, computed once and kept in
Django's cache (shared by every process through Redis) until anything visitors see changes.

Which edits count is decided by serving.signals, which calls clear(): the full-page cache
(serving.pagecache) and these fragments share one *generation*, so nothing computed before a
publish, a snippet save or a settings change is used after it. Each fragment is stored with the
generation it was computed in and is recomputed when that is not the current one; nothing is
flushed. A fragment is also remembered on the request, so one page view reads it once.

A fragment is anything picklable that depends only on the database and the site (never on the
visitor or the request's query): keys name the site when the value does, and the search when it
is a search's results (search.site_search). A fragment that the clock changes too (the calls
open now) says until when it is true (remember_until).

    links = remember(request, f"menu:{site.pk}", lambda: list(home.get_children().live()))
"""

import math
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from redis import RedisError

from fragments import tracking

GENERATION_KEY = "pagecache:generation"
REDIS_BACKEND = "django_redis.cache.RedisCache"
FRAGMENT_KEY_PREFIX = "fragment:"
MINIMUM_TIMEOUT = 60


def _new_generation():
    return uuid.uuid4().hex


def generation(request=None):
    """The current generation (a string), read from the cache once per request; a fresh or
    restarted cache gets a new, unique one, so nothing stored before can come back."""
    found = getattr(request, "_cache_generation", None)
    if found is None:
        found = stored_generation()
        if found is None:
            found = _new_generation()
            if not cache.add(GENERATION_KEY, found, timeout=None):
                found = stored_generation() or found
        remember_generation(request, found)
    return found


def stored_generation():
    """The generation in the cache (a string), or None when it has none.

    With Redis (django-redis), this process's tracked copy (fragments.tracking): no round trip
    unless the generation changed; else the cache's own read. When Redis cannot be asked, the
    cache's own read decides (django-redis's IGNORE_EXCEPTIONS: None).
    """
    config = settings.CACHES["default"]
    if config["BACKEND"] != REDIS_BACKEND:
        return cache.get(GENERATION_KEY)
    server = config["LOCATION"]
    if not isinstance(server, str):
        server = server[0]
    watch = tracking.watch(
        server.split(",")[0],
        config.get("OPTIONS", {}),
        cache.make_key(GENERATION_KEY),
        cache.client.decode,
    )
    try:
        return watch.read()
    except (RedisError, OSError):
        return cache.get(GENERATION_KEY)  # as Redis errors count: django-redis decides


def remember_generation(request, value):
    """Tells the request which generation it runs in (the page cache reads it with the page)."""
    if request is not None:
        request._cache_generation = value


def _forget():
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    # With Redis, its invalidation pushes (fragments.tracking) may leave just after its answer to
    # the write; the answer to one more command leaves after them, so every process knows the new
    # generation once this returns.
    cache.get(GENERATION_KEY)


def clear():
    """Start a new generation: every stored page and fragment is stale, now and again once the
    current transaction commits.

    The second clear matters when something is computed between the first clear and the
    commit: it read the old content and would otherwise be stored under the new generation.
    """
    _forget()
    # Outside a transaction there is nothing to wait for (and no need for a database at all:
    # bin/start clears the cache even while the database is down).
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_forget)


def timeout():
    """Seconds a fragment is kept: as long as a page (which shows it), and at least
    MINIMUM_TIMEOUT, also while the page cache is switched off."""
    return max(settings.PAGE_CACHE_TIMEOUT, MINIMUM_TIMEOUT)


def fragment_key(name):
    return FRAGMENT_KEY_PREFIX + name


def remember(request, name, compute):
    """The value of the fragment called name: compute()'s result, from the cache when it was
    computed in the current generation, else computed now and stored as long as pages are
    (settings.PAGE_CACHE_TIMEOUT, at least a minute). request may be None (then nothing is kept
    on it)."""
    return remember_until(request, name, lambda: (compute(), None))


# {name: (generation, value)}: the fragments remember_in_process keeps in this process too.
_in_process = {}


def remember_in_process(request, name, compute):
    """As remember, for a small value that nearly every page view reads (the published actor
    types): kept in this process's memory as well, for as long as the generation holds, so a
    view neither asks the cache for it nor unpickles it. The value is shared by every request
    and thread of the process: callers must only read it."""
    memo = request.__dict__.setdefault("_fragments", {}) if request is not None else {}
    if request is None or name in memo or getattr(request, "is_preview", False):
        return remember(request, name, compute)
    current = generation(request)
    kept = _in_process.get(name)
    if kept is not None and kept[0] == current:
        memo[name] = kept[1]
        return kept[1]
    value = remember(request, name, compute)
    _in_process[name] = (current, value)
    return value


def remember_until(request, name, compute):
    """As remember, for a value that the clock changes too (a call opens or closes): compute()
    returns (value, until), until being the aware datetime from which the value may be wrong,
    or None. The value is used in the current generation and before until only, and stored no
    longer (in whole seconds; not at all when until has passed). Returns the value, and notes
    its until on the request (shown_until).

    A preview (request.is_preview, set by Wagtail) neither reads nor keeps a fragment: it shows
    the editor's unsaved work, never what visitors see, and nothing it renders reaches them."""
    memo = request.__dict__.setdefault("_fragments", {}) if request is not None else {}
    if name in memo:
        return memo[name]
    if getattr(request, "is_preview", False):
        value, until = compute()
    else:
        current = generation(request)
        entry = cache.get(fragment_key(name))
        now = timezone.now()
        if entry is not None and entry[0] == current and still_true(entry, now):
            value, until = entry[1], entry[2] if len(entry) > 2 else None
        else:
            value, until = compute()
            seconds = timeout()
            if until is not None:
                seconds = min(seconds, math.ceil((until - now).total_seconds()))
            if seconds > 0:
                cache.set(fragment_key(name), (current, value, until), timeout=seconds)
    note_until(request, until)
    memo[name] = value
    return value


def note_until(request, until):
    """Notes that the response to this request shows something true only before until (an
    aware datetime; None: until the next publish). remember_until notes each fragment's."""
    if request is not None and until is not None:
        noted = request.__dict__.get("_shown_until")
        request._shown_until = until if noted is None else min(noted, until)


def shown_until(request):
    """The earliest moment noted for this request (note_until): an aware datetime from which
    its response may be wrong, or None."""
    return request.__dict__.get("_shown_until")


def still_true(entry, now):
    """Whether a stored (generation, value, until) holds at now; an entry stored by a release
    before remember_until has no until."""
    until = entry[2] if len(entry) > 2 else None
    return until is None or now < until
