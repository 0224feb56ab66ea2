"""Login and logout (Django's views with our form and templates)."""

from django.contrib.auth import views as auth_views

from clusterweb.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Log in; locked after repeated failures."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django requires)."""
