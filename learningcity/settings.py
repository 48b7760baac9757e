"""One settings module, read from the environment.

DEBUG is off unless the environment turns it on: `make run` and the test run set DEBUG=1, and
with no other variable set that is the embedded run: SQLite file, eager Celery, console e-mail.
Everything else (the image, a stray `manage.py`) runs as production and must then provide
SECRET_KEY, ALLOWED_HOSTS and SITE_URL: we refuse to start without them rather than run with an
insecure default or e-mail links to 127.0.0.1.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def require(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG=0 (see the configuration table in README.md)."
        )
    return value


def strong_secret_key(value):
    """Django's own rule (security.W009): 50 characters or more, 5 or more distinct ones."""
    if len(value) < 50 or len(set(value)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak: use 50 or more random characters, e.g. the output of "
            'python3 -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    return value


DEBUG = env_bool("DEBUG", False)
if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-development-key-never-use-in-production"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
    SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
else:
    SECRET_KEY = strong_secret_key(require("SECRET_KEY"))
    require("ALLOWED_HOSTS")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    SITE_URL = require("SITE_URL").rstrip("/")
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        f"SITE_URL must be an address such as https://aprende.example.org, not {SITE_URL!r}"
    )

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Map tiles (a public tile server or the city's own); empty shows maps without a background.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with the fields of each language.
    "modeltranslation",
    "learningcity.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "csp",
    "django_filters",
    "simple_history",
    "learningcity",
    "stakeholders",
    "planning",
    "events",
    "provision",
    "monitoring",
    "funding",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "learningcity.middleware.NullCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "learningcity.audit.AuditSourceMiddleware",
    "learningcity.middleware.CityTimezoneMiddleware",
    "learningcity.middleware.PreferredLanguageMiddleware",
]

ROOT_URLCONF = "learningcity.urls"
WSGI_APPLICATION = "learningcity.wsgi.application"
ASGI_APPLICATION = "learningcity.asgi.application"

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
                "django.template.context_processors.i18n",
                "learningcity.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two people saving at once on the embedded run: a deferred transaction that reads, then
    # writes, fails at once with "database is locked" when another holds the write lock; an
    # immediate one takes the lock at BEGIN and waits for it. WAL lets pages read meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets .ci/run point the Celery worker at the very database pytest-django creates.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

