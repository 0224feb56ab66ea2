from django.urls import path

from clusterweb.backcast import views

app_name = "backcast"

urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
