"""Root URLs: one include per app; pages are translated, URLs are not."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from clusterweb.accounts.views import admin_login
from clusterweb.api.api import api

urlpatterns = [
    path("", include("clusterweb.dashboard.urls")),
    path("accounts/", include("clusterweb.accounts.urls")),
    path("plan/", include("clusterweb.planning.urls")),
    path("history/", include("clusterweb.history.urls")),
    path("finance/", include("clusterweb.finance.urls")),
    path("scenarios/", include("clusterweb.scenarios.urls")),
    path("backcast/", include("clusterweb.backcast.urls")),
    path("impact/", include("clusterweb.impact.urls")),
    path("space-talent/", include("clusterweb.demand.urls")),
    path("ecosystem/", include("clusterweb.ecosystem.urls")),
    path("acquisition/", include("clusterweb.acquisition.urls")),
    path("events/", include("clusterweb.events.urls")),
    path("tasks/", include("clusterweb.tasks.urls")),
    path("startups/", include("clusterweb.startups.urls")),
    path("monitoring/", include("clusterweb.monitoring.urls")),
    path("api/tokens/", include("clusterweb.api.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # One authentication path: the admin's login URL hands over to the app's login (lockout).
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
