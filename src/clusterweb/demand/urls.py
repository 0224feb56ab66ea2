from django.urls import path

from clusterweb.demand import views

app_name = "demand"

urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("talent/", views.talent, name="talent"),
    path("talent/tables/<slug:slug>.<str:fmt>", views.talent_download, name="talent_download"),
    path("talent/supply/import/", views.supply_import, name="supply_import"),
    path("talent/targets/adopt/", views.targets_adopt, name="targets_adopt"),
    path("talent/targets/<int:year>/edit/", views.target_edit, name="target_edit"),
]
