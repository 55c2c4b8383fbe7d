"""Ports on this machine for tests that start servers or need a refused connection."""

import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now: free to serve on, and a
    connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
