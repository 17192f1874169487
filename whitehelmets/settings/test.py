"""Test settings: fast hashing, in-memory email, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="whitehelmets-test-media-")
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WAGTAILADMIN_BASE_URL = "http://testserver"
if not env.str("REDIS_URL", default=""):
    CACHES = {  # noqa: F405
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
STATIC_ROOT = tempfile.mkdtemp(prefix="whitehelmets-test-static-")
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# The tests take donations through the local test provider (refused unless asked).
DONATIONS_ALLOW_TEST_PROVIDER = env.bool("DONATIONS_ALLOW_TEST_PROVIDER", default=True)
# The suite's own statements (creating, flushing the test database) may be slow on
# a busy machine: no time-outs unless a test asks (the fault tests run gunicorn with
# the production settings, which have them).
DATABASE_QUERY_DEADLINE = env.float("DATABASE_QUERY_DEADLINE", default=0)
DATABASE_CIRCUIT_SECONDS = env.float("DATABASE_CIRCUIT_SECONDS", default=0)
_statement_timeout = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
if DATABASE_IS_POSTGRESQL:  # noqa: F405
    _options = DATABASES["default"]["OPTIONS"]  # noqa: F405
    _options["options"] = f"-c statement_timeout={_statement_timeout}"
