"""Broken services on loopback, for fault tests: a closed port and a black hole
(bench/faults.py, shared with `make loadtest`), and a proxy that can be made to hang.
"""

import select
import socket
import threading

from bench.faults import Blackhole, closed_port

__all__ = ["Blackhole", "FaultProxy", "closed_port"]


class FaultProxy:
    """A TCP proxy on loopback in front of a real service, that can be made to hang.

    ``mode = "pass"`` forwards both ways; ``mode = "hang"`` accepts new connections
    and stops forwarding on every connection, old and new (what a client sees when
    the server stops answering). Setting ``mode`` back to "pass" forwards again.
    """

    def __init__(self, upstream_port, upstream_host="127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.mode = "pass"
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._serve, daemon=True)]
        self._sockets = []

    def _serve(self):
        while not self._stop.is_set():
            try:
                client, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._sockets.append(client)
            thread = threading.Thread(target=self._pump, args=(client,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _pump(self, client):
        server = None
        if self.mode == "pass":
            try:
                server = socket.create_connection(self.upstream, timeout=2)
            except OSError:
                client.close()
                return
            self._sockets.append(server)
        ends = [client] + ([server] if server else [])
        while not self._stop.is_set():
            try:
                readable, _w, _x = select.select(ends, [], [], 0.1)
            except (OSError, ValueError):
                return
            for end in readable:
                try:
                    data = end.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    for other in ends:
                        other.close()
                    return
                if self.mode == "pass" and server is not None:
                    other = server if end is client else client
                    try:
                        other.sendall(data)
                    except OSError:
                        return
                # hanging: what was sent is dropped, nothing comes back

    def __enter__(self):
        self._threads[0].start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        for end in self._sockets:
            end.close()
        self.listener.close()
