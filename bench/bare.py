"""The bare Django ceiling for `make bench`: Django with no project middleware, no
apps and no database, one view returning the same 30 KB as the site's ceiling view
(core.views.benchmark_ceiling; `make bench` checks the bytes are the same).

Settings, URLs and the WSGI application in one module:
``gunicorn bench.bare:application``.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = b"<!DOCTYPE html><title>ceiling</title>" + b"<p>" + b"x" * 30_000 + b"</p>"

SECRET_KEY = "bench-only-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_I18N = False


def ceiling(request):
    return HttpResponse(BODY)


urlpatterns = [path("bench/ceiling", ceiling)]
urlpatterns += [path("healthz", ceiling)]  # what bench.server.Gunicorn waits for

os.environ["DJANGO_SETTINGS_MODULE"] = __name__
application = get_wsgi_application()
