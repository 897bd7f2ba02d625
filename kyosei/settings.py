"""Kyosei settings: one file, every deployment choice read from the environment."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")
TESTING = envbool("KYOSEI_TESTING", "False")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-never-use-in-production-" + "x" * 20  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# Links in emails and the sitemap. Required in production; the demo follows the port it is
# served on (`PORT`, as `make run` sets it), and pages use the request's own address there
# (kyosei.core.site.site_url).
SITE_URL = os.getenv("SITE_URL", "").rstrip("/")
if not SITE_URL:
    if not (DEBUG or TESTING):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off")
    SITE_URL = f"http://localhost:{os.getenv('PORT', '8000')}"
SITE_NAME = os.getenv("SITE_NAME", "Kyosei")
# AGPL section 13: where residents can get the source of the Kyosei this site runs.
SOURCE_URL = os.getenv("SOURCE_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "axes",
    "csp",
    # Before django_tasks_db: kyosei.core's `db_worker` (warmed up) replaces that app's.
    "kyosei.core",
    "django_tasks",
    "django_tasks_db",
    "kyosei.audit",
    "kyosei.orgs",
    "kyosei.accounts",
    "kyosei.console",
    "kyosei.guide",
    "kyosei.alerts",
    "kyosei.counter",
    "kyosei.residence",
    "kyosei.reporting",
    "kyosei.ops",
]

MIDDLEWARE = [
    "kyosei.ops.middleware.RequestContext",  # request id and the request log line, outermost
    "kyosei.reporting.privacy.ReportingPrivacy",  # no-store, no-referrer, strict CSP
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kyosei.guide.pagecache.ArticlePageCache",
    "kyosei.ops.middleware.PageCacheProbe",  # reached only by page-cache misses
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kyosei.core.middleware.LanguageFromPathMiddleware",
    "kyosei.guide.reading_aids.FuriganaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kyosei.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kyosei.urls"
WSGI_APPLICATION = "kyosei.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kyosei.core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'kyosei.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
    }
    # Tests use a file, as production does, not SQLite's in-memory database: an in-memory
    # database is one connection, which Django's live server then shares between its request
    # threads, and two requests at once (a page and its service worker's fetches) interleave
    # their transactions on it ("no such savepoint"; seen in CI). One file per test process.
    DATABASES["default"]["TEST"] = {
        "NAME": os.getenv("SQLITE_TEST_NAME")
        or os.path.join(tempfile.gettempdir(), f"kyosei-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # Several sites (or test runs) may share one Redis.
        "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", ""),
    }
    if os.getenv("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Finished guide pages, in each process's memory even with Redis: a hit must cost less
    # than a network round trip, and the pages are derived data keyed on the content version.
    # About 25 KB each (stored gzip-compressed).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kyosei-pages",
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", "4000")},
    },
}

# How long each server process may reuse the guide's content version (one query) before
# asking again: a published change reaches every process within this many seconds. Tests use
# 0 so a change is visible at once.
GUIDE_VERSION_MEMO_SECONDS = envint("GUIDE_VERSION_MEMO_SECONDS", "0" if TESTING else "1")

# Background work: the database backend by default; "rq" for scale-out on Redis.
TASK_BACKEND = os.getenv("TASK_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASK_BACKEND],
        "QUEUES": ["default", "alerts"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", "12")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "console:home"

# Lockout after repeated failures, per username and IP.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "30") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = envint("PROXY_COUNT", "0") or None
AXES_VERBOSE = False

OTP_TOTP_ISSUER = SITE_NAME
# Passkeys (WebAuthn) as a second factor; never as the only factor.
OTP_WEBAUTHN_RP_ID = os.getenv("WEBAUTHN_RP_ID", "") or (urlsplit(SITE_URL).hostname or "localhost")
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist("WEBAUTHN_ALLOWED_ORIGINS", SITE_URL)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "kyosei.accounts.webauthn.KyoseiWebAuthnHelper"
STAFF_IDLE_TIMEOUT = envint("STAFF_IDLE_TIMEOUT_SECONDS", "1800")
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(12 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# i18n: languages are data (kyosei.core.Language); these are Django's defaults only.
LANGUAGE_CODE = "en"  # the source language of UI strings (msgids) and gettext fallback
LANGUAGES_FILE = BASE_DIR / "kyosei" / "core" / "data" / "languages.json"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LOCALE_PATHS = [BASE_DIR / "kyosei" / "locale"]
LANGUAGE_COOKIE_NAME = "kyosei_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Without collectstatic (demo and tests), serve straight from the apps' static folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024))

# Email: EMAIL_URL like smtp://user:password@host:587/?tls=1 or console://
EMAIL_URL = os.getenv("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "kyosei@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
from kyosei.core.email_url import parse_email_url  # noqa: E402

globals().update(parse_email_url(EMAIL_URL))

# Encryption keys for case data live outside the database (comma-separated Fernet keys;
# the first encrypts, all decrypt, which is what key rotation needs).
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS", "")
# Key of the blind indexes (phone search); unset: derived from SECRET_KEY.
COUNTER_SEARCH_KEY = os.getenv("COUNTER_SEARCH_KEY", "")

# Machine translation providers (drafts only, never at alert time).
MT_PROVIDER = os.getenv("MT_PROVIDER", "")
DEEPL_API_KEY = os.getenv("DEEPL_API_KEY", "")
DEEPL_API_URL = os.getenv("DEEPL_API_URL", "https://api-free.deepl.com")
GOOGLE_TRANSLATE_PROJECT = os.getenv("GOOGLE_TRANSLATE_PROJECT", "")
GOOGLE_TRANSLATE_URL = os.getenv("GOOGLE_TRANSLATE_URL", "https://translation.googleapis.com")
TEXTRA_KEY = os.getenv("TEXTRA_KEY", "")
TEXTRA_SECRET = os.getenv("TEXTRA_SECRET", "")
TEXTRA_URL = os.getenv("TEXTRA_URL", "https://mt-auto-minhon-mlt.ucri.jgn-x.jp")
LIBRETRANSLATE_URL = os.getenv("LIBRETRANSLATE_URL", "")

# Security. Production defaults are strict; DEBUG relaxes only what local HTTP needs.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False" if DEBUG or TESTING else "True")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_HSTS_SECONDS = 0 if DEBUG or TESTING else envint("SECURE_HSTS_SECONDS", "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
if PROXY_SSL := envbool("BEHIND_TLS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Rate limits for public endpoints: requests per window per client address.
PUBLIC_RATE_LIMIT = envint("PUBLIC_RATE_LIMIT", "120")
PUBLIC_RATE_WINDOW = envint("PUBLIC_RATE_WINDOW_SECONDS", "60")
# The reporting channel counts per hashed 20-bit bucket, never per address
# (kyosei/reporting/ratelimit.py): (requests, window in seconds).
REPORTING_RATE_LIMITS = {
    "report": (envint("REPORTING_REPORTS_PER_HOUR", "5"), 3600),
    "code": (envint("REPORTING_CODE_TRIES", "10"), 900),
    "page": (PUBLIC_RATE_LIMIT, PUBLIC_RATE_WINDOW),
}

DEMO_MODE = envbool("KYOSEI_DEMO", "False")
SHARED_DATA_DIR = Path(os.getenv("KYOSEI_SHARED_DIR", BASE_DIR.parent / "shared"))

# JSON lines in production (kyosei/ops/logs.py: request ids, no addresses, no case data);
# LOG_FORMAT=text for reading on a terminal.
from kyosei.ops.logs import logging_config  # noqa: E402

LOGGING = logging_config(
    log_format=os.getenv("LOG_FORMAT", "text" if DEBUG or TESTING else "json"),
    level=os.getenv("LOG_LEVEL", "INFO"),
)

# Operations (kyosei/ops, docs/deploy.md). /readyz fails without a poller holding its lease
# (set READYZ_REQUIRE_POLLER=0 where alerts come only through the push endpoint) or when the
# oldest runnable task waited longer than this.
READYZ_REQUIRE_POLLER = envbool("READYZ_REQUIRE_POLLER", "True")
READYZ_QUEUE_MAX_AGE_SECONDS = envint("READYZ_QUEUE_MAX_AGE_SECONDS", "300")
# /metrics answers a bearer token or direct peers in these networks; neither set = off (404).
METRICS_TOKEN = os.getenv("METRICS_TOKEN", "")
METRICS_ALLOWED_NETWORKS = envlist("METRICS_ALLOWED_NETWORKS", "")
# The database figures are computed at most this often (shared through the cache).
METRICS_CACHE_SECONDS = envint("METRICS_CACHE_SECONDS", "0" if TESTING else "10")
# `kyosei scheduler` writes a dated backup here every night (02:30 Japan time) and keeps the
# newest BACKUP_KEEP; empty = the job does nothing (back up some other way).
BACKUP_DIR = os.getenv("BACKUP_DIR", "")
BACKUP_KEEP = envint("BACKUP_KEEP", "7")
# Probes and scrapers talk plain HTTP to the server behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# HSTS preload is a one-way commitment for a whole domain; operators opt in with
# SECURE_HSTS_PRELOAD=1, so its reminder is not a deploy-check failure.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Disaster alerts (kyosei.alerts). VAPID keys sign Web Push requests (RFC 8292): base64url raw
# P-256 private key and uncompressed public key. DEBUG/TESTING use a published DEV key that
# must never be used in production (anyone could sign pushes for it).
_DEV_VAPID_PRIVATE = "yk_jNk7Xi4R3zFbpbSZ9GzLo24G9005H-464Q1eW26g"  # noqa: S105  # DEV ONLY
_DEV_VAPID_PUBLIC = (
    "BM-R2gOIAIhZzDzS_lRlRD-8ZrWQ6-4bKe4iL1SGmzy7Dhka37o89G55sjoL34w7epUhxV23xit6VK1CH_qzI6s"
)
VAPID_PRIVATE_KEY = os.getenv("VAPID_PRIVATE_KEY", _DEV_VAPID_PRIVATE if DEBUG or TESTING else "")
VAPID_PUBLIC_KEY = os.getenv("VAPID_PUBLIC_KEY", _DEV_VAPID_PUBLIC if DEBUG or TESTING else "")
VAPID_SUBJECT = os.getenv("VAPID_SUBJECT", f"mailto:{DEFAULT_FROM_EMAIL}")
# Shared secret for the JMA push endpoint (HMAC-SHA256 of the body); empty = endpoint off.
JMA_PUSH_SECRET = os.getenv("JMA_PUSH_SECRET", "")
JMA_FEED_URLS = envlist(
    "JMA_FEED_URLS",
    "https://www.data.jma.go.jp/developer/xml/feed/regular.xml,"
    "https://www.data.jma.go.jp/developer/xml/feed/extra.xml,"
    "https://www.data.jma.go.jp/developer/xml/feed/eqvol.xml",
)
ALERTS_BATCH_SIZE = envint("ALERTS_BATCH_SIZE", "2500")
ALERTS_PUSH_CONCURRENCY = envint("ALERTS_PUSH_CONCURRENCY", "32")
ALERTS_LEASE_SECONDS = envint("ALERTS_LEASE_SECONDS", "120")
# One active feed poller across machines: a standby takes over this long after the active one
# stopped renewing (kyosei.alerts.poll_loop).
ALERTS_POLLER_LEASE_SECONDS = envint("ALERTS_POLLER_LEASE_SECONDS", "30")
# Default of `kyosei alerts poll --interval`: JMA's short feeds are meant for a poll a minute.
ALERTS_POLL_INTERVAL_SECONDS = float(os.getenv("ALERTS_POLL_INTERVAL_SECONDS", "60"))
ALERTS_MAX_ATTEMPTS = envint("ALERTS_MAX_ATTEMPTS", "6")
ALERTS_RETRY_BASE_SECONDS = envint("ALERTS_RETRY_BASE_SECONDS", "30")
ALERTS_HTTP_TIMEOUT_SECONDS = envint("ALERTS_HTTP_TIMEOUT_SECONDS", "10")
# Outbound URLs given by residents (push endpoints) and staff (webhooks) are checked: push
# endpoints must be https on a known push service, webhooks https on a public address.
# DEBUG/TESTING relax this so local servers can be used.
ALERTS_CHECK_OUTBOUND_URLS = envbool(
    "ALERTS_CHECK_OUTBOUND_URLS", "False" if DEBUG or TESTING else "True"
)
ALERTS_PUSH_HOSTS = envlist(
    "ALERTS_PUSH_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,"
    "notify.windows.com,push.apple.com",
)

# Consultation counter: the largest attachment accepted (type-sniffed, encrypted at rest).
COUNTER_ATTACHMENT_MAX_BYTES = envint("COUNTER_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024))
