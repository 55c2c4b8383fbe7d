from contextlib import suppress

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.cache import (
    add_never_cache_headers,
    get_max_age,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from fragments import cache as fragments
from pages import clock
from serving import outage, pagecache

# Django's messages framework keeps pending messages in this cookie (CookieStorage.cookie_name).
MESSAGES_COOKIE = "messages"
# The request headers that can turn a response into a 304 or a 412 (django.utils.cache).
CONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's 304 Not Modified for a matching ETag or Last-Modified, which keeps the response's
    Access-Control-Allow-Origin: a partner's script revalidating an open-data feed from another
    site may read the 304 too (Django copies only the caching headers)."""

    def process_response(self, request, response):
        if "ETag" in response and not any(name in request.META for name in CONDITIONS):
            return response  # nothing to compare it with: Django would answer it unchanged
        answer = super().process_response(request, response)
        origin = response.get("Access-Control-Allow-Origin")
        if answer is not response and origin:
            answer["Access-Control-Allow-Origin"] = origin
        return answer


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD page views from the page cache, and fills it.

    A request is eligible when its query string holds nothing but the finder's parameters
    (PAGE_CACHE_QUERY_PARAMETERS; search results are rendered fresh each time), no session or
    messages cookie (so never for logged-in users) and is not for the admin or another
    never-cached address. Only complete 200 responses that set no cookie, vary on nothing but
    Cookie and do not forbid caching are stored; with a query string only when the view vouches
    for every value (``response.cacheable_query``). A view whose content changes at a known
    moment (a call closing) sets a shorter ``Cache-Control: max-age``: the page is stored no
    longer, and its max-age never reaches past that moment, also when served from the cache.
    Looking up a page touches no database, so stored pages keep being served while PostgreSQL
    is down.

    What is stored under an address is what every visitor of it would get: a request under a
    script prefix (SCRIPT_NAME, which shifts every route and link) neither reads nor fills it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_eligible(request):
            if not request.path.startswith(settings.PAGE_CACHE_SKIP_PATHS):
                # The search, a logged-in editor's view: Wagtail finds the site without a query.
                with suppress(DatabaseError):  # the view answers the 503 page itself
                    pagecache.find_site(request)
            response = self.render(request)
            if self.has_personal_cookie(request):
                # What an editor sees changes with every edit: never kept, even where the view
                # said until when its content holds (clock.limit_max_age).
                add_never_cache_headers(response)
            else:
                self.limit_outside_max_age(response)
            return response

        slot = pagecache.lookup(request)
        if (entry := slot.entry) is not None:
            response = HttpResponse(
                entry["content"], status=entry["status"], headers=entry["headers"]
            )
            if (seconds := pagecache.seconds_left(entry)) is not None:
                patch_cache_control(response, max_age=min(seconds, get_max_age(response)))
            return response

        response = self.render(request)
        # A HEAD is rendered in full (the server drops the body): stored as a GET, so that it
        # has the same ETag, Last-Modified and Cache-Control.
        if self.is_storable(request, response):
            # A view's own, shorter max-age is when its content changes (see pagecache.store).
            own_max_age = get_max_age(response)
            max_age = settings.PAGE_CACHE_MAX_AGE
            patch_cache_control(
                response,
                public=True,
                max_age=max_age if own_max_age is None else min(max_age, own_max_age),
            )
            response["Last-Modified"] = http_date()
            set_response_etag(response)
            pagecache.store(request, response, slot, max_seconds=own_max_age)
            response["X-Cache"] = "miss"
        else:
            self.limit_outside_max_age(response)
        return response

    def render(self, request):
        """The view's response, kept no longer than what it shows holds: each timed fragment it
        showed (a call that opens, a measure that expires) noted its moment
        (fragments.cache.note_until), and a template response is rendered by now. Here, not in
        a view, so that no page type or route can miss it."""
        response = self.get_response(request)
        return clock.limit_max_age(response, fragments.shown_until(request))

    @staticmethod
    def limit_outside_max_age(response):
        """A view's own max-age says when its content changes (clock.limit_max_age), which may
        be months away: browsers and proxies keep a page no longer than PAGE_CACHE_MAX_AGE, as
        they do a stored one, so a publish reaches them within that time."""
        own_max_age = get_max_age(response)
        if own_max_age is not None and own_max_age > settings.PAGE_CACHE_MAX_AGE:
            patch_cache_control(response, max_age=settings.PAGE_CACHE_MAX_AGE)

    def is_eligible(self, request):
        return (
            pagecache.timeout() > 0
            and request.method in ("GET", "HEAD")
            and not request.META.get("SCRIPT_NAME")
            and not self.has_personal_cookie(request)
            and not request.path.startswith(settings.PAGE_CACHE_SKIP_PATHS)
            # Last: the query of a request that could not be stored anyway is not read here.
            and pagecache.cacheable_query(request)
        )

    @staticmethod
    def has_personal_cookie(request):
        """A session (a logged-in editor sees the user bar) or pending messages: Django's cookies
        that change what a page shows. Other cookies (CSRF, a browser's own) change nothing."""
        return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES

    @staticmethod
    def is_storable(request, response):
        cache_control = response.get("Cache-Control", "")
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and (not request.GET or getattr(response, "cacheable_query", False))
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            # The key is the address alone: a response that differs by, say, Accept-Encoding
            # would be served to the wrong client. Cookie is fine: only cookie-less visitors
            # (as far as Django's cookies go) are served from the cache.
            and vary <= {"cookie"}
        )


class DatabaseUnavailableMiddleware:
    """Answers the Dutch 503 page, never a traceback, when a view finds the database unavailable.

    Django reconnects by itself on the next request once the database is back
    (CONN_HEALTH_CHECKS), so no restart is needed. Failures outside views (the 404 page, other
    middleware) reach serving.views.server_error, which answers the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if outage.is_outage(exception):
            return outage.unavailable_response(request)
        return None
