"""Django's PostgreSQL backend, with a deadline on every wait for the server.

``connect_timeout`` bounds a new connection and the server's ``statement_timeout`` a
slow query, but a server that stops answering on a connection already open (frozen,
or a network device swallowing the traffic) would hold the worker until gunicorn
kills it. So every wait for an answer gives up after ``DATABASE_QUERY_DEADLINE``
seconds (a little over the statement time-out: the server cancels first when it can),
the connection is dropped and ``OperationalError`` raised, which the site answers with
its 503 page (core/views.py).

A failed connection or a missed deadline also opens a short circuit
(``DATABASE_CIRCUIT_SECONDS``): for that long, new connections in this process fail at
once instead of each waiting for its own time-out.
"""

import logging
import time

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)

_circuit = {"open_until": 0.0}


def _open_circuit(reason):
    seconds = settings.DATABASE_CIRCUIT_SECONDS
    if seconds and time.monotonic() >= _circuit["open_until"]:
        logger.warning(
            "Database unavailable (%s); failing fast for %s s", reason, seconds
        )
    _circuit["open_until"] = time.monotonic() + seconds


class DeadlineConnection(psycopg.Connection):
    deadline = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.deadline
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except psycopg.errors._WaitTimeout:
            _open_circuit(f"no answer in {timeout} s")
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {timeout} s"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if time.monotonic() < _circuit["open_until"]:
            raise psycopg.OperationalError("the database was unavailable just now")
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError as error:
            _open_circuit(str(error).strip().splitlines()[0] if str(error) else error)
            raise
        deadline = settings.DATABASE_QUERY_DEADLINE
        if deadline and isinstance(connection, psycopg.Connection):
            connection.__class__ = DeadlineConnection
            connection.deadline = deadline
        return connection
