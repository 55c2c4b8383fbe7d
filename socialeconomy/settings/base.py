"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "socialeconomy"

DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "content",
    "opendata",
    "newsroom",
    "partners",
    "support",
    "pages",
    "actortypes",
    "editorial",
    "search",
    "serving",
    "addresses",
    "security",
    "fragments",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "editorial.apps.UsersConfig",  # wagtail.users with our account rules
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Its Dutch catalogue: the admin's workflow status says "13 seconden geleden" (naturaltime).
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page cache (serving/): ETag → 304 also for cached pages; cached pages need no database.
    # It sits outside the CSP middleware, so a cached page keeps the policy it was rendered with
    # (including sources a page added, e.g. the optional Vlaanderen widget). Django's
    # ConditionalGetMiddleware, keeping the open data's CORS header on a 304.
    "serving.middleware.ConditionalGetMiddleware",
    "serving.middleware.PageCacheMiddleware",
    "security.csp.ContentSecurityPolicyMiddleware",
    "serving.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Moves an editor's session end forward on each admin request (SESSION_COOKIE_AGE).
    "security.sessions.AdminActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A case or diacritic variant of a public address answers 301 to it (after Wagtail's
    # redirects, which sit inside: an editor's own redirect wins).
    "addresses.middleware.AddressVariantMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes turns a locked-out login attempt into its lockout page: it must see the view's response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "socialeconomy.urls"
WSGI_APPLICATION = "socialeconomy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# A SQLite file is the embedded default; production and CI pass a PostgreSQL DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# A database that accepts connections but never answers must not hold a request (and a gunicorn
# thread) for minutes: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds, a statement
# is cancelled after DATABASE_STATEMENT_TIMEOUT seconds (0: never; bin/release, for migrations),
# and the visitor gets the Dutch 503 page (serving/outage.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _statement_timeout = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "15"))
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
        "options": f"-c statement_timeout={_statement_timeout}s",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Editors' passwords: at least 12 characters, not like their name or e-mail address, not a
# common password, not only digits. Checked wherever a password is set (user forms, account).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site is Dutch only (Flemish language law); strings still go through gettext.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names that browsers may cache for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail

WAGTAIL_SITE_NAME = "Sociale economie"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_I18N_ENABLED = False
# Partners link to our URLs for years: keep slugs plain ASCII ("activiteitencooperaties"); the
# admin transliterates what editors type (addresses.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Help leads to our Dutch editors' guide (editorial.guide), not to Wagtail's English one.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
# Wagtail's database backend; on SQLite with quotes in a search mended (search/backends.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
    }
}
# Site search at /zoeken/ (search/): Dutch stemming and stop words in PostgreSQL's full-text
# search; SQLite's FTS5 has no languages.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"
# What the design supports in running text, by name: a rich text field or block without
# `editor=` gets "default"; text inside a section uses `editor="section"`. Editors get nothing
# they could break a page with: no h1 (the page title is the only one), no images floating in
# text, no embeds.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
        },
    },
    # Inside a section the section heading is the h2, so only lower levels remain.
    "section": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
        },
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Editorial work (editorial/): roles, approval workflow, safe renames

# A renamed or moved page keeps answering at its old address with a 301 (Wagtail's default,
# spelled out because partners depend on it); actor types get the same from editorial.
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", "redactie@socialeeconomie.invalid"
)
# Editors log in through a form that is Dutch throughout (Wagtail's leaves "Password" English).
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.forms.LoginForm"

# Cache and page cache (serving/, docs/performance.md)

# Several processes or instances share one Redis cache; without REDIS_URL each process keeps its
# own cache in memory. A broken or stopped Redis never breaks a page: errors count as misses.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "socialeconomy",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Seconds a rendered page is kept (0 switches the page cache off), and the site-wide fragments
# (fragments.cache: at least a minute). Publishing clears them at once through the shared Redis;
# a process's own memory cannot be cleared by another process, so without Redis the pages of
# other workers may lag by up to this long.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 600 if REDIS_URL else 60))
# How long browsers and shared caches may keep an anonymous page (Cache-Control: max-age).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", 60))
# Never served from or stored in the page cache.
PAGE_CACHE_SKIP_PATHS = ("/admin/", "/healthz", "/readyz")
# Query parameters a page may be cached for: the support finder's filters and page numbers
# (support.finder). A page is stored for them only when its view vouches for every value.
PAGE_CACHE_QUERY_PARAMETERS = ("voor", "soort", "status", "provincie", "page")
# Each process keeps a copy of the pages it read from the cache or stored, for the current
# generation only (serving.pagecache.ProcessCopy): at most this many pages and bytes of them.
PAGE_CACHE_PROCESS_PAGES = int(os.environ.get("PAGE_CACHE_PROCESS_PAGES", 500))
PAGE_CACHE_PROCESS_BYTES = int(os.environ.get("PAGE_CACHE_PROCESS_BYTES", 16 * 1024 * 1024))

