"""URLs of the annual progress report (included by ``monitoring.urls`` under ``report/``)."""

from django.urls import path

from clusterweb.monitoring import report_views

urlpatterns = [
    path("", report_views.start, name="report"),
    path("<int:pk>/", report_views.result, name="report_result"),
    path("<int:pk>/report.<str:fmt>", report_views.download, name="report_download"),
]
