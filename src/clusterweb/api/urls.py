from django.urls import path

from clusterweb.api import views

app_name = "tokens"

urlpatterns = [
    path("", views.tokens, name="index"),
    path("revoke/", views.revoke, name="revoke"),
]
