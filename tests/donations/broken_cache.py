"""A cache that answers reads but refuses writes, as Redis does when it is out of
memory under the ``noeviction`` policy ("OOM command not allowed...")."""

from django.core.cache.backends.locmem import LocMemCache


class WriteRefusingCache(LocMemCache):
    def _refuse(self, *args, **kwargs):
        raise ConnectionError("OOM command not allowed when used memory > 'maxmemory'.")

    add = set = incr = decr = touch = set_many = _refuse
