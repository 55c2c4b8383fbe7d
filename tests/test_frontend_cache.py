"""A CDN in front of the site is told to forget the pages that a publication changes.

The CDN is a real HTTP server on 127.0.0.1 that records the PURGE requests Wagtail's frontend
cache sends it (the "http" backend, as for Varnish or nginx).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from actortypes.models import ActorType

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn(settings):
    purged = []

    class PurgeHandler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append(f"{self.headers['Host']}{self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield purged
    server.shutdown()
    server.server_close()


ACTOR_PAGES = {
    f"localhost/over-ons/{slug}/"
    for slug in [
        "activiteitencooperaties",
        "lokale-besturen",
        "lokale-diensteneconomie",
        "maatwerkbedrijven",
        "ondernemingen",
        "sociale-ondernemingen",
    ]
}


def test_publishing_an_actor_type_purges_every_page_that_shows_it(cdn, maatwerkbedrijven):
    maatwerkbedrijven.summary = "Een nieuwe samenvatting."
    maatwerkbedrijven.save_revision().publish()

    assert set(cdn) == {"localhost/", "localhost/over-ons/"} | ACTOR_PAGES


def test_unpublishing_an_actor_type_purges_its_page_too(cdn, maatwerkbedrijven):
    maatwerkbedrijven.unpublish()

    assert "localhost/over-ons/maatwerkbedrijven/" in cdn
    assert "localhost/over-ons/" in cdn
    assert not ActorType.objects.live().filter(slug="maatwerkbedrijven").exists()


def test_over_ons_tells_the_cdn_about_the_actor_pages_below_it(about):
    assert set(about.get_cached_paths()) == {"/"} | {
        path.removeprefix("localhost/over-ons") for path in ACTOR_PAGES
    }


def test_without_a_cdn_publishing_purges_nothing(cdn, settings, maatwerkbedrijven):
    settings.WAGTAILFRONTENDCACHE = {}

    maatwerkbedrijven.save_revision().publish()

    assert cdn == []
    assert ActorType.objects.live().filter(slug="maatwerkbedrijven").exists()
