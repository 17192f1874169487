"""Broken services on loopback, for fault tests and `make loadtest`: a closed port and
a black hole.

``closed_port()`` is a port nothing listens on (connections are refused at once).
``Blackhole`` listens, accepts every connection and never answers: a client that
waits for a reply waits until its own time-out, as it would for a hung Redis or a
PostgreSQL server that stopped answering. Both stop by themselves.
"""

import socket
import threading

from bench.server import free_port


def closed_port():
    """A loopback port that refuses connections (bound once, then released)."""
    return free_port()


class Blackhole:
    """A TCP server on loopback that accepts connections and never answers.

    Use as a context manager; ``port`` is the port it listens on, ``accepted`` how many
    connections it took. Whatever a client sends is read and dropped.
    """

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self._connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.setblocking(False)
            self._connections.append(connection)
            self.accepted += 1
            self._drain()

    def _drain(self):
        for connection in self._connections:
            try:
                while connection.recv(65536):
                    pass
            except (BlockingIOError, OSError):
                pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        for connection in self._connections:
            connection.close()
        self.listener.close()
