import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from actortypes.models import ActorType
from pages.models import AboutPage, HomePage
from serving import pagecache
from tests.factories import make_editor, uploaded_image


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from what a fresh install shows: the seed content, loaded once."""
    with django_db_blocker.unblock():
        call_command("load_initial_data", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page stored by one test must not show in another
    (nor the process's copy of one)."""
    cache.clear()
    pagecache.process_copy.follow(None)
    yield
    cache.clear()
    pagecache.process_copy.follow(None)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def about(db):
    return AboutPage.objects.get()


@pytest.fixture
def maatwerkbedrijven(db):
    return ActorType.objects.get(slug="maatwerkbedrijven")


@pytest.fixture
def photo(db):
    """An uploaded photo, IMG_2024-03_werkvloer.png, titled as Wagtail's upload titles it."""
    image = uploaded_image()
    yield image
    image.file.delete(save=False)
    image.delete()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="beheerder", email="beheerder@example.org", password="test-wachtwoord"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def pytest_collection_modifyitems(config, items):
    """Tests in tests/browser/ and tests/reliability/ carry their folder's marker, so that
    `pytest -m browser` or `make test-reliability` pick exactly them. Tests marked
    `postgresql` are deselected (not skipped: CI fails on a skip) on SQLite; the PostgreSQL
    pass runs them."""
    for item in items:
        folder = item.path.parent.name
        if folder in ("browser", "reliability"):
            item.add_marker(getattr(pytest.mark, folder))
    if connection.vendor != "postgresql":
        only_postgresql = [item for item in items if item.get_closest_marker("postgresql")]
        if only_postgresql:
            config.hook.pytest_deselected(items=only_postgresql)
            items[:] = [item for item in items if item not in only_postgresql]


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: every test must really run on every database."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} skipped test(s) count as failures.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Editors, one per group of editorial.roles; the groups come from the migration or the loader.


@pytest.fixture
def redacteur(db):
    return make_editor("rita", "Redacteurs")


@pytest.fixture
def hoofdredacteur(db):
    return make_editor("hugo", "Hoofdredacteurs")


@pytest.fixture
def beheerder(db):
    return make_editor("bea", "Beheerders")
