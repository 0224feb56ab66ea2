from django.urls import include, path

from clusterweb.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<slug:key>/", views.indicator, name="indicator"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("actuals/", views.actuals, name="actuals"),
    path("actuals/new/", views.add, name="add"),
    path("actuals/<int:pk>/edit/", views.edit, name="edit"),
    path("import/", views.import_view, name="import"),
    path("submit/", views.submit, name="submit"),
    path("report/", include("clusterweb.monitoring.report_urls")),
]
