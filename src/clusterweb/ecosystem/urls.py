from django.urls import path

from clusterweb.ecosystem import views

app_name = "ecosystem"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("organisations/<slug:key>/", views.organisation, name="organisation"),
    path("import/", views.import_view, name="import"),
    path("white-spots/", views.whitespots, name="whitespots"),
    path(
        "white-spots/tables/<slug:slug>.<str:fmt>",
        views.whitespots_download,
        name="whitespots_download",
    ),
    path("concentration/", views.concentration, name="concentration"),
    path("showcase/", views.showcase, name="showcase"),
]
