"""Login and logout (Django's views with our form and templates), and the admin site's login."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from clusterweb.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Log in; locked after repeated failures (per account and per address)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": gettext_lazy("Log in")}


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django requires)."""


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site's login URL, which never checks a password itself.

    There is one way to log in, the app's login page with its lockout: anonymous visitors
    (GET or POST) are sent there, keeping ``next``. A logged-in administrator goes on to
    ``next``; a logged-in user who may not use the admin gets 403 (sending them to the login
    page would loop, since it forwards logged-in users to ``next``).
    """
    admin_index = reverse("admin:index")
    target = request.GET.get(REDIRECT_FIELD_NAME) or admin_index
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = admin_index
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(target, reverse("accounts:login"))
    if user.is_active and user.is_staff:
        return HttpResponseRedirect(target)
    raise PermissionDenied
