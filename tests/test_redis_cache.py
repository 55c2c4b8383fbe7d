"""With REDIS_URL, processes share the page cache in Redis; a Redis that is down breaks nothing."""

import subprocess
import uuid

import pytest
import redis
from django.core.cache import cache

from bench.services import port_is_free, wait_for
from fragments import cache as fragments
from fragments import tracking
from serving import pagecache
from tests.html import soup
from tests.network import free_port

pytestmark = pytest.mark.django_db

# The project's own database number on the machine's Redis; tests may empty it.
REDIS_URL = "redis://127.0.0.1:6379/4"


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "socialeconomy-tests",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


@pytest.fixture
def shared_redis(settings):
    settings.CACHES = redis_cache(REDIS_URL)
    cache.clear()
    yield cache
    cache.clear()


def test_pages_are_stored_in_redis_and_publishing_clears_them(
    client, shared_redis, maatwerkbedrijven
):
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert client.get("/over-ons/")["X-Cache"] == "hit"
    stored = redis.Redis.from_url(REDIS_URL).keys("socialeconomy-tests:*pagecache:entry:*")
    assert len(stored) == 1

    maatwerkbedrijven.summary = "Gedeeld via Redis."
    maatwerkbedrijven.save_revision().publish()

    response = client.get("/over-ons/")
    assert response["X-Cache"] == "miss"
    assert "Gedeeld via Redis." in response.content.decode()


def test_each_process_serves_its_copy_only_while_redis_has_the_generation_it_was_stored_in(
    client, shared_redis, monkeypatch
):
    first = client.get("/over-ons/")
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    # Another process, with no copy of its own, reads the page from Redis.
    monkeypatch.setattr(pagecache, "process_copy", pagecache.ProcessCopy())
    from_redis = client.get("/over-ons/")
    assert from_redis["X-Cache"] == "hit"
    assert from_redis.content == first.content

    # A publish in yet another process only writes a new generation to Redis: no copy of the
    # old one is served any more.
    cache.set(fragments.GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    assert client.get("/over-ons/")["X-Cache"] == "miss"


def get_commands():
    """How many GET commands the Redis server has answered (for every client)."""
    stats = redis.Redis.from_url(REDIS_URL).info("commandstats")
    return stats.get("cmdstat_get", {}).get("calls", 0)


def test_a_hit_asks_redis_nothing_while_the_generation_is_unchanged(client, shared_redis):
    client.get("/over-ons/")
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    # Client tracking keeps this process's copy of the generation true without asking Redis.
    # (The count is the whole server's: a job sharing this Redis would show up here.)
    before = get_commands()
    for _ in range(5):
        assert client.get("/over-ons/")["X-Cache"] == "hit"
    assert get_commands() == before


def test_a_new_generation_is_seen_after_the_connection_broke(client, shared_redis):
    client.get("/over-ons/")
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    # A lost connection loses what Redis would have pushed on it: the copy goes with it.
    other_process = redis.Redis.from_url(REDIS_URL)
    (watch,) = [w for name, w in tracking._watches.items() if name[1] == REDIS_URL]
    host, port = watch.connection._sock.getsockname()[:2]
    other_process.client_kill_filter(addr=f"{host}:{port}")
    cache.set(fragments.GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    # An emptied Redis (a restart without persistence) has no generation: a new one starts.
    other_process.flushdb()
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert client.get("/over-ons/")["X-Cache"] == "hit"


@pytest.fixture
def redis_without_tracking():
    """A Redis of its own that refuses CLIENT (as some proxies and managed services do)."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--rename-command", "CLIENT", ""],
        stdout=subprocess.DEVNULL,
    )
    wait_for(lambda: not port_is_free(port), 10, "Redis")
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait()


def test_a_redis_that_refuses_tracking_is_asked_no_more_and_pages_are_still_cached(
    client, settings, redis_without_tracking, caplog
):
    settings.CACHES = redis_cache(redis_without_tracking)
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert client.get("/over-ons/")["X-Cache"] == "hit"
    assert "Redis refuses client tracking" in caplog.text

    # The generation comes from django-redis's own read, one round trip a hit, as before.
    (watch,) = [w for name, w in tracking._watches.items() if name[1] == redis_without_tracking]
    assert watch.connection is None
    errors = []
    for _ in range(2):
        with pytest.raises(redis.RedisError) as raised:
            watch.read()
        errors.append(raised.value)
    # A new error each time: one raised again and again would grow its traceback per request.
    assert errors[0] is not errors[1]
    assert caplog.text.count("Redis refuses client tracking") == 1


def test_with_redis_down_pages_are_served_uncached_without_errors(client, settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")

    for _ in range(3):
        for url in ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/"]:
            response = client.get(url)
            assert response.status_code == 200
            assert "X-Cache" not in response or response["X-Cache"] == "miss"
    assert soup(client.get("/over-ons/")).h1.get_text(strip=True) == "Over ons"
