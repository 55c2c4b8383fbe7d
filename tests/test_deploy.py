"""What an operator relies on: the production checks, settings from the environment, the image.

No Docker engine runs here: what the image runs (its collectstatic step, CMD and HEALTHCHECK)
runs for real in tests/test_entrypoint.py; this file checks the facts only an engine could show.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests import dockerfile

ROOT = Path(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "socialeconomy.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "www.socialeeconomie.be",
}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**env):
    """The production settings that the given environment produces, as JSON."""
    code = """if True:
        import json, django
        from django.conf import settings
        django.setup()
        from django.core.files.storage import storages
        default_storage = storages["default"]
        print(json.dumps({
            "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
            "media_url": default_storage.url("images/logo.width-400.png"),
            "apps": settings.INSTALLED_APPS,
            "frontend_cache": settings.WAGTAILFRONTENDCACHE,
            "csp": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
        }))
    """
    result = run(["-c", code], {**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_pass_the_deploy_checks_without_a_warning():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_without_a_bucket_media_stay_on_the_local_disk_and_no_cdn_is_purged():
    configured = production_settings()

    assert configured["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert configured["media_url"] == "/media/images/logo.width-400.png"
    assert configured["frontend_cache"] == {}
    assert "wagtail.contrib.frontend_cache" not in configured["apps"]


def test_with_a_bucket_media_go_to_s3_compatible_storage_and_the_csp_allows_it():
    configured = production_settings(
        AWS_STORAGE_BUCKET_NAME="socialeconomie-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.be",
        AWS_S3_REGION_NAME="be-east-1",
        AWS_S3_CUSTOM_DOMAIN="media.socialeeconomie.be",
    )

    assert configured["storage"] == "storages.backends.s3.S3Storage"
    # Renditions get plain, stable addresses on the media host: cacheable, no signatures.
    assert configured["media_url"] == "https://media.socialeeconomie.be/images/logo.width-400.png"
    assert "https://media.socialeeconomie.be" in configured["csp"]["img-src"]
    assert configured["csp"]["script-src"] == ["'self'"]


def test_a_cdn_configured_in_the_environment_is_purged_through_wagtail():
    configured = production_settings(
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone-1",
        CLOUDFLARE_BEARER_TOKEN="token-1",
        CLOUDFRONT_DISTRIBUTION_ID="E123",
    )

    assert "wagtail.contrib.frontend_cache" in configured["apps"]
    assert configured["frontend_cache"] == {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://varnish.internal:6081",
        },
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token-1",
            "ZONEID": "zone-1",
        },
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E123",
        },
    }


def test_a_half_configured_cdn_stops_the_start():
    result = run(["-c", "import django; django.setup()"], {**PRODUCTION, "CLOUDFLARE_ZONE_ID": "z"})

    assert result.returncode != 0
    assert "KeyError: 'CLOUDFLARE_BEARER_TOKEN'" in result.stderr


# The image


def test_the_image_is_multi_stage_slim_and_runs_as_a_user_without_privileges():
    instructions = dockerfile.instructions()
    stages = [args for op, args in instructions if op == "FROM"]
    base = next(args for op, args in instructions if op == "ARG" and "PYTHON_IMAGE" in args)

    assert base == "PYTHON_IMAGE=python:3.11-slim-bookworm"
    assert stages == ["${PYTHON_IMAGE} AS builder", "${PYTHON_IMAGE} AS runtime"]
    runtime = instructions[[op for op, _ in instructions].index("FROM", 2) :]
    users = [args for op, args in runtime if op == "USER"]
    assert users == ["app"]
    assert "useradd --system --uid 10001" in " ".join(args for op, args in runtime if op == "RUN")
    # Build tools stay in the builder stage.
    assert "build-essential" not in " ".join(args for _, args in runtime)


def test_the_image_installs_exactly_the_lock_and_listens_where_it_says():
    assert "pip install --requirement requirements.lock" in " ".join(dockerfile.arguments("RUN"))
    # bin/start binds to $PORT: the port the image announces.
    assert dockerfile.arguments("EXPOSE") == ["8000"]
    assert "PORT=8000" in dockerfile.arguments("ENV")[-1].split()


def test_the_build_context_leaves_out_what_the_image_must_not_carry():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    ignored = [line.strip() for line in lines if line.strip() and not line.startswith("#")]

    for path in [".git", ".venv", "/media", "/staticfiles", "db.sqlite3", ".env"]:
        assert path in ignored
    for needed in ["bin", "locale", "content", "templates", "static", "requirements.lock"]:
        assert not any(needed == p.strip("/") for p in ignored), needed


def test_the_compose_stack_migrates_once_per_release_and_publishes_every_minute():
    stack = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = stack["services"]

    assert set(services) == {"db", "redis", "release", "web", "scheduler"}
    assert services["release"]["command"] == ["bin/release"]
    assert services["release"]["restart"] == "no"
    assert services["web"]["command"] == ["bin/start"]
    assert services["web"]["depends_on"]["release"] == {
        "condition": "service_completed_successfully"
    }
    # That bin/release migrates and bin/start does not: tests/test_entrypoint.py.
    assert "manage.py publish_scheduled; sleep 60" in services["scheduler"]["command"][-1]
    environment = services["web"]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "socialeconomy.settings.production"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["DATABASE_URL"].startswith("postgres://socialeconomy:")
    # Secrets come from the operator's .env; compose refuses to start without them.
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")


# Pinned dependencies


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked():
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonical(name): pinned for name, pinned in pins.items()}


def test_the_lock_pins_every_run_time_dependency_as_pyproject_does():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = locked()

    for requirement in project["dependencies"]:
        name, pinned = requirement.split("==")
        name = canonical(re.sub(r"\[.*\]", "", name))
        assert lock.get(name) == pinned, f"{name}: run `make lock` after changing pyproject.toml"


def test_development_runs_the_versions_the_image_ships():
    mismatched = {
        name: (pinned, version(name))
        for name, pinned in locked().items()
        if version(name) != pinned
    }
    assert mismatched == {}, "run `make lock`, then `make install`"


@pytest.mark.parametrize("name", ["pytest", "ruff", "playwright", "pip-audit"])
def test_dev_tools_stay_out_of_the_image(name):
    assert canonical(name) not in locked()
