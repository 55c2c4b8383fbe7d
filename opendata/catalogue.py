"""What the open data offers, in one list: the open-data page documents it, the "feed_links"
hook links it from the pages it belongs to, and the tests read every address from it.

The JSON fields on the page are read from the schema files themselves (schema_fields), so the
documentation never drifts from what is validated.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
ATOM = "application/atom+xml"
JSON = "application/json"
ICALENDAR = "text/calendar"


@dataclass(frozen=True)
class Dataset:
    """One address of the open data: what it holds, in which format, and its JSON schema."""

    key: str
    title: str
    format: str
    media_type: str
    url_name: str
    description: str
    schema: str | None = None  # the schema's name (opendata/schemas/v1/<name>.schema.json)
    per_actor_type: bool = True

    def path(self):
        return reverse(f"opendata:{self.url_name}")

    def schema_path(self):
        if not self.schema:
            return None
        return reverse("opendata:schema", kwargs={"version": "v1", "name": self.schema})

    def fields(self):
        return schema_fields(self.schema) if self.schema else []


DATASETS = [
    Dataset(
        key="news-atom",
        title=_("News"),
        format="Atom 1.0",
        media_type=ATOM,
        url_name="news-atom",
        description=_(
            "The most recent news items, newest first: title, lead, link, date and the actor "
            "types as categories."
        ),
    ),
    Dataset(
        key="calls-atom",
        title=_("Calls"),
        format="Atom 1.0",
        media_type=ATOM,
        url_name="calls-atom",
        description=_(
            "The most recently changed calls: title, summary with status and deadline, link, "
            "actor types as categories; status (se:status) and deadline (se:deadline) also as "
            "separate elements."
        ),
    ),
    Dataset(
        key="calls-json",
        title=_("Calls"),
        format="JSON",
        media_type=JSON,
        url_name="calls-json",
        description=_(
            "Every published call with its submission rounds, its status computed at the moment "
            "you ask, its deadline and its measure."
        ),
        schema="oproepen",
    ),
    Dataset(
        key="measures-json",
        title=_("Measures"),
        format="JSON",
        media_type=JSON,
        url_name="measures-json",
        description=_(
            "Every published measure: the support the department gives, for whom, its kind and "
            "whether you can still apply."
        ),
        schema="maatregelen",
    ),
    Dataset(
        key="events-ics",
        title=_("Agenda"),
        format="iCalendar",
        media_type=ICALENDAR,
        url_name="events-ics",
        description=_(
            "The agenda to subscribe to in a calendar app: upcoming events and those of the last "
            "90 days, with time (Belgian time), place, description and link. The same calendar as "
            "the one on the agenda page."
        ),
    ),
    Dataset(
        key="events-json",
        title=_("Events"),
        format="JSON",
        media_type=JSON,
        url_name="events-json",
        description=_(
            "Every published event, upcoming and past: when, where, for whom, how to register, "
            "its status computed at the moment you ask and its calendar file."
        ),
        schema="activiteiten",
    ),
]


def absolute_url(request, path):
    """The path on the site that serves the request, with the site's scheme and host name (its
    root URL, as Wagtail's page addresses), never the request's own host name: the page cache
    keeps one copy of a page or feed per site, whatever host name it was asked by."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return root + path


def dataset(key):
    return next(item for item in DATASETS if item.key == key)


@cache
def load_schema(name, version="v1"):
    """The schema file as a dict, read once per process."""
    return json.loads((SCHEMA_DIR / version / f"{name}.schema.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Field:
    """A row of the field table: its path (items[].rounds[].closes_at), JSON type, description."""

    path: str
    type: str
    description: str


def _resolve(schema, node):
    ref = node.get("$ref")
    if ref:
        resolved = schema
        for part in ref.removeprefix("#/").split("/"):
            resolved = resolved[part]
        return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    if "allOf" in node:  # a $ref narrowed by an enum: the first part holds the fields
        return {**_resolve(schema, node["allOf"][0]), "description": node.get("description", "")}
    return node


def _type_name(schema, node):
    node = _resolve(schema, node)
    if "const" in node:
        return "string"
    if "enum" in node:
        return "string"
    if "oneOf" in node:
        kinds = [_type_name(schema, option) for option in node["oneOf"]]
        return " | ".join(kinds)
    kind = node.get("type", "object")
    kind = " | ".join(kind) if isinstance(kind, list) else kind
    if node.get("format") in ("date-time", "uri"):
        kind += f" ({node['format']})"
    return kind


def _walk(schema, node, path):
    node = _resolve(schema, node)
    description = node.get("description", "")
    if "oneOf" in node:
        objects = [
            _resolve(schema, o)
            for o in node["oneOf"]
            if _resolve(schema, o).get("type") == "object"
        ]
        yield Field(path, _type_name(schema, node), description)
        for option in objects:
            yield from _children(schema, option, path)
        return
    yield Field(path, _type_name(schema, node), description)
    if node.get("type") == "array":
        yield from _children(schema, _resolve(schema, node["items"]), path + "[]")
    elif node.get("type") == "object":
        yield from _children(schema, node, path)


def _children(schema, node, path):
    for name, child in node.get("properties", {}).items():
        yield from _walk(schema, child, f"{path}.{name}" if path else name)


def schema_fields(name):
    """Every field of a schema, depth first, as Field rows: the envelope and each item's fields."""
    schema = load_schema(name)
    return list(_children(schema, schema, ""))
