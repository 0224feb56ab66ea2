from django.urls import path

from clusterweb.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.public, name="public"),
    path("tables/<slug:slug>.<str:fmt>", views.public_download, name="public_download"),
    path("dashboard/", views.index, name="index"),
    path("dashboard/tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
