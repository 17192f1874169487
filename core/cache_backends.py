"""A Redis cache that degrades to "no cache" instead of failing requests.

When Redis is down or slow, every read is a miss and every write is dropped (with a log
line), so pages are rendered from the database instead of answering 500. Short socket
time-outs (set in settings) keep a dead Redis from holding up workers.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


def _degrade(method, fallback):
    """Wrap ``method`` so that a cache failure returns ``fallback(args, kwargs)``."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ValueError:
            raise  # incr() of a missing key: the caller handles it
        except Exception:
            logger.warning(
                "Cache unavailable: %s skipped", method.__name__, exc_info=True
            )
            return fallback(args, kwargs)

    return wrapper


def _default_argument(args, kwargs):
    """``get(key, default=None)`` answers its default on a miss."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _constant(value):
    return lambda args, kwargs: value() if callable(value) else value


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every cache call, and making one copies
    redis-py's table of response callbacks: about half a millisecond of CPU each,
    several times a page. A ``redis.Redis`` is safe to share between threads (each
    command takes a connection from the pool), so one per pool is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = super().get_client(key, write=write)
            self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _degrade(RedisCache.get, _default_argument)
    get_many = _degrade(RedisCache.get_many, _constant(dict))
    has_key = _degrade(RedisCache.has_key, _constant(False))
    add = _degrade(RedisCache.add, _constant(False))
    set = _degrade(RedisCache.set, _constant(None))
    set_many = _degrade(RedisCache.set_many, _constant(list))
    touch = _degrade(RedisCache.touch, _constant(False))
    incr = _degrade(RedisCache.incr, _constant(None))
    delete = _degrade(RedisCache.delete, _constant(False))
    delete_many = _degrade(RedisCache.delete_many, _constant(None))
    clear = _degrade(RedisCache.clear, _constant(None))
