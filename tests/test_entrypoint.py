"""The container's commands, run for real outside Docker: bin/release prepares a fresh database,
the Dockerfile's collectstatic step builds the static files, its CMD (bin/start) serves the site
with production settings under gunicorn, its HEALTHCHECK probes it.

The database is the suite's kind: a fresh PostgreSQL database next to the test database when
the suite runs on PostgreSQL, a fresh SQLite file otherwise.
"""

import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests import dockerfile
from tests.network import free_port

ROOT = Path(settings.BASE_DIR)
HOST = "www.socialeeconomie.be"


@pytest.fixture(scope="module")
def database_url(tmp_path_factory, django_db_blocker):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp('entrypoint') / 'site.sqlite3'}"
        return
    name = f"{database['NAME']}_entrypoint"
    server = {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def environment(tmp_path_factory, database_url):
    """What an operator sets for a container, plus where this machine keeps the tools."""
    return {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "socialeconomy.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "BIND_ADDRESS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
    }


def run(command, environment):
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


class Server:
    def __init__(self, environment, log):
        self.port = free_port()
        self.environment = {**environment, "PORT": str(self.port)}
        self.log = log
        self.process = subprocess.Popen(
            dockerfile.command(),
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def get(self, path, headers=None, https=True, timeout=30):
        """A request as the TLS proxy forwards it; redirects are not followed."""
        headers = {
            "Host": HOST,
            **({"X-Forwarded-Proto": "https"} if https else {}),
            **(headers or {}),
        }
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        opener = urllib.request.build_opener(NoRedirects)
        try:
            return opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            return error

    def wait_until_alive(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not answer /healthz:\n" + self.log_text())

    def log_text(self):
        self.log.flush()
        return Path(self.log.name).read_text()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def site(environment, tmp_path_factory):
    """The release step on a fresh database, the seed content, the image's static files, then
    the container's command."""
    run(["bin/release"], environment)
    run([sys.executable, "manage.py", "load_initial_data"], environment)
    run(["sh", "-c", dockerfile.build_step("collectstatic")], environment)
    with open(tmp_path_factory.mktemp("log") / "gunicorn.log", "w+") as log:
        server = Server(environment, log)
        try:
            server.wait_until_alive()
            yield server
        finally:
            server.stop()


def test_the_release_step_checks_the_configuration_and_migrates(site, environment):
    # bin/release ran in the fixture on an empty database; a second run changes nothing.
    result = run(["bin/release"], environment)
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "No migrations to apply." in result.stdout


def test_the_started_site_serves_its_pages_with_the_security_headers(site):
    response = site.get("/")

    assert response.status == 200
    html = response.read().decode()
    assert "<h1" in html and "Sociale economie" in html
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"].split("; ")
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert site.get("/over-ons/maatwerkbedrijven/").status == 200


def test_plain_http_is_sent_to_https_but_health_probes_are_not(site):
    response = site.get("/over-ons/", https=False)

    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/over-ons/"
    assert site.get("/healthz", https=False).status == 200
    assert site.get("/readyz", https=False).status == 200


def test_static_files_come_hashed_compressed_and_cached_for_a_year(site):
    html = site.get("/").read().decode()
    stylesheet = re.search(r'href="(/static/css/main\.[0-9a-f]{12}\.css)"', html).group(1)

    response = site.get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=315360000" in response.headers["Cache-Control"]


def test_the_image_healthcheck_passes_against_the_running_site(site):
    result = subprocess.run(
        dockerfile.healthcheck_command(), cwd=ROOT, env=site.environment, timeout=30
    )
    assert result.returncode == 0


def test_the_container_command_leaves_migrations_to_the_release_step(environment, tmp_path):
    # Any number of instances start at once: only bin/release migrates.
    database = tmp_path / "fresh.sqlite3"
    fresh = {**environment, "DATABASE_URL": f"sqlite:///{database}"}
    with open(tmp_path / "gunicorn.log", "w+") as log:
        server = Server(fresh, log)
        try:
            server.wait_until_alive()
        finally:
            server.stop()

    tables = []
    if database.exists():
        with sqlite3.connect(database) as connection:
            tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []


def test_without_a_database_the_process_is_alive_but_not_ready(environment, tmp_path):
    closed_port = free_port()
    broken = {**environment, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port}/x"}
    with open(tmp_path / "gunicorn.log", "w+") as log:
        server = Server(broken, log)
        try:
            server.wait_until_alive()
            response = server.get("/readyz")
            assert response.status == 503
            assert response.read() == b"database unavailable\n"
            assert "no-store" in response.headers["Cache-Control"]
            healthcheck = subprocess.run(
                dockerfile.healthcheck_command(), cwd=ROOT, env=server.environment, timeout=30
            )
            assert healthcheck.returncode == 0
        finally:
            server.stop()


def heading(response):
    return BeautifulSoup(response.read(), "html.parser").h1.get_text(strip=True)


def test_gunicorn_takes_no_script_name_from_a_header_even_from_the_proxy(site):
    # The proxy's address (127.0.0.1 here) is trusted for X-Forwarded-Proto. A SCRIPT_NAME
    # header that it passed on would make /over-ons/ render the home page, for every visitor
    # once cached.
    for _ in range(2):
        response = site.get("/over-ons/", headers={"SCRIPT_NAME": "/over-ons"})
        assert response.status == 200
        assert heading(response) == "Over ons"
    assert heading(site.get("/over-ons/")) == "Over ons"
    assert heading(site.get("/over-ons/", headers={"PATH_INFO": "/"})) == "Over ons"


@contextmanager
def silent_listener():
    """A port that accepts connections and never says a word: a hung database server."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                pass

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def test_a_database_that_never_answers_gives_the_503_and_healthz_keeps_answering(
    environment, tmp_path
):
    # psycopg would wait about two minutes for such a database; the connect timeout (3 s) ends
    # each wait well inside the client's patience here, on a busy machine too.
    patience = 20
    with silent_listener() as port, open(tmp_path / "gunicorn.log", "w+") as log:
        hung = {**environment, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/x"}
        server = Server(hung, log)
        try:
            server.wait_until_alive()
            # Twice as many page requests at once as the server has threads (2 workers x 2).
            urls = ["/", "/over-ons/", "/favicon.ico", "/bestaat-niet/"] * 2
            with ThreadPoolExecutor(len(urls)) as pool:
                pages = [pool.submit(server.get, url, timeout=patience) for url in urls]
                health = server.get("/healthz", timeout=patience)
                answers = [page.result() for page in pages]

            assert health.status == 200
            for answer in answers:
                assert answer.status == 503
                assert answer.headers["Retry-After"] == "30"
                assert heading(answer) == "Tijdelijk niet beschikbaar"
            assert server.get("/readyz", timeout=patience).status == 503
            assert "Internal Server Error" not in server.log_text()
        finally:
            server.stop()
