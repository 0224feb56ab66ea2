from django.urls import path

from clusterweb.scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.index, name="index"),
    path("results/", views.results, name="results"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("save/", views.save, name="save"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("compare/", views.compare, name="compare"),
    path("sensitivity/", views.sensitivity, name="sensitivity"),
    path("sensitivity/start/", views.sensitivity_start, name="sensitivity_start"),
    path("ensemble/", views.ensemble, name="ensemble"),
]
