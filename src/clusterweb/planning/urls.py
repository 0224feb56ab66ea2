from django.urls import path

from clusterweb.planning import revision_views, views

app_name = "planning"

urlpatterns = [
    path("projects/", views.projects, name="projects"),
    path("projects/<slug:key>/", views.project_detail, name="project"),
    path("projects/<slug:key>/edit/", views.project_edit, name="project_edit"),
    path(
        "projects/<slug:key>/business-case/edit/",
        views.business_case_edit,
        name="business_case_edit",
    ),
    path("projects/<slug:key>/phases/<str:phase>/edit/", views.phase_edit, name="phase_edit"),
    path("assumptions/", views.assumptions, name="assumptions"),
    path("assumptions/<str:key>/edit/", views.assumption_edit, name="assumption_edit"),
    path("commitments/add/", views.commitment_add, name="commitment_add"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/delete/", views.commitment_delete, name="commitment_delete"),
    path("revisions/", revision_views.revision_list, name="revisions"),
    path("revisions/compare/", revision_views.revision_diff_page, name="revision_diff"),
    path(
        "revisions/<int:pk>/make-live/",
        revision_views.revision_make_live,
        name="revision_make_live",
    ),
]
