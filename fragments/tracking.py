"""The current generation from Redis without a round trip per request.

Every page served from the cache first reads the generation (fragments.cache), so that no process
serves a page after a publish elsewhere. With Redis that read is a network round trip on every
hit: about 100 µs of one process here, more than the rest of a hit. Redis's client tracking
(https://redis.io/docs/latest/develop/reference/client-side-caching/) makes it almost free: each
process reads the generation on a connection of its own with tracking on, and Redis pushes an
invalidation on that connection the moment anyone changes, expires, evicts or flushes the key.
Every read first takes in what was pushed, without waiting (a poll of the socket, about 2 µs).
Redis sends the push while it changes the key, in the same turn of its loop in which it answers
the client that changed it: a publish that has returned is seen by the next request of every
process (the benchmark's publish under load checks this: no stale answer after the commit).

redis-py's own client-side caching would do this, but refuses servers before Redis 7.4 (Debian 12
has 7.0); tracking itself needs Redis 6. A broken connection loses what was pushed to it, so the
copy is dropped with it and read afresh on a new connection.
"""

import os
import threading

from redis import ConnectionPool

UNKNOWN = object()


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
        )
        self.key = key
        self.decode = decode
        self.lock = threading.Lock()
        self.connection = None
        self.value = UNKNOWN

    def read(self):
        """The key's current value (decoded), or None when Redis has no such key.

        Raises redis.RedisError (or OSError) when Redis cannot be asked; the next read then
        connects afresh.
        """
        with self.lock:
            try:
                return self._read()
            except BaseException:
                self._drop_connection()
                raise

    def _read(self):
        connection = self.connection or self._connect()
        while connection.can_read():
            # An invalidation (or the end of the connection, which raises).
            connection.read_response(push_request=True)
        if self.value is UNKNOWN:
            # An invalidation pushed before the answer is handled first, so the answer stands.
            connection.send_command("GET", self.key)
            stored = connection.read_response()
            self.value = None if stored is None else self.decode(stored)
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
