from django.urls import path

from clusterweb.history import views

app_name = "history"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:change_id>/revert/", views.revert, name="revert"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
