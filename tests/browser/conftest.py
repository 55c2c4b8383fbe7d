"""Debian's chromium, driven by Playwright, against a live server with the seed content."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect, sync_playwright

from tests.factories import EDITOR_PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR, "var", "screenshots")
PHONE, DESKTOP = 390, 1280
# How long a window waits for a page, an element or an expectation (Playwright: 30 s and 5 s).
# A machine busy with other work is slow, not broken: these are bounds, never measurements.
PATIENCE_MS = 90_000
expect.set_options(timeout=PATIENCE_MS)


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time. On SQLite every thread of the test
    server shares the test's one in-memory connection, and two requests at once (an edit
    screen's background pings beside the form it posts) tangled their savepoints: "no such
    savepoint", then a broken transaction for the rest of the test. Connections are still
    accepted by threads; only the application runs one request at a time, to its end."""

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()  # Django's request_finished, inside the lock too
            return [body]

        super().set_app(one_at_a_time)


if connection.vendor == "sqlite":
    LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        new_context = browser.new_context

        def patient_context(**options):
            context = new_context(**options)
            context.set_default_timeout(PATIENCE_MS)
            return context

        # Every window of every test, also those a test opens itself.
        browser.new_context = patient_context
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, transactional_db):
    # live_server tests empty the database between tests; the loader rebuilds the root page,
    # the Site and the seed content.
    call_command("load_initial_data", verbosity=0)
    return live_server.url


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def width(request):
    return request.param


@pytest.fixture
def page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-BE")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def desktop(browser):
    """Opens a desktop browser window of its own (own cookies) for each editor."""
    contexts = []

    def new_window():
        context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="nl-BE")
        contexts.append(context)
        return context

    yield new_window
    for context in contexts:
        context.close()


def log_in(desktop, site_url, username):
    """Logs in through the real login form, in a window of the editor's own."""
    tab = desktop().new_page()
    tab.goto(site_url + "/admin/login/")
    tab.get_by_label("Gebruikersnaam").fill(username)
    tab.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(site_url + "/admin/")
    return tab
