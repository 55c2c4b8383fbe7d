from .base import *  # noqa: F403

SECRET_KEY = "test-only"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Tests never touch a Redis from the environment; tests/test_redis_cache.py opts in explicitly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The admin login lockout stays on (tests/test_security.py exercises it); only the test client's
# login(), which has no request, bypasses it.
AUTHENTICATION_BACKENDS = [
    "tests.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
