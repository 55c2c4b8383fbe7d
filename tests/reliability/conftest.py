"""Real services on 127.0.0.1 for the reliability tests: a throwaway PostgreSQL cluster and Redis,
and gunicorn running the production WSGI application with production settings.

They are slower than the rest (about three minutes) and carry the `reliability` marker:
`make test-reliability` runs only them, `make test` runs them with everything else.
"""

import os
import tempfile
from pathlib import Path

import pytest

from bench.services import (
    Gunicorn,
    PostgresServer,
    RedisServer,
    free_port,
    manage,
    missing_tools,
    prepare_site,
    production_env,
)

DATABASE = "socialeconomy"
EDITOR = ("hoofdredacteur", "een-lang-test-wachtwoord-42")


@pytest.fixture(scope="session")
def services_available():
    missing = missing_tools()
    if missing:
        message = f"Reliability tests need {', '.join(missing)} (PostgreSQL 15 and Redis)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def postgres(services_available):
    server = PostgresServer(free_port(55432, 55440))
    server.start()
    server.create_database(DATABASE)
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def redis_server(services_available):
    server = RedisServer(free_port(56379, 56389))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def media_root():
    with tempfile.TemporaryDirectory(prefix="socialeconomy-media-") as folder:
        yield Path(folder)


@pytest.fixture(scope="session")
def site_env(postgres, redis_server, media_root):
    """The production environment of every instance: one database, one Redis, one media store."""
    env = production_env(postgres.url(DATABASE), redis_server.url, media_root)
    prepare_site(env)
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": EDITOR[1]},
        "createsuperuser",
        "--no-input",
        "--username",
        EDITOR[0],
        "--email",
        "hr@example.org",
    )
    return env


@pytest.fixture
def start_instance(site_env, tmp_path):
    """Starts gunicorn instances on ports of their own; stops them after the test."""
    instances = []

    def start(env=None, **options):
        port = free_port(8401, 8499)
        instance = Gunicorn(port, env or site_env, log_dir=tmp_path, **options)
        instances.append(instance)
        return instance.start()

    yield start
    for instance in instances:
        instance.stop()


@pytest.fixture
def running_postgres(postgres):
    """The shared database is up, and is up again after a test that stopped it."""
    if not postgres.is_running():
        postgres.start()
    yield postgres
    if not postgres.is_running():
        postgres.start()


@pytest.fixture
def running_redis(redis_server):
    if redis_server.process is None:
        redis_server.start()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
