from django.urls import path

from clusterweb.startups import views

app_name = "startups"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("list/", views.startup_list, name="list"),
    path("new/", views.startup_add, name="add"),
    path("import/", views.import_view, name="import"),
    path("<slug:key>/", views.detail, name="detail"),
    path("<slug:key>/edit/", views.startup_edit, name="edit"),
    path("<slug:key>/funding/", views.add_round, name="add_round"),
    path("<slug:key>/jobs/", views.set_jobs, name="set_jobs"),
    path("<slug:key>/milestones/", views.add_milestone, name="add_milestone"),
]
