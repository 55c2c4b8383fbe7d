"""Admin sessions end after a working day without activity in the admin (SESSION_COOKIE_AGE)."""

from security.csp import ADMIN_PREFIX


class AdminActivityMiddleware:
    """Each successful admin request by a signed-in editor moves the session's end forward.

    Django's ``SESSION_SAVE_EVERY_REQUEST`` would save every session on every request, public
    pages included: a database write per page an editor reads, and while the database is down
    the Dutch 503 became a 500. Here only the admin counts, where the view has already read the
    user from the database; Django's SessionMiddleware, which must come before this middleware,
    saves the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and response.status_code < 500
            and user is not None
            and user.is_authenticated
        ):
            request.session.modified = True
        return response
