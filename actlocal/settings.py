"""ActLocal settings: one module, every knob from the environment (see README, "Configuration")."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from actlocal.config import (
    SettingError,
    database_from_url,
    email_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ACTLOCAL_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
DEBUG = env_bool("DEBUG", False)
# HTTPS decides the production-only transport settings. `make demo` serves plain HTTP on loopback and says
# HTTPS=false; behind a TLS-terminating proxy leave it on.
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 50:
            raise SettingError("SECRET_KEY", "must be at least 50 characters")
        return key
    # No key given: keep one generated key per installation so sessions survive restarts.
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "actlocal.core",
    "actlocal.accounts",
    "actlocal.search",
    "actlocal.directory",
    "actlocal.events",
    "actlocal.network",
    "actlocal.notifications",
    "actlocal.social",
    "actlocal.surveys",
    "actlocal.insights",
    "actlocal.imports",
    "actlocal.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "actlocal.core.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "actlocal.core.middleware.RequestContextMiddleware",
    "actlocal.core.middleware.StripNulBytesMiddleware",
]

ROOT_URLCONF = "actlocal.urls"
WSGI_APPLICATION = "actlocal.wsgi.application"
ASGI_APPLICATION = "actlocal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "actlocal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "actlocal.core.context_processors.site",
                "actlocal.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 600, minimum=0)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'actlocal.sqlite3'}")
DATABASES = {
    "default": database_from_url("DATABASE_URL", DATABASE_URL, base_dir=BASE_DIR, conn_max_age=CONN_MAX_AGE)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks ------------------------------------------------------------------------
REDIS_URL = redis_url("REDIS_URL", env_str("REDIS_URL"))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "actlocal"}}

TASK_BACKEND = env_str("TASK_BACKEND", "immediate" if TESTING else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise SettingError("TASK_BACKEND", f"expected one of {', '.join(_TASK_BACKENDS)}, got {TASK_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}

# --- Accounts ----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests that create hundreds of users would spend minutes in it.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ActLocal] "
ACCOUNT_SIGNUP_FORM_CLASS = "actlocal.accounts.forms.SignupExtraForm"
# Failed-login lockout: 5 wrong passwords for one address lock it for 15 minutes; 20 a minute from one IP.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,5/15m/key"}
ACCOUNT_ADAPTER = "actlocal.accounts.adapter.AccountAdapter"
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 14, minimum=1)

# --- E-mail ------------------------------------------------------------------------------------------
vars().update(email_from_url("EMAIL_URL", env_str("EMAIL_URL", "locmem://" if TESTING else "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ActLocal <noreply@actlocal.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- I18n ----------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Español"))]
LOCALE_PATHS = [BASE_DIR / "actlocal" / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing folder before the first collectstatic
STATICFILES_DIRS = [
    BASE_DIR / "actlocal" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Forum attachments of non-public spaces are served only through a permission check, so they live outside
# MEDIA_ROOT (which a web server may serve directly).
NETWORK_ATTACHMENT_ROOT = VAR_DIR / "private" / "network"
NETWORK_ATTACHMENT_MAX_BYTES = env_int("NETWORK_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; tests and DEBUG read straight from the source folders.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "actlocal.core.storage.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Security --------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Map tiles when online (Leaflet); the server-drawn SVG map works without them. Empty turns tiles off.
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
_TILE_ORIGIN = "/".join(MAP_TILES_URL.split("/")[:3]) if MAP_TILES_URL.startswith("https://") else ""

# No inline scripts or styles anywhere: every script and stylesheet is a file under /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING" if TESTING else "INFO")},
}

NINJA_PAGINATION_PER_PAGE = 50
