from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from addresses import sitemaps
from newsroom import views as newsroom_views
from search import views as search_views
from serving import views as serving_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", search_views.search, name="search"),
    # Open data for partners (feeds and JSON); the page that documents them is a Wagtail page.
    path("open-data/", include("opendata.urls")),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("healthz", serving_views.healthz, name="healthz"),
    path("readyz", serving_views.readyz, name="readyz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # A single instance on local disk without a proxy that serves media (docs/deploy.md). Only
    # image renditions: originals and documents (which may not be released yet) never leave
    # through /media/; documents go through Wagtail's view at /documenten/, which checks.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>images/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# Dutch 404 page with search. The 500 page (templates/500.html) needs no database; when the
# error was the database being unavailable, the 500 handler answers the 503 page instead.
handler404 = "pages.views.page_not_found"
handler500 = "serving.views.server_error"

# Wagtail's page tree serves every other URL; it goes last. Calendar files of the agenda and its
# events end in ".ics", which Wagtail's page addresses cannot: they are routes of those pages.
# Pages go through Wagtail's view as serving.views.serve routes them (fewer queries); Wagtail's
# own paths below _util/ (the password form of a private page) stay Wagtail's.
urlpatterns += [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)agenda\.ics$",
        newsroom_views.calendar_file,
        name="calendar_file",
    ),
    re_path(
        r"^(?!_util/)" + wagtail_urls.serve_pattern.removeprefix("^"),
        serving_views.serve,
        name="wagtail_serve",  # Wagtail's name for it: its redirects and ours look for it
    ),
    path("", include(wagtail_urls)),
]
