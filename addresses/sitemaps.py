"""The sitemap at /sitemap.xml: every live, public address, as Wagtail's sitemap lists them.

While the site is small it is one `<urlset>`. Once the site has more live pages than
`SITEMAP_PAGES_PER_FILE` (setting, default 1,000), rendering it in one request costs too much,
and /sitemap.xml becomes a sitemap index (Django's `sitemap_index.xml`, as Wagtail documents) of
sections, one per part of the site: each child of the home page that has pages below it (the
finder with its measures, Oproepen with its calls, …) at /sitemap-<its slug>.xml, and
/sitemap-algemeen.xml for the rest (the home page, Over ons with its actor types, the content
pages). A section with more pages than the limit is split into pages (`?p=2`, listed in the
index). Robots.txt keeps naming /sitemap.xml: search engines accept either kind there.

What a sitemap lists is a site-wide fragment (fragments.cache), computed once per publish: the
number of pages, the sections and each file's addresses; an uncached request then asks the
database nothing.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from fragments.cache import remember

GENERAL = "algemeen"


def pages_per_file():
    return getattr(settings, "SITEMAP_PAGES_PER_FILE", 1000)


class SectionSitemap(Sitemap):
    """The live, public pages of one part of the site: below (and including) `root`, or, with
    `exclude`, the site's pages outside those parts."""

    def __init__(self, request, root=None, exclude=(), name=""):
        super().__init__(request)
        self.root = root
        self.exclude = exclude
        self.name = name
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

    def _urls(self, page, protocol, domain):
        """Wagtail's list of addresses of one file (page: ?p=, a number) and its latest
        change, from the site-wide fragments. Not kept for a page that does not exist (Django's
        paginator raises)."""
        try:
            number = int(page)
        except (TypeError, ValueError):
            return super()._urls(page, protocol, domain)

        def listed():
            urls = super(SectionSitemap, self)._urls(number, protocol, domain)
            # Without the page objects: the template shows only the addresses and dates.
            urls = [{key: value for key, value in url.items() if key != "item"} for url in urls]
            return urls, getattr(self, "latest_lastmod", None)

        site = self.get_wagtail_site()
        urls, self.latest_lastmod = remember(
            self.request, f"sitemap:{site.pk}:{self.name}:{number}", listed
        )
        return urls


def sections(request):
    """{name: SectionSitemap} for the site that serves the request, the general part first."""
    site = Sitemap(request).get_wagtail_site()

    def parts_of_the_site():
        children = Page.objects.child_of(site.root_page).live().public()
        children = children.filter(numchild__gt=0).exclude(slug=GENERAL)
        return list(children.order_by("path"))

    parts = remember(request, f"sitemap-sections:{site.pk}", parts_of_the_site)
    found = {GENERAL: SectionSitemap(request, exclude=parts, name=GENERAL)}
    for part in parts:
        found[part.slug] = SectionSitemap(request, root=part, name=part.slug)
    return found


def is_large(request):
    """Whether the site has more live, public pages than one sitemap file lists."""
    sitemap = Sitemap(request)
    site = sitemap.get_wagtail_site()
    size = remember(request, f"sitemap-size:{site.pk}", lambda: sitemap.items().count())
    return size > pages_per_file()


@x_robots_tag
def sitemap(request):
    """/sitemap.xml: every address while the site is small, else an index of its sections."""
    if not is_large(request):
        return wagtail_sitemap(request, sitemaps={"": SectionSitemap(request)})
    site = Sitemap(request).get_wagtail_site()

    def index_entries():
        entries = []
        for name, section in sections(request).items():
            location = site.root_url + reverse("sitemap-section", kwargs={"section": name})
            entries.append(SitemapIndexItem(location))
            entries += [
                SitemapIndexItem(f"{location}?p={number}")
                for number in range(2, section.paginator.num_pages + 1)
            ]
        return entries

    entries = remember(request, f"sitemap-index:{site.pk}", index_entries)
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section):
    """/sitemap-<section>.xml: one section of the index (a 404 for an unknown one)."""
    found = sections(request)
    if section not in found:
        raise Http404
    return wagtail_sitemap(request, sitemaps=found, section=section)
