from django.db import transaction
from django.urls import path

from clusterweb.accounts import views

app_name = "accounts"

urlpatterns = [
    # Never inside a request transaction: the lockout counts attempts other requests committed.
    path("login/", transaction.non_atomic_requests(views.LoginView.as_view()), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
]
