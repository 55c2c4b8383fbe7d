"""Authentication for the test settings."""

from axes.backends import AxesBackend


class LockoutBackend(AxesBackend):
    """django-axes' lockout check, minus the one case it cannot handle: the test client's
    ``client.login()``, which authenticates without a request. Every real request, such as a
    POST to the admin login form, still goes through the lockout."""

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
