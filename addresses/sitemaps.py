"""The sitemap at /sitemap.xml: every live, public address, as Wagtail's sitemap lists them.

While the site is small it is one `<urlset>`. Once the site has more live pages than
`SITEMAP_PAGES_PER_FILE` (setting, default 1,000), rendering it in one request costs too much,
and /sitemap.xml becomes a sitemap index (Django's `sitemap_index.xml`, as Wagtail documents) of
sections, one per part of the site: each child of the home page that has pages below it (the
finder with its measures, Oproepen with its calls, …) at /sitemap-<its slug>.xml, and
/sitemap-algemeen.xml for the rest (the home page, Over ons with its actor types, the content
pages). A section with more pages than the limit is split into pages (`?p=2`, listed in the
index). Robots.txt keeps naming /sitemap.xml: search engines accept either kind there.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

GENERAL = "algemeen"


def pages_per_file():
    return getattr(settings, "SITEMAP_PAGES_PER_FILE", 1000)


class SectionSitemap(Sitemap):
    """The live, public pages of one part of the site: below (and including) `root`, or, with
    `exclude`, the site's pages outside those parts."""

    def __init__(self, request, root=None, exclude=()):
        super().__init__(request)
        self.root = root
        self.exclude = exclude
        self.limit = pages_per_file()

    def items(self):
        pages = super().items()
        if self.root is not None:
            return pages.filter(path__startswith=self.root.path)
        for part in self.exclude:
            pages = pages.exclude(path__startswith=part.path)
        return pages

    def get_latest_lastmod(self):
        # The index gives no lastmod: Django's default loads every page of the section, and
        # a section's addresses (Over ons' actor types) may change without any page changing.
        return None


def sections(request):
    """{name: SectionSitemap} for the site that serves the request, the general part first."""
    home = Sitemap(request).get_wagtail_site().root_page
    parts = list(
        Page.objects.child_of(home)
        .live()
        .public()
        .filter(numchild__gt=0)
        .exclude(slug=GENERAL)
        .order_by("path")
    )
    found = {GENERAL: SectionSitemap(request, exclude=parts)}
    for part in parts:
        found[part.slug] = SectionSitemap(request, root=part)
    return found


def is_large(request):
    return Sitemap(request).items().count() > pages_per_file()


@x_robots_tag
def sitemap(request):
    """/sitemap.xml: every address while the site is small, else an index of its sections."""
    if not is_large(request):
        return wagtail_sitemap(request)
    root_url = Sitemap(request).get_wagtail_site().root_url
    entries = []
    for name, section in sections(request).items():
        location = root_url + reverse("sitemap-section", kwargs={"section": name})
        entries.append(SitemapIndexItem(location))
        entries += [
            SitemapIndexItem(f"{location}?p={number}")
            for number in range(2, section.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section):
    """/sitemap-<section>.xml: one section of the index (a 404 for an unknown one)."""
    found = sections(request)
    if section not in found:
        raise Http404
    return wagtail_sitemap(request, sitemaps=found, section=section)
