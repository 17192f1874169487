"""Settings shared by every environment.

Safe for production as they stand: DEBUG is off and there is no default secret key.
Everything that differs between machines comes from the environment (see .env.example).
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "whitehelmets"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it patches.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "core",
    "faq",
    "memorial",
    "donations",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # Staff accounts: a second factor (TOTP, recovery codes) and sign-in lock-out.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # passkeys, a second factor beside the app
    "axes",
]

MIDDLEWARE = [
    # First: a cached page is answered before any other middleware (in production
    # even before Django's handler, whitehelmets/wsgi.py); what it stores is the
    # complete answer of the chain below, security headers included, compressed once.
    "core.cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (WhiteNoise serves static files pre-compressed before this);
    # Django pads each response against BREACH, and CSRF tokens are masked. The page
    # cache compresses the pages it stores itself.
    "django.middleware.gzip.GZipMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.StripIndentationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the lock-out answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "whitehelmets.urls"
WSGI_APPLICATION = "whitehelmets.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite needs no set-up; production and CI point DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`'s database: readers never block the writer (WAL), and a transaction
    # that will write takes the write lock when it starts, waiting up to 5 s for
    # another one to finish, instead of failing with "database is locked" midway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        transaction_mode="IMMEDIATE",
        timeout=5,
    )
DATABASE_IS_POSTGRESQL = (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
)
if DATABASE_IS_POSTGRESQL:
    # A database that is down or hung answers within seconds, never holds a worker
    # until gunicorn kills it: the visitor gets the 503 page (core.views.unavailable).
    # The statement time-out is in milliseconds (0: none); core.postgresql adds a
    # deadline on every wait for the server (seconds, 0: none).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        connect_timeout=env.int("DATABASE_CONNECT_TIMEOUT", default=2),
        options="-c statement_timeout="
        + str(env.int("DATABASE_STATEMENT_TIMEOUT", default=3000)),
        # A server that vanished (no answer, no reset) is noticed too.
        keepalives=1,
        keepalives_idle=5,
        keepalives_interval=2,
        keepalives_count=2,
        tcp_user_timeout=env.int("DATABASE_TCP_USER_TIMEOUT", default=5000),
    )
DATABASE_QUERY_DEADLINE = env.float("DATABASE_QUERY_DEADLINE", default=4.0)
DATABASE_CIRCUIT_SECONDS = env.float("DATABASE_CIRCUIT_SECONDS", default=2.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise memory local to the process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to "no cache" when Redis is down instead of failing requests.
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wh",
            "TIMEOUT": 300,
            # Short time-outs and a circuit breaker (core/cache_backends.py): a
            # request spends at most about one time-out on a broken Redis.
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", 0.1),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", 0.1),
            },
        }
    }
    # Sessions (staff only) live in the database with Redis in front: losing Redis
    # signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "whitehelmets",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Staff sign-in (core/two_factor/): the admin asks every account for a second factor
# (an authenticator app, or a one-time recovery code); django-axes refuses an account,
# or an address, after AXES_FAILURE_LIMIT wrong passwords, for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_USER_LOGIN_FORM = "core.two_factor.forms.LoginForm"
OTP_TOTP_ISSUER = "Syria Civil Defence"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_LOCKOUT_CALLABLE = "core.two_factor.forms.lockout_response"
# The address a sign-in is counted against: the visitor's, read from the trusted
# proxy chain as everywhere else (core/client.py).
AXES_CLIENT_IP_CALLABLE = "core.client.known_client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Languages: English is the default; the list can be extended from the environment
# (each extra code needs a catalogue in locale/ and its fields migrated).
_LANGUAGE_NAMES = {
    "en": _("English"),
    "ar": _("Arabic"),
    "fr": _("French"),
    "de": _("German"),
    "tr": _("Turkish"),
}
LANGUAGE_CODE = "en"
LANGUAGES = [
    (code, _LANGUAGE_NAMES.get(code, code))
    for code in env.list("LANGUAGES", default=["en", "ar"])
]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Month names in Arabic dates: "levantine" (كانون الثاني … كانون الأول, as Syrian
# readers write them) or "standard" (Django's يناير … ديسمبر) for another audience.
ARABIC_MONTH_NAMES = env.str("ARABIC_MONTH_NAMES", default="levantine")
if ARABIC_MONTH_NAMES != "standard":
    _months = BASE_DIR / "locale" / "months" / ARABIC_MONTH_NAMES
    if not _months.is_dir():
        raise ImproperlyConfigured(
            f"ARABIC_MONTH_NAMES={ARABIC_MONTH_NAMES!r}: use 'levantine' or 'standard'"
            f" (or add month names in {_months})."
        )
    LOCALE_PATHS.append(_months)
# Translated fields carry their language's lang and dir (core/translation_admin.py).
FORM_RENDERER = "core.translation_admin.FormRenderer"
# The translators' groups and the languages each may edit (nothing else, no publishing).
TRANSLATOR_GROUPS = {"Translators": ["ar"]}
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Static files: hashed, compressed names served by WhiteNoise with far-future headers.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploaded media on S3-compatible storage (S3, MinIO, R2…) when a bucket is named, so
# that any number of app servers share it; otherwise on the local disk (MEDIA_ROOT).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_ORIGIN = ""  # another origin media is served from, allowed by the CSP
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    # The organisation's own media host name (its CDN), e.g. media.example.org.
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_DEFAULT_ACL = None  # the bucket's policy decides; public pages show media
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False  # a new upload never replaces an older file
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = AWS_S3_ENDPOINT_URL.rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"

# Wagtail
WAGTAIL_SITE_NAME = "Syria Civil Defence"
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# Passkeys (WebAuthn, django-otp-webauthn): only as the second step after the
# password, never instead of it (that would pass by the lock-out). They belong to the
# admin's host; WebAuthn takes a domain, not an address, so 127.0.0.1 becomes localhost.
_admin_url = urlsplit(WAGTAILADMIN_BASE_URL)
_admin_host = _admin_url.hostname or "localhost"
if _admin_host in ("127.0.0.1", "::1"):
    _admin_host = "localhost"
_admin_port = f":{_admin_url.port}" if _admin_url.port else ""
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID = env.str("OTP_WEBAUTHN_RP_ID", default=_admin_host)
OTP_WEBAUTHN_RP_NAME = env.str("OTP_WEBAUTHN_RP_NAME", default=WAGTAIL_SITE_NAME)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS",
    default=[f"{_admin_url.scheme}://{_admin_host}{_admin_port}"],
)
WAGTAIL_I18N_ENABLED = False  # translation is per field, through modeltranslation
# The checks panel flags an FAQ answer longer than this, in either language: about a
# minute's reading; longer belongs on a page the answer links to (docs/editors.md).
FAQ_ANSWER_WORD_LIMIT = env.int("FAQ_ANSWER_WORD_LIMIT", default=200)
# Drafts saved by one editor less than this many minutes apart make one history entry
# (core/draft_history.py).
DRAFT_HISTORY_MERGE_MINUTES = env.int("DRAFT_HISTORY_MERGE_MINUTES", default=10)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds on public pages
# Staff avatars: never Gravatar, which would be sent a hash of each staff member's
# email on every admin page (a name for a third party); the admin's default picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASE_IS_POSTGRESQL:
    # One configuration that stems English and Arabic (see core/migrations).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "whitehelmets"

# Anonymous full-page cache (core/cache.py): seconds a rendered page is kept; 0 is off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a CDN may keep a page (it is purged on publish when one is configured).
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=60)
# How long the menu and donate link are kept (core.cache.remember); 0 is off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=3600)
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/healthz",
    "/livez",
    "/documents/",
)
# Pages showing personal records are never kept longer than this (seconds), so a
# withdrawal shows within it even if the cache could not be told (core/cache.py).
PAGE_CACHE_PERSONAL_SECONDS = env.int("PAGE_CACHE_PERSONAL_SECONDS", default=30)
# The query parameters each page uses (the rest are ignored by the page cache) and a
# shorter lifetime where it shows personal records; keyed by page type or URL name.
PAGE_CACHE_RULES = {
    "memorial.memorialpage": {
        "query": ("page", "q", "year", "governorate", "cause"),
        "max_age": PAGE_CACHE_PERSONAL_SECONDS,
    },
    "faq.faqpage": {"query": ("print",)},
    "core.statementindexpage": {"query": ("page",)},
    "search": {"query": ("q",), "max_age": PAGE_CACHE_PERSONAL_SECONDS},
    "sitemap": {"query": ("p",), "max_age": PAGE_CACHE_PERSONAL_SECONDS},
}
# Once a cache call fails, seconds the cache is left alone (core/cache_backends.py).
CACHE_CIRCUIT_SECONDS = env.float("CACHE_CIRCUIT_SECONDS", default=5.0)
# /healthz: a dependency answering later than this is "slow" (503 for the database);
# with HEALTHZ_REQUIRE_CACHE a broken cache fails the check too.
HEALTHZ_SLOW_SECONDS = env.float("HEALTHZ_SLOW_SECONDS", default=1.0)
HEALTHZ_REQUIRE_CACHE = env.bool("HEALTHZ_REQUIRE_CACHE", default=False)
# The 503 page's Retry-After (seconds) when the database does not answer.
UNAVAILABLE_RETRY_AFTER = env.int("UNAVAILABLE_RETRY_AFTER", default=30)
# Saving any record of these apps can change a public page (pages always do).
PAGE_CACHE_INVALIDATING_APPS = (
    "core",
    "faq",
    "memorial",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
)

# A CDN or caching proxy in front of the site, purged when a change is published
# (core/frontend_cache.py). Any of: a proxy that accepts PURGE requests (Varnish,
# nginx with a purge module), Cloudflare, CloudFront.
WAGTAILFRONTENDCACHE = {}
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
if env.str("CLOUDFLARE_BEARER_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Translated slugs differ per language: core/frontend_cache.py lists every URL itself.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# `make bench` only: route the minimal view that measures the framework's ceiling.
BENCHMARK_CEILING_VIEW = env.bool("BENCHMARK_CEILING_VIEW", default=False)

# Security: safe defaults everywhere; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
MEDIA_SOURCE = f" {MEDIA_ORIGIN}" if MEDIA_ORIGIN else ""
# The CSP names no other origin but the site's own media host, when it has one: no
# third-party fonts, scripts, trackers or CDNs.
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default=(
        f"default-src 'self'; img-src 'self' data:{MEDIA_SOURCE}; style-src 'self'; "
        "script-src 'self'; font-src 'self'; connect-src 'self'; "
        "form-action 'self' https://checkout.stripe.com; "
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
    ),
)
# The Wagtail admin needs inline styles and scripts; it is for signed-in staff only.
CONTENT_SECURITY_POLICY_ADMIN = (
    f"default-src 'self'; img-src 'self' data: blob:{MEDIA_SOURCE}; "
    "style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; font-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# A database outage is one short line per request (the 503), not a traceback each.
LOGGING["filters"] = {"outage": {"()": "core.health.OutageLogFilter"}}
LOGGING["loggers"]["django.request"] = {"filters": ["outage"]}

# Media: served by the web server (nginx) in production; by Django when asked to
# (a single container without a web server in front).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# Only renditions (media/images/) are ever public. Originals, documents and memorial
# photos are sent after Django has checked them: by nginx from an internal location
# when this names it (X-Accel-Redirect, e.g. "/internal-media/"), else by Django.
MEDIA_ACCEL_REDIRECT_PREFIX = env.str("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
# How long a browser or CDN may keep a memorial photo (a withdrawal reaches a purged
# CDN at once, every other cache within this time).
MEMORIAL_PHOTO_CACHE_SECONDS = env.int("MEMORIAL_PHOTO_CACHE_SECONDS", default=60)
PAGE_CACHE_EXCLUDED_PREFIXES += ("/memorial-photos/",)
# Documents through Wagtail's view (collection privacy checked), never a media URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
if MEDIA_ACCEL_REDIRECT_PREFIX:
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    SENDFILE_ROOT = str(MEDIA_ROOT)
    SENDFILE_URL = MEDIA_ACCEL_REDIRECT_PREFIX.rstrip("/")

# Donations
DONATIONS_PROVIDER = env.str("DONATIONS_PROVIDER", default="test")
DONATIONS_ALLOW_TEST_PROVIDER = env.bool("DONATIONS_ALLOW_TEST_PROVIDER", default=False)
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
DONATIONS_RETENTION_DAYS = env.int("DONATIONS_RETENTION_DAYS", default=730)
# How long (seconds) to wait for the payment provider, and how many times to retry a
# request that timed out or failed to connect (the same idempotency key each time).
DONATIONS_PROVIDER_TIMEOUT = env.float("DONATIONS_PROVIDER_TIMEOUT", default=10.0)
DONATIONS_PROVIDER_RETRIES = env.int("DONATIONS_PROVIDER_RETRIES", default=1)
# Checkout sessions one client address may start per window (card-testing defence).
DONATIONS_RATE_LIMIT = env.int("DONATIONS_RATE_LIMIT", default=10)
DONATIONS_RATE_LIMIT_WINDOW = env.int("DONATIONS_RATE_LIMIT_WINDOW", default=900)
# Reverse proxies in front of the site that append to X-Forwarded-For (0: use the
# connection's address). With 1, the client is the last address the proxy added.
DONATIONS_TRUSTED_PROXIES = env.int("DONATIONS_TRUSTED_PROXIES", default=0)

# Memorial charts and figures never break the records without consent down into groups
# smaller than this (memorial/queries.py, docs/memorial-import.md).
MEMORIAL_MIN_GROUP_SIZE = env.int("MEMORIAL_MIN_GROUP_SIZE", default=5)
# Email (donation receipts). SMTP from the environment: either EMAIL_URL
# (smtp+tls://user:password@smtp.example.org:587) or the EMAIL_HOST... variables.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
if env.str("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    _email.pop("EMAIL_BACKEND", None)  # chosen by EMAIL_BACKEND (see production.py)
    globals().update(_email)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds; a receipt is retried
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
DONATIONS_RECEIPT_FROM = env.str("DONATIONS_RECEIPT_FROM", default="")
# The organisation's details on receipts when the site settings leave them empty.
DONATIONS_ORGANISATION_ADDRESS = env.str("DONATIONS_ORGANISATION_ADDRESS", default="")
DONATIONS_ORGANISATION_EMAIL = env.str("DONATIONS_ORGANISATION_EMAIL", default="")
DONATIONS_ORGANISATION_REGISTRATION = env.str(
    "DONATIONS_ORGANISATION_REGISTRATION", default=""
)
# Links monthly donors ask for to change or cancel their gift: minutes each stays
# valid (single use), and how many one address may receive an hour.
DONATIONS_MANAGE_LINK_MINUTES = env.int("DONATIONS_MANAGE_LINK_MINUTES", default=60)
DONATIONS_MANAGE_LINKS_PER_HOUR = env.int("DONATIONS_MANAGE_LINKS_PER_HOUR", default=3)
# Fair limits (donations/ratelimit.py): checkouts per browser per window; an address
# seen with DONATIONS_SHARED_BROWSERS browsers is shared and gets
# DONATIONS_SHARED_FACTOR times DONATIONS_RATE_LIMIT. Over a limit a proof-of-work
# challenge is offered (DONATIONS_CHALLENGE_MAX_NUMBER: its work, about a second on a
# phone). Small checkouts (up to DONATIONS_SMALL_GIFT_FACTOR times the page's smallest
# gift) beyond DONATIONS_SMALL_CHECKOUTS per address per window are refused.
DONATIONS_RATE_LIMIT_SESSION = env.int("DONATIONS_RATE_LIMIT_SESSION", default=6)
DONATIONS_SHARED_BROWSERS = env.int("DONATIONS_SHARED_BROWSERS", default=3)
DONATIONS_SHARED_FACTOR = env.int("DONATIONS_SHARED_FACTOR", default=5)
DONATIONS_SMALL_GIFT_FACTOR = env.int("DONATIONS_SMALL_GIFT_FACTOR", default=2)
DONATIONS_SMALL_CHECKOUTS = env.int("DONATIONS_SMALL_CHECKOUTS", default=15)
DONATIONS_CHALLENGE_MAX_NUMBER = env.int(
    "DONATIONS_CHALLENGE_MAX_NUMBER", default=20_000
)
# The visitor's address (core/client.py): proxies in front that append to
# X-Forwarded-For (DONATIONS_TRUSTED_PROXIES is the deprecated name), a header the
# CDN sets (e.g. CF-Connecting-IP; believed only when named here), and the networks
# the proxy next to the site connects from (headers from elsewhere are ignored).
CLIENT_IP_TRUSTED_PROXIES = env.int("CLIENT_IP_TRUSTED_PROXIES", default=0)
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
CLIENT_IP_PROXY_NETWORKS = env.list(
    "CLIENT_IP_PROXY_NETWORKS",
    default=[
        "127.0.0.0/8",
        "::1/128",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    ],
)
