from django.urls import path

from clusterweb.impact import views

app_name = "impact"

urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
