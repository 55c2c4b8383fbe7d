"""What search engines and link previews read: title, description, canonical URL, Open Graph tags
and JSON-LD (the department as a GovernmentOrganization, the page as a WebPage, its breadcrumbs)."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import get_text_for_indexing

from pages import vlaanderen_widget
from pages.models import Footer
from pages.sections import sections_from_hooks
from pages.templatetags.navigation_tags import breadcrumb_trail, department_name

register = template.Library()

# An introduction stands in for a missing description, cut to what search engines show.
INTRO_DESCRIPTION_LENGTH = 160
# JSON-LD sits inside <script>: these characters must never close it or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def default_description(site_name, department):
    """The site's description, naming the department when a footer names it."""
    if not department:
        return _(
            "%(site_name)s: the hub for everyone interested in social economy and social "
            "entrepreneurship in Flanders."
        ) % {"site_name": site_name}
    return _(
        "%(site_name)s is an initiative of the %(department)s: the hub for everyone interested in "
        "social economy and social entrepreneurship in Flanders."
    ) % {"site_name": site_name, "department": department}


def plain_text(rich_text):
    """The text of rich text, with a space between its paragraphs (Wagtail's own extraction)."""
    return " ".join(get_text_for_indexing(rich_text or "").split())


def json_ld(data):
    """Serialises data for a <script type="application/ld+json"> element, safely."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))


def postal_address(address):
    """The footer's address ("street\\n1030 Brussel") as a schema.org PostalAddress."""
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    if not lines:
        return None
    data = {"@type": "PostalAddress", "streetAddress": ", ".join(lines[:-1]) or lines[0]}
    match = re.fullmatch(r"(\d{4})\s+(.+)", lines[-1])
    if match and len(lines) > 1:
        data.update(postalCode=match[1], addressLocality=match[2])
    data["addressCountry"] = "BE"
    return data


def organisation(footer, root_url):
    data = {
        "@type": "GovernmentOrganization",
        "@id": f"{root_url}/#organisatie",
        "name": footer.organisation,
        "url": f"{root_url}/",
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": _("Flemish government"),
            "url": "https://www.vlaanderen.be",
        },
    }
    if footer:
        if address := postal_address(footer.address):
            data["address"] = address
        if footer.phone:
            data["telephone"] = footer.phone
        if footer.email:
            data["email"] = footer.email
    return data


def breadcrumb_list(crumbs, url):
    return {
        "@type": "BreadcrumbList",
        "@id": f"{url}#kruimelpad",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item_url}
            for position, (name, item_url) in enumerate(crumbs, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def page_meta(context):
    """What the <head> says about the page, from the page or actor type being shown.

    A view without a page sets meta_title, meta_description and meta_noindex in its context; a
    page whose address has a meaningful query (the finder's filters) sets meta_query; a route
    below a page, meta_route.
    """
    request = context.get("request")
    page = context.get("page")
    actor_type = context.get("actor_type")
    site = Site.find_for_request(request) if request else None
    site_name = (site.site_name if site else "") or _("Sociale economie")
    root_url = site.root_url if site else ""
    footer = Footer.for_request(request) if request else None

    url = last_modified = None
    crumbs = []
    if page is not None:
        crumbs = [(name, crumb.get_full_url(request)) for name, crumb in breadcrumb_trail(page)]
    if actor_type is not None:
        page_title = actor_type.name
        page_description = actor_type.summary
        # The page shown with an actor type is Over ons, which serves it (a preview may have none).
        url = page.actor_type_url(actor_type, request, full_url=True) if page else None
        last_modified = actor_type.last_published_at
        crumbs.append((actor_type.name, url))
    elif page is not None:
        page_title = page.seo_title or page.title
        intro = Truncator(plain_text(getattr(page, "intro", ""))).chars(INTRO_DESCRIPTION_LENGTH)
        page_description = page.search_description or intro
        url = page.get_full_url(request)
        last_modified = page.last_published_at
        # A route below the page that is a page of its own (the agenda's archive) sets
        # meta_route: its path below the page; its title (meta_title) is the last crumb.
        if url and context.get("meta_route"):
            url += context["meta_route"]
            crumbs.append((context.get("meta_title") or page_title, url))
    else:
        page_title = page_description = ""

    title = context.get("meta_title") or page_title or site_name
    department = department_name(request)
    description = (
        context.get("meta_description")
        or page_description
        or default_description(site_name, department)
    )
    is_home = page is not None and actor_type is None and site and page.pk == site.root_page_id
    # The home page's title is the site's name: it names the department instead.
    suffix = department if (is_home or title == site_name) and department else site_name
    document_title = f"{title} | {suffix}" if title != suffix else title

    graph = [
        *([organisation(footer, root_url)] if footer else []),
        {
            "@type": "WebSite",
            "@id": f"{root_url}/#website",
            "name": site_name,
            "url": f"{root_url}/",
            "inLanguage": "nl-BE",
        },
    ]
    if footer:
        graph[-1]["publisher"] = {"@id": f"{root_url}/#organisatie"}
    if url:
        web_page = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": title,
            "description": description,
            "inLanguage": "nl-BE",
            "isPartOf": {"@id": f"{root_url}/#website"},
        }
        if last_modified:
            web_page["dateModified"] = last_modified
        if len(crumbs) > 1:
            web_page["breadcrumb"] = {"@id": f"{url}#kruimelpad"}
            graph.append(breadcrumb_list(crumbs, url))
        # A page type may describe what it is about (a measure: a GovernmentService).
        if actor_type is None and hasattr(page, "main_entity"):
            entity = page.main_entity(url, f"{root_url}/#organisatie", request)
            web_page["mainEntity"] = {"@id": entity["@id"]}
            graph.append(entity)
        graph.insert(2, web_page)

    return {
        "document_title": document_title,
        "title": title,
        "description": description,
        "canonical_url": url + context["meta_query"] if url and context.get("meta_query") else url,
        "site_name": site_name,
        "noindex": bool(context.get("meta_noindex")),
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


@register.inclusion_tag("components/vlaanderen_widget.html", takes_context=True)
def vlaanderen_widget_script(context, part):
    """The embed script of the Vlaanderen global header or footer, when the widget is on."""
    urls = vlaanderen_widget.script_urls(context.get("request"))
    return {"src": urls.get(part) if urls else None}


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the feeds and data that match the page, from the "feed_links"
    hooks: each takes (request, page, actor_type) and returns a list of {"href", "type",
    "title"} (the open data app adds its Atom feeds and JSON documents)."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    page, actor_type = context.get("page"), context.get("actor_type")
    return {"links": sections_from_hooks("feed_links", request, page, actor_type)}
