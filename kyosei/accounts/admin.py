from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from kyosei.accounts.models import User


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin signs in through the same password + second-factor flow as the console."""
    from urllib.parse import urlencode

    next_url = request.GET.get("next", reverse("admin:index"))
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


# The Django admin requires a verified second factor, like every staff page.
admin.site.__class__ = OTPAdminSite
admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = "Kyosei"

admin.site.register(User, UserAdmin)
