from django.urls import path

from clusterweb.acquisition import views

app_name = "acquisition"

urlpatterns = [
    path("", views.board, name="board"),
    path("leads/", views.lead_list, name="list"),
    path("leads/new/", views.lead_add, name="add"),
    path("leads/<slug:key>/", views.lead_detail, name="detail"),
    path("leads/<slug:key>/edit/", views.lead_edit, name="edit"),
    path("leads/<slug:key>/move/", views.move, name="move"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pipeline/tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
