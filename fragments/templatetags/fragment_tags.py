"""{% fragment %}: a part of a template rendered once and kept as a fragment (fragments.cache).

    {% load fragment_tags %}
    {% fragment "actor-type-support" actor_type.pk until=section.expires_at %}
        {% include section.template with section=section.context %}
    {% endfragment %}

Like Django's {% cache %}, but cleared by a publish: the rendered HTML is kept under the current
generation, so any publish or edit that visitors would see renders it afresh. Its key is the
site that serves the request, the template, the name and the values after the name (with their
types; a model instance by its primary key): everything the part shows must follow from those
and the published content. With `until` (an aware datetime; None or a missing variable: no
moment) it is kept only until then; with anything else it is not kept. `until` is resolved only
when the part is rendered anew, so what a view computes for it (a listing's next change) may be
left lazy and is then never computed while the part is kept. `when` (default true)
says whether this render may be kept at all: a part that shows something of the request's own
(its query) is not. Previews are never kept: they show what is not published.
"""

import datetime
import hashlib

from django import template
from django.db import models
from django.template.base import token_kwargs
from wagtail.models import Site

from fragments.cache import remember_until

register = template.Library()

# A moment long past: what a fragment with a moment it cannot use is kept until.
NOT_KEPT = datetime.datetime.min.replace(tzinfo=datetime.UTC)


class FragmentNode(template.Node):
    """The block between {% fragment %} and {% endfragment %}, with the expressions of the name,
    the values and the options, resolved on each render."""

    def __init__(self, nodelist, name, vary_on, options):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.options = options

    def render(self, context):
        request = context.get("request")
        when = self.options["when"].resolve(context) if "when" in self.options else True
        # (A preview keeps nothing either: fragments.cache.remember_until.)
        if request is None or not when:
            return self.nodelist.render(context)
        site = Site.find_for_request(request)  # kept on the request by serving.routing
        name = fragment_name(
            site,
            self.name.resolve(context),
            getattr(self.origin, "template_name", None),
            [expression.resolve(context) for expression in self.vary_on],
        )

        def render():
            # `until` is resolved only to keep a new render: a kept one knows its own, and a
            # view may then never compute it (the data behind a kept listing is not read).
            until = self.options["until"].resolve(context) if "until" in self.options else None
            return self.nodelist.render(context), usable_until(until)

        # A fragment rendered in this request with other values is another name: the key holds
        # them, so the request's memo (fragments.cache) never mixes them up.
        return remember_until(request, name, render)


def usable_until(until):
    """until as remember_until takes it: None (a missing variable resolves to "") or an aware
    datetime; anything else is a moment already past, so the render is shown, not kept (and
    the page that shows it neither: fragments.cache.note_until)."""
    if not until:
        return None
    if isinstance(until, datetime.datetime) and until.tzinfo is not None:
        return until
    return NOT_KEPT


def fragment_name(site, name, template_name, values):
    """The name (fragments.cache) of the {% fragment name value … %} in the template called
    template_name, as the site serves it."""
    keys = [key_of(value) for value in values]
    # Hashed, like Django's make_template_fragment_key: the values may be long (a query).
    digest = hashlib.md5(repr((template_name, keys)).encode(), usedforsecurity=False).hexdigest()
    return f"html:{getattr(site, 'pk', '')}:{name}:{digest}"


def key_of(value):
    """A value as part of a key: its type and text, and a model instance by its primary key
    (two pages with the same title are two fragments)."""
    if isinstance(value, models.Model):
        return (value._meta.label, str(value.pk))
    return (type(value).__name__, str(value))


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment name [value ...] [until=datetime] [when=condition] %}…{% endfragment %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs at least a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, rest = parser.compile_filter(bits[1]), bits[2:]
    vary_on = []
    while rest and "=" not in rest[0]:
        vary_on.append(parser.compile_filter(rest.pop(0)))
    options = token_kwargs(rest, parser)
    if rest or set(options) - {"until", "when"}:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a name, values, then only until= and when=."
        )
    return FragmentNode(nodelist, name, vary_on, options)
