"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys

from django.conf import settings


def run_with_settings(module, env):
    code = "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_settings(
        "socialeconomy.settings.production", {"ALLOWED_HOSTS": "example.org"}
    )
    assert result.returncode != 0
    assert "KeyError: 'SECRET_KEY'" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_settings("socialeconomy.settings.production", {"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_environment_and_trusts_the_proxy():
    result = run_with_settings(
        "socialeconomy.settings.production",
        {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "www.socialeeconomie.be"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_database_url_chooses_the_database():
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
