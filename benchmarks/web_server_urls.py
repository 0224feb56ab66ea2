"""The site's URLs plus the benchmark's peer view."""

from django.urls import include, path

from benchmarks.web_server import ping

urlpatterns = [
    path("_bench/ping", ping, name="bench-ping"),
    path("", include("clusterweb.urls")),
]
