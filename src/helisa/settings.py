"""Helisa settings, read from environment variables.

Every variable is documented in README.md (Configuration). A wrong value stops the start with
a message naming the variable: a typo must never fall back silently to a default.
"""

import importlib.util
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from helisa.core.environment import (
    env_bool,
    env_choice,
    env_import_path,
    env_int,
    env_list,
    env_secret,
    env_str,
    env_url,
)

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("HELISA_VAR_DIR", str(BASE_DIR / "var")))

PROFILE = env_choice("HELISA_PROFILE", ["development", "production"], "development")
PRODUCTION = PROFILE == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when HELISA_PROFILE=production.")

SECRET_KEY = env_secret("SECRET_KEY", None if PRODUCTION else "helisa-development-only-not-secret")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", ["https", "http"]).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the bundled Swagger UI as static files: the docs work offline
    "helisa.core",
    "helisa.registry",
    "helisa.alliance",
    "helisa.cooperation",
    "helisa.congress",
    "helisa.api",
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
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "helisa.core.middleware.ContentSecurityPolicyMiddleware",
    "helisa.core.middleware.SecretariatMfaMiddleware",
    "helisa.api.language.LanguageParameterMiddleware",
]

ROOT_URLCONF = "helisa.urls"
WSGI_APPLICATION = "helisa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "helisa.core.context_processors.helisa",
            ],
            "builtins": ["django.templatetags.i18n", "helisa.core.templatetags.helisa_tags"],
        },
    }
]

DATABASE_SCHEMES = ["postgres", "postgresql", "sqlite"]
DATABASES = {
    "default": dj_database_url.parse(
        env_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'helisa.sqlite3'}", DATABASE_SCHEMES),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_ADAPTER = "helisa.core.accounts.AccountAdapter"
if env_bool("HELISA_DISABLE_RATE_LIMITS", False):
    ACCOUNT_RATE_LIMITS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Helisa] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Helisa"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pl", _("Polish"))]
# Languages that user-written text may be entered in: the founding members' languages.
CONTENT_LANGUAGES = ["en", "pl", "bg", "fr", "es", "lt", "lv", "hu", "ro", "de"]
LOCALE_PATHS = [SRC_DIR / "locale"]
FORMAT_MODULE_PATH = ["helisa.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Warsaw"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGE_BACKEND = env_choice("STORAGE_BACKEND", ["filesystem", "s3"], "filesystem")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if STORAGE_BACKEND == "s3" and importlib.util.find_spec("storages") is None:
    raise ImproperlyConfigured(
        "STORAGE_BACKEND=s3 needs django-storages: install Helisa with pip install 'helisa[s3]'."
    )
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", None),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "access_key": env_secret("S3_ACCESS_KEY", None),
            "secret_key": env_secret("S3_SECRET_KEY", None),
            "region_name": env_str("S3_REGION", "") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 100 * 1024 * 1024)
# Imports with more rows than this are validated and applied by a background worker.
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 2000)

# Ed25519 signing keys of the alliances (base64 seeds), never in the repository: docs/receipts.md.
ALLIANCE_SIGNING_KEYS_DIR = env_str("ALLIANCE_SIGNING_KEYS_DIR", "")
ALLIANCE_SIGNING_KEY = env_secret("ALLIANCE_SIGNING_KEY", "")
ALLIANCE_SIGNING_KEY_ID = env_str("ALLIANCE_SIGNING_KEY_ID", "")
if ALLIANCE_SIGNING_KEY and not ALLIANCE_SIGNING_KEY_ID:
    raise ImproperlyConfigured("ALLIANCE_SIGNING_KEY needs ALLIANCE_SIGNING_KEY_ID.")
if PRODUCTION and not (ALLIANCE_SIGNING_KEYS_DIR or ALLIANCE_SIGNING_KEY):
    raise ImproperlyConfigured(
        "HELISA_PROFILE=production needs the alliances' signing keys: set "
        "ALLIANCE_SIGNING_KEYS_DIR, or ALLIANCE_SIGNING_KEY (or ALLIANCE_SIGNING_KEY_FILE) with "
        "ALLIANCE_SIGNING_KEY_ID."
    )

REDIS_URL = env_url("REDIS_URL", "", ["redis", "rediss", "unix"])
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASKS_BACKEND",
            ["django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"],
            "django_tasks_db.DatabaseBackend",
        )
    }
}

EMAIL_BACKEND = env_import_path(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Helisa <noreply@helisa.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

LOG_LEVEL = env_choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR"], "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # fpdf2's font subsetting logs every table it prunes at INFO.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
DIRECTORY_PAGE_SIZE = 25
