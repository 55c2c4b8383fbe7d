"""Every page type, with everything it loads, stays light: ≤ 30 KB compressed, and nothing from
another site.

Sizes are deterministic (gzip at level 9, as WhiteNoise compresses static files), so this is a
budget test, not a timing one. A new page type fails `test_every_page_type_is_weighed` until
an address of it is added to PAGES below.
"""

import gzip
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone
from wagtail.models import get_page_models

from tests.html import soup
from tests.newsroom_factories import make_event, make_news, make_publication
from tests.support_factories import make_call, open_round

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024

# One address per page type (and per route that renders its own template), filled by `content`.
PAGES = {
    "pages.HomePage": "/",
    "pages.AboutPage": "/over-ons/",
    "pages.AboutPage, actor page": "/over-ons/maatwerkbedrijven/",
    "pages.ContentPage": "/toegankelijkheid/",
    "support.SupportIndexPage": "/ondersteuning/",
    "support.MeasurePage": "/ondersteuning/collectief-maatwerk/",
    "support.CallIndexPage": "/oproepen/",
    "support.CallPage": "/oproepen/oproep-werkplekaanpassing/",
    "newsroom.EventIndexPage": "/agenda/",
    "newsroom.EventIndexPage, archive": "/agenda/archief/",
    "newsroom.EventPage": "/agenda/studiedag-sociale-economie/",
    "newsroom.NewsIndexPage": "/nieuws/",
    "newsroom.NewsPage": "/nieuws/maatwerk-in-de-kijker/",
    "newsroom.PublicationIndexPage": "/publicaties/",
    "newsroom.PublicationPage": "/publicaties/gids-voor-maatwerkbedrijven/",
    "opendata.OpenDataPage": "/open-data/",
    "partners.PartnerIndexPage": "/partners/",
}


def compressed_size(content):
    return len(gzip.compress(content, compresslevel=9))


@pytest.fixture
def content(db, maatwerkbedrijven):
    """A call, events, news and a publication, beside the seed content, so that every page type
    has a page."""
    now = timezone.now()
    make_news("Maatwerk in de kijker", now.date(), actor_types=[maatwerkbedrijven])
    make_publication("Gids voor maatwerkbedrijven", now.date(), actor_types=[maatwerkbedrijven])
    make_call("Oproep werkplekaanpassing", [open_round(now)], actor_types=[maatwerkbedrijven])
    make_event("Studiedag sociale economie", now + timedelta(days=20))
    make_event("Netwerkdag vorig jaar", now - timedelta(days=300))


def test_every_page_type_is_weighed():
    ours = {
        model._meta.label
        for model in get_page_models()
        if model._meta.app_label not in ("wagtailcore",)
    }
    weighed = {name.split(",")[0] for name in PAGES}

    assert weighed == ours


@pytest.mark.parametrize("name", PAGES)
def test_a_page_with_its_css_and_js_weighs_at_most_30_kb_compressed(client, content, name):
    response = client.get(PAGES[name])
    assert response.status_code == 200
    html = soup(response)
    assets = [link["href"] for link in html.find_all("link", rel="stylesheet")]
    assets += [link["href"] for link in html.find_all("link", rel="icon")]
    assets += [script["src"] for script in html.find_all("script", src=True)]
    # Nothing the browser fetches comes from another site: no fonts, CDNs, trackers or embeds.
    fetched = assets + [tag["src"] for tag in html.find_all(["img", "iframe", "source"], src=True)]
    assert all(url.startswith("/") and not url.startswith("//") for url in fetched), fetched
    assert all(url.startswith(settings.STATIC_URL) for url in assets), assets

    sizes = {"HTML": compressed_size(response.content)}
    for url in assets:
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        sizes[url] = compressed_size(Path(path).read_bytes())

    assert {"/static/css/main.css", "/static/css/print.css"} <= set(sizes)
    assert sum(sizes.values()) <= BUDGET, sizes
