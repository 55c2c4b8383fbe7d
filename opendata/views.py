"""The open-data addresses: Atom feeds and versioned JSON documents with their schemas.

Each answers GET and HEAD only (405 otherwise), may be read from any origin (CORS), and is
cached like a page (serving.middleware): stored in the page cache until the next publish or
until what it shows changes (a call opens or closes), with an ETag and a Last-Modified for 304
answers. ``?voor=<actor type slug>`` narrows it to one published actor type; an unknown one is
the Dutch 404 page.
"""

import json
from functools import wraps
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from actortypes.models import ActorType
from newsroom import agenda, calendar
from newsroom.models import EventIndexPage
from opendata import payloads
from opendata.feeds import CallFeed, NewsFeed
from opendata.licence import calendar_with_licence
from pages import clock

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
ACTOR_TYPE_PARAMETER = "voor"


def requested_actor_type(request):
    """The published actor type that ?voor=<slug> names, or None without the parameter.

    Raises Http404 (the Dutch 404 page) for an unknown slug, an empty one or more than one.
    """
    slugs = request.GET.getlist(ACTOR_TYPE_PARAMETER)
    if not slugs:
        return None
    actor_type = ActorType.objects.live().filter(slug=slugs[0]).first() if len(slugs) == 1 else None
    if actor_type is None:
        raise Http404(_("There is no such actor type."))
    return actor_type


def open_data(view):
    """Makes view(request, actor_type) an open-data address, as the module describes. The view
    returns (response, the moment its content next changes or None)."""

    @csrf_exempt  # nothing to protect: it only reads, and answers 405 to anything else
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"],
                _("This address can only be read (GET or HEAD).") + "\n",
                content_type="text/plain; charset=utf-8",
            )
        actor_type = requested_actor_type(request)
        response, next_change = view(request, actor_type, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        # When it was rendered, as the page cache says of the copy it keeps.
        response["Last-Modified"] = http_date()
        # The page cache may keep it for the query string only when that names one known actor
        # type and nothing else.
        response.cacheable_query = [*request.GET.lists()] in (
            [],
            [(ACTOR_TYPE_PARAMETER, [actor_type.slug if actor_type else None])],
        )
        return clock.limit_max_age(response, next_change)

    return wrapped


def json_response(payload):
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json",
    )


@open_data
def measures_json(request, actor_type):
    payload, next_change = payloads.measures(request, actor_type)
    return json_response(payload), next_change


@open_data
def calls_json(request, actor_type):
    payload, next_change = payloads.calls(request, actor_type)
    return json_response(payload), next_change


@open_data
def calls_atom(request, actor_type):
    feed = CallFeed(request, actor_type)
    return feed(request), feed.next_change()


@open_data
def news_atom(request, actor_type):
    feed = NewsFeed(request, actor_type)
    return feed(request), feed.next_change()


@open_data
def events_json(request, actor_type):
    payload, next_change = payloads.events(request, actor_type)
    return json_response(payload), next_change


@open_data
def events_ics(request, actor_type):
    """The agenda's calendar feed (newsroom.agenda.calendar_feed: upcoming events and those of
    the last 90 days, for everyone or ?voor=<slug>), as newsroom.calendar writes it, with the
    licence."""
    index_page = EventIndexPage.objects.live().first()
    if index_page is None:
        data, next_change = calendar.calendar_for([], request), None
    else:
        feed = agenda.calendar_feed(index_page, request)
        data = calendar.calendar_for(feed.events, request, name=feed.name)
        next_change = feed.next_change
    response = HttpResponse(calendar_with_licence(data), content_type=calendar.CONTENT_TYPE)
    return response, next_change


@open_data
def schema(request, actor_type, version, name):
    """A JSON Schema file of opendata/schemas/ as it is in the repository."""
    path = SCHEMA_DIR / version / f"{name}.schema.json"
    if not path.is_file():
        raise Http404(_("There is no such schema."))
    return HttpResponse(path.read_bytes(), content_type="application/schema+json"), None
