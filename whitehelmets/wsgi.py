import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whitehelmets.settings.production")

django_application = get_wsgi_application()

from core.cache import ServeCachedPages  # noqa: E402 (once Django is set up)

# Anonymous pages in the page cache are answered before Django's handler runs.
application = ServeCachedPages(django_application)
