"""The current generation from Redis without a round trip per request.

Every page served from the cache first reads the generation (fragments.cache), so that no process
serves a page after a publish elsewhere. With Redis that read is a network round trip on every
hit: about 100 µs of one process here, more than the rest of a hit. Redis's client tracking
(https://redis.io/docs/latest/develop/reference/client-side-caching/) makes it almost free: each
process reads the generation on a connection of its own with tracking on, and Redis pushes an
invalidation on that connection the moment anyone changes, expires, evicts or flushes the key.
Every read first takes in what was pushed, without waiting (a poll of the socket, about 2 µs).
Redis writes the pushes in the same turn of its loop as its answer to the write, possibly just
after it: the writer therefore asks Redis once more before it returns (fragments.cache.clear),
and that answer leaves Redis a turn later, when every push is out. A connection that died
without a word (a network that dropped it) would keep an old copy: the copy is trusted for
TRUST_SECONDS since Redis last answered, then a PING confirms the connection (and any push
sent before it is read first).

redis-py's own client-side caching would do this, but refuses servers before Redis 7.4 (Debian 12
has 7.0); tracking itself needs Redis 6. A broken connection loses what was pushed to it, so the
copy is dropped with it and read afresh on a new connection.
"""

import logging
import os
import threading
import time

from redis import ConnectionError, ConnectionPool, RedisError, TimeoutError

logger = logging.getLogger(__name__)

UNKNOWN = object()
TRUST_SECONDS = 1.0


class GenerationWatch:
    """This process's copy of one Redis key (the generation), kept true by client tracking.

    url and options are the cache's LOCATION and OPTIONS (django-redis); key is the key as the
    cache stores it (cache.make_key) and decode turns a stored value into the cache's value.
    Threads share the watch, hence the lock.
    """

    def __init__(self, url, options, key, decode):
        self.pool = ConnectionPool.from_url(
            url,
            protocol=3,
            socket_timeout=options.get("SOCKET_TIMEOUT"),
            socket_connect_timeout=options.get("SOCKET_CONNECT_TIMEOUT"),
            socket_keepalive=True,
            username=options.get("USERNAME"),
            password=options.get("PASSWORD"),
        )
        self.key = key
        self.decode = decode
        self.lock = threading.Lock()
        self.connection = None
        self.value = UNKNOWN
        self.answered_at = 0.0  # time.monotonic() of Redis's last answer
        self.refused = None  # why Redis would not track (then it is never asked again)

    def read(self):
        """The key's current value (decoded), or None when Redis has no such key.

        Raises redis.RedisError (or OSError) when Redis cannot be asked; the next read then
        connects afresh. A Redis that refuses tracking (too old, a proxy, a login it rejects) is
        logged once and not asked again: every read then raises at once.
        """
        with self.lock:
            if self.refused is not None:
                # A new error each time: raising one again would grow its traceback forever.
                raise RedisError(self.refused)
            try:
                return self._read()
            except BaseException as error:
                self._drop_connection()
                if isinstance(error, RedisError) and not isinstance(
                    error, (ConnectionError, TimeoutError)
                ):
                    logger.warning("Redis refuses client tracking of the generation: %s", error)
                    self.refused = str(error)
                raise

    def _read(self):
        connection = self.connection or self._connect()
        while connection.can_read():
            # An invalidation (or the end of the connection, which raises).
            connection.read_response(push_request=True)
        now = time.monotonic()
        if self.value is not UNKNOWN and now - self.answered_at > TRUST_SECONDS:
            connection.send_command("PING")
            connection.read_response()  # pushes sent before the answer are handled first
            self.answered_at = now
        if self.value is UNKNOWN:
            # An invalidation pushed before the answer is handled first, so the answer stands.
            connection.send_command("GET", self.key)
            stored = connection.read_response()
            self.value = None if stored is None else self.decode(stored)
            self.answered_at = now
        return self.value

    def _connect(self):
        connection = self.pool.make_connection()
        connection.connect()
        connection._parser.set_invalidation_push_handler(self._invalidated)
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        self.connection = connection
        return connection

    def _invalidated(self, message):
        self.value = UNKNOWN

    def _drop_connection(self):
        self.value = UNKNOWN
        if self.connection is not None:
            self.connection.disconnect()
            self.connection = None


_watches = {}
_watches_lock = threading.Lock()


def watch(url, options, key, decode):
    """The GenerationWatch of this process for key on the Redis at url (one per process: a
    forked worker never shares its parent's connection)."""
    name = (os.getpid(), url, key)
    found = _watches.get(name)
    if found is None:
        with _watches_lock:
            found = _watches.setdefault(name, GenerationWatch(url, options, key, decode))
    return found
