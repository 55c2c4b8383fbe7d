"""{% fragment %}: a part of a template rendered once and kept as a fragment (fragments.cache).

    {% load fragment_tags %}
    {% fragment "actor-type-support" actor_type.pk until=section.expires_at %}
        {% include section.template with section=section.context %}
    {% endfragment %}

The rendered HTML is kept under the current generation (so any publish or edit visitors would
see renders it afresh), for the site that serves the request and the values after the name (the
key: everything the part shows must follow from them and the published content), and, with
`until` (an aware datetime or None), only until then. `when` (default true) says whether this
render may be kept at all: a part that shows the request's own query is not. Previews are never
kept: they show what is not published. Like Django's {% cache %}, but cleared by a publish.
"""

import hashlib

from django import template
from django.template.base import token_kwargs
from wagtail.models import Site

from fragments.cache import remember_until

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, options):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.options = options

    def render(self, context):
        request = context.get("request")
        options = {key: value.resolve(context) for key, value in self.options.items()}
        if (
            request is None
            or getattr(request, "is_preview", False)
            or not options.get("when", True)
        ):
            return self.nodelist.render(context)
        site = Site.find_for_request(request)  # kept on the request by serving.routing
        vary_on = [str(value.resolve(context)) for value in self.vary_on]
        # Hashed, like Django's make_template_fragment_key: the values may be long (a query).
        digest = hashlib.md5(repr(vary_on).encode(), usedforsecurity=False).hexdigest()
        name = f"html:{getattr(site, 'pk', '')}:{self.name.resolve(context)}:{digest}"
        # A fragment rendered in this request with other values is another name: the key holds
        # them, so the request's memo (fragments.cache) never mixes them up.
        return remember_until(
            request, name, lambda: (self.nodelist.render(context), options.get("until"))
        )


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