if REDIS_URL:
    CACHES = {
        "default": {
            # Carries on as an empty cache while Redis is unreachable (learningcity/cache.py);
            # the short timeouts keep each request from waiting long to find out.
            "BACKEND": "learningcity.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "learningcity"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "learningcity.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"

# django-allauth: e-mail is the login, confirmation is mandatory, default rate limits stay on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_FORM_CLASS = "learningcity.account_forms.SignupExtraForm"
ACCOUNT_ADAPTER = "learningcity.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (docs/decisions/0001-content-languages.md): the default language is
# required, and a missing translation shows the default language's text. An optional text
# written only in another language (an organisation describing itself in English) shows in it.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE,),
    LANGUAGE_CODE: tuple(code for code, _name in LANGUAGES if code != LANGUAGE_CODE),
}
IN_LANGUAGE = {"es": _("in Spanish"), "en": _("in English")}
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda name, language: format_lazy(  # noqa: E731
    "{} ({})", name, IN_LANGUAGE[language]
)
# The city's own time zone comes from its CityProfile and is activated per request.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Largest uploads learningcity/uploads.py accepts: documents, and images such as the city's logo.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# How many organisations one account may register in 24 hours (staff add more in the admin).
ORGANISATION_REGISTRATIONS_PER_DAY = env_int("ORGANISATION_REGISTRATIONS_PER_DAY", 5)
# The forum (stakeholders/forum): how long authors may edit a post; what accounts younger than
# FORUM_NEW_ACCOUNT_DAYS may post in an hour; how many of a new account's first posts wait for a
# moderator before anyone else sees them (0: none wait).
FORUM_EDIT_MINUTES = env_int("FORUM_EDIT_MINUTES", 30)
FORUM_NEW_ACCOUNT_DAYS = env_int("FORUM_NEW_ACCOUNT_DAYS", 7)
FORUM_NEW_ACCOUNT_TOPICS_PER_HOUR = env_int("FORUM_NEW_ACCOUNT_TOPICS_PER_HOUR", 3)
FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = env_int("FORUM_NEW_ACCOUNT_POSTS_PER_HOUR", 20)
FORUM_HOLD_FIRST_POSTS = env_int("FORUM_HOLD_FIRST_POSTS", 0)
FORUM_POST_MAX_LENGTH = env_int("FORUM_POST_MAX_LENGTH", 20_000)
# A plan with more actions than this shows its objectives collapsed on /plan/: each objective's
# actions are fetched when the reader opens it (htmx), or shown on a filtered page without JS.
PLAN_ACTIONS_SHOWN_MAX = env_int("PLAN_ACTIONS_SHOWN_MAX", 120)
# How many filtered layers of the map of learning each process keeps (provision.layers).
PROVISION_MAP_LAYERS_KEPT = env_int("PROVISION_MAP_LAYERS_KEPT", 4)
# A report's PDF still "being generated" after this many minutes is shown as failed (its worker
# died); the coordinator may generate it again.
REPORT_GENERATION_MINUTES = env_int("REPORT_GENERATION_MINUTES", 15)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development (and tests) whitenoise serves straight from the app and vendor folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Learning City <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_URL:
    from learningcity.email_url import parse_email_url

    globals().update(parse_email_url(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Celery: a broker only when REDIS_URL is set; otherwise every task runs eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With Redis gone, queuing a task (`.delay()` after a commit) must fail within about a second
# rather than retry for 20 s: the broker connection, the publish retries and the result
# backend's subscription all give up fast. The e-mail stays in the outbox for the beat task.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A task taken by a worker that vanished (machine lost, not just the process) goes back to
    # the queue after this long. Longer than the slowest task, a report's PDF, so a task still
    # running is never handed to a second worker; far shorter than Redis's default hour.
    "visibility_timeout": 30 * 60,
    "socket_connect_timeout": 1,
    # Longer than kombu's 1 s BRPOP wait, so the worker's idle polling is not cut short.
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    }
}
CELERY_BEAT_SCHEDULE = {
    "requeue-unsent-emails": {
        "task": "learningcity.tasks.requeue_unsent_emails_task",
        "schedule": 300.0,
    },
    # Hourly, and each sends a period's digests once: the city's time zone decides when a day or
    # week is over (learningcity.notifications.last_complete_period), not beat's clock.
    "daily-notification-digests": {
        "task": "learningcity.tasks.daily_digests_task",
        "schedule": 3600.0,
    },
    "weekly-notification-digests": {
        "task": "learningcity.tasks.weekly_digests_task",
        "schedule": 3600.0,
    },
}

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
# Both bind more than this portal (every subdomain; the browsers' built-in list), so the city
# turns them on deliberately; while they are off, Django's reminders about them are silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, on in [
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    ]
    if not on
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The proxy appends the client's address to X-Forwarded-For: allauth's rate limits then count
    # per visitor, not per proxy (where ten bad logins a minute would lock the whole city out).
    ALLAUTH_TRUSTED_PROXY_COUNT = 1
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]


def origin_of(url_template):
    """`https://{s}.tiles.example.org/{z}/{x}/{y}.png` -> `https://*.tiles.example.org`."""
    parts = urlsplit(url_template.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# django-csp: scripts and styles only from our own files (no inline code, no handlers); data:
# images are Pico's form icons; map tiles come from MAP_TILES_URL's host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [origin_of(MAP_TILES_URL)])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint tells every step of every PDF at INFO; its warnings (a missing font or
        # image in a report) are what the logs need.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
