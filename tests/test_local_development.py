"""A newcomer's first commands say what they did and where the site is (issue 11)."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def make_dry_run(*args, installed=True):
    """What `make` would run, without running it; `installed`: the venv counts as installed."""
    options = ["--old-file=.venv/.installed"] if installed else ["--always-make"]
    result = subprocess.run(
        ["make", "--dry-run", *options, *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_create_local_admin_prints_the_address_served_and_gives_admin_an_e_mail_address():
    output = command_output("create_local_admin", "--address", "127.0.0.1:8001")

    assert "log in at http://127.0.0.1:8001/admin/" in output
    assert "password:" in output
    assert get_user_model().objects.get(username="admin").email == "admin@example.org"

    again = command_output("create_local_admin", "--address", "127.0.0.1:8001")
    assert "already exists: log in at http://127.0.0.1:8001/admin/" in again


def test_the_local_site_answers_at_the_development_servers_address():
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()

    output = command_output("use_local_address", "--address", "127.0.0.1:8001")

    assert output.strip() == "The default site now answers as http://127.0.0.1:8001."
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8001"


def test_a_site_address_set_by_hand_is_kept():
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.socialeeconomie.be", 443
    site.save()

    output = command_output("use_local_address", "--address", "127.0.0.1:8001")

    assert "keeps its address" in output
    assert Site.objects.get(is_default_site=True).root_url == "https://www.socialeeconomie.be"


def test_load_initial_data_says_when_nothing_was_needed():
    # The test database already holds the initial content (tests/conftest.py).
    output = command_output("load_initial_data")

    assert output.strip() == (
        "Nothing to load: the database already has the initial content (editors' changes are kept)."
    )


def test_load_initial_data_says_what_it_created():
    from actortypes.models import ActorType

    ActorType.objects.all().delete()

    assert command_output("load_initial_data").strip() == "Created 6 actor types."


@needs_make
def test_make_run_serves_on_the_port_asked_for():
    commands = make_dry_run("run", "PORT=8001")

    assert "use_local_address --address 127.0.0.1:8001" in commands
    assert "create_local_admin --address 127.0.0.1:8001" in commands
    assert "runserver 127.0.0.1:8001" in commands
    assert "runserver 127.0.0.1:8000" in make_dry_run("run")


@needs_make
def test_make_install_shows_its_progress():
    commands = make_dry_run("install", installed=False)

    assert "Installing the pinned dependencies" in commands
    assert "--quiet" not in commands


def test_the_dutch_error_pages_can_be_seen_locally(tmp_path):
    """With DJANGO_DEBUG=false the development settings show the site's own error pages, and
    still serve the stylesheets without collectstatic."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False, HTTP_HOST='127.0.0.1')\n"
        "page = client.get('/bestaat-niet/')\n"
        "css = client.get('/static/css/main.css')\n"
        "print(page.status_code, 'lang=\"nl\"' in page.content.decode(), css.status_code)\n"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "socialeconomy.settings.dev",
        "DJANGO_DEBUG": "false",
        # An empty database: the Dutch page for a database that is not there yet.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, dutch, css_status = result.stdout.split()
    assert (dutch, css_status) == ("True", "200"), result.stdout
