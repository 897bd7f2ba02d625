import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kyosei.audit.services import record

SESSION_KEY = "kyosei_last_seen"
WRITE_EVERY = 30


class IdleTimeoutMiddleware:
    """Sign staff out after STAFF_IDLE_TIMEOUT seconds without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_KEY)
            if last_seen is not None and now - int(last_seen) > settings.STAFF_IDLE_TIMEOUT:
                user = request.user
                logout(request)
                record(actor=user, action="auth.idle_logout", request=request)
                messages.info(request, _("You were signed out after a period of inactivity."))
            elif last_seen is None or now - int(last_seen) >= WRITE_EVERY:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
