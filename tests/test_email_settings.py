"""Workflow notifications: console in development, locmem in tests, SMTP from the environment."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW_EMAIL_SETTINGS = """
import django, json
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in (
    "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL", "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL")}))
"""


def email_settings(module, env):
    result = subprocess.run(
        [sys.executable, "-c", SHOW_EMAIL_SETTINGS],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_notifications_over_smtp_as_configured():
    production = email_settings(
        "socialeconomy.settings.production",
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "www.socialeeconomie.be",
            "EMAIL_HOST": "smtp.vlaanderen.example",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "redactie",
            "EMAIL_HOST_PASSWORD": "geheim",
            "EMAIL_USE_TLS": "true",
            "DEFAULT_FROM_EMAIL": "Sociale economie <noreply@socialeeconomie.be>",
        },
    )
    assert production == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.vlaanderen.example",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "redactie",
        "EMAIL_HOST_PASSWORD": "geheim",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "Sociale economie <noreply@socialeeconomie.be>",
        "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL": "Sociale economie <noreply@socialeeconomie.be>",
    }


def test_development_prints_notifications_on_the_console():
    development = email_settings("socialeconomy.settings.dev", {})
    assert development["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_production_uses_implicit_tls_instead_of_starttls_when_asked():
    production = email_settings(
        "socialeconomy.settings.production",
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "www.socialeeconomie.be",
            "EMAIL_PORT": "465",
            "EMAIL_USE_SSL": "true",
        },
    )
    assert production["EMAIL_USE_TLS"] is False
    assert production["DEFAULT_FROM_EMAIL"] == "noreply@www.socialeeconomie.be"