# Security and deployment: media storage, CDN purging, Content-Security-Policy,
# Permissions-Policy, admin login lockout, uploads. production.py adds HSTS and secure cookies.
# How to run it: docs/deploy.md.

# Media storage: S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set, so that any
# number of web containers share it; the local disk (MEDIA_ROOT) otherwise. boto3 reads the
# credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the host's role.
MEDIA_SOURCES = []  # where images come from besides this site, for the CSP below
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _s3 = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        # Renditions get stable public addresses that browsers and a CDN may cache for a year.
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "max-age=31536000, public"},
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}
    if _s3["custom_domain"]:
        MEDIA_SOURCES = [f"https://{_s3['custom_domain']}"]
    elif _s3["endpoint_url"]:
        _endpoint = urlsplit(_s3["endpoint_url"])
        MEDIA_SOURCES = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://*.{_endpoint.netloc}",
        ]
    else:
        MEDIA_SOURCES = [f"https://{_s3['bucket_name']}.s3.amazonaws.com"]
        if _s3["region_name"]:
            MEDIA_SOURCES.append(
                f"https://{_s3['bucket_name']}.s3.{_s3['region_name']}.amazonaws.com"
            )

# A CDN or caching proxy in front is purged on publish by Wagtail's frontend cache, for each
# backend whose variables are set; with none set, publishing purges nothing.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx, … accepting PURGE requests
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if WAGTAILFRONTENDCACHE:
    # Purges pages on publish; actortypes/frontend_cache.py does the same for actor types.
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Content-Security-Policy (django-csp 4). The public site runs no inline script or style and
# loads nothing from elsewhere; JSON-LD blocks are data, not scripts, and need no exception.
# Code that needs one more source for one response (e.g. an optional widget that a site
# setting turns on) calls security.csp.allow_sources(request, {"script-src": [...]}).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *MEDIA_SOURCES],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (everything under /admin/, previews included) ships inline scripts for its
# date pickers and inline panels, sets inline styles, and frames its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_SOURCES],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "frame-ancestors": [SELF],
    }
}

# The site needs no browser feature that asks for permission: deny them all.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

# Admin login lockout (django-axes, security/lockout.py). Failed logins are counted three ways,
# each with its own limit within AXES_COOLOFF_TIME; reaching one locks that way for an hour:
# one user name from one address (someone mistyping), one address (trying many user names),
# one user name (tried from many addresses). Unknown and existing user names count alike, so
# neither the login form nor the lockout page tells whether an account exists.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_LOCKOUT_LIMITS = [
    (["username", "ip_address"], int(os.environ.get("LOGIN_LIMIT_PER_USER_AND_ADDRESS", "5"))),
    (["ip_address"], int(os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20"))),
    (["username"], int(os.environ.get("LOGIN_LIMIT_PER_USER", "10"))),
]
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _limit in LOGIN_LOCKOUT_LIMITS]
AXES_HANDLER = "security.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_LOCKOUT_LIMITS[0][1]  # the scale LockoutHandler reports failures on
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True  # only the (user name, address) count: see LockoutHandler
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_ENABLE_ADMIN = False
# Behind the TLS proxy the visitor's address is the one the proxy appended to X-Forwarded-For;
# TRUSTED_PROXY_COUNT says how many proxies are ours (0: none, use the connection's address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "security.lockout.client_ip"

# Admin sessions end after a working day (8 hours) without an admin request: each one moves the
# end forward (security.sessions.AdminActivityMiddleware). Visitors have no session.
SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())

# Uploads: documents of an allow-listed type, raster images only (SVG can carry script), sizes
# capped. Documents are always served by Wagtail's view, which sends nosniff and
# "default-src 'none'"; only PDFs open in the browser, everything else downloads.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A document that is not released yet (collection "Te keuren", editorial.roles) asks for a login:
# the admin's, since visitors have no accounts. Page view restrictions use it too.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# On local disk, media are best served by the proxy in front (docs/deploy.md); SERVE_MEDIA=true
# lets the site serve them itself, for a single instance without such a proxy.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() in ("1", "true", "yes")
