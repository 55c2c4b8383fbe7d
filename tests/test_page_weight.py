"""A content page, with everything it loads from this site, stays light: ≤ 30 KB compressed.

Sizes are deterministic (gzip at level 9, as WhiteNoise compresses static files), so this is a
budget test, not a timing one.
"""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.html import soup

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024


def compressed_size(content):
    return len(gzip.compress(content, compresslevel=9))


def test_a_content_page_with_its_css_and_js_weighs_at_most_30_kb_compressed(client):
    response = client.get("/toegankelijkheid/")
    html = soup(response)
    assets = [link["href"] for link in html.find_all("link", rel="stylesheet")]
    assets += [link["href"] for link in html.find_all("link", rel="icon")]
    assets += [script["src"] for script in html.find_all("script", src=True)]
    assert all(url.startswith(settings.STATIC_URL) for url in assets)

    sizes = {"HTML": compressed_size(response.content)}
    for url in assets:
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        sizes[url] = compressed_size(Path(path).read_bytes())

    assert set(sizes) == {
        "HTML",
        "/static/css/main.css",
        "/static/css/print.css",
        "/static/img/favicon.svg",
    }
    assert sum(sizes.values()) <= BUDGET, sizes
