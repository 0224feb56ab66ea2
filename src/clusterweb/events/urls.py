from django.urls import path

from clusterweb.events import views

app_name = "events"

urlpatterns = [
    # Organisers (editors) and readers.
    path("", views.index, name="index"),
    path("new/", views.event_add, name="add"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/participants/add/", views.participant_add, name="participant_add"),
    path(
        "<int:pk>/participants/<int:pid>/edit/",
        views.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:pk>/participants/<int:pid>/delete/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("<int:pk>/pairs/", views.pairs, name="pairs"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/tables/", views.table_plan, name="tables"),
    path("<int:pk>/meetings/", views.meetings, name="meetings"),
    path("<int:pk>/meetings/<int:mid>/outcome/", views.outcome, name="outcome"),
    # The public: a published event and its registration form.
    path("public/<int:pk>/", views.public_event, name="public"),
    path("public/<int:pk>/register/", views.register, name="register"),
    # A participant's private pages: by the secret link ...
    path("p/<str:token>/", views.me, name="me"),
    path("p/<str:token>/edit/", views.me_edit, name="me_edit"),
    path("p/<str:token>/request/", views.me_request, name="me_request"),
    path("p/<str:token>/answer/", views.me_answer, name="me_answer"),
    path("p/<str:token>/agenda.ics", views.me_ics, name="me_ics"),
    path("p/<str:token>/agenda.pdf", views.me_pdf, name="me_pdf"),
    path("p/<str:token>/delete/", views.me_delete, name="me_delete"),
    # ... or logged in as the organisation's partner (or an organiser).
    path("mine/<int:pid>/", views.own, name="own"),
    path("mine/<int:pid>/edit/", views.own_edit, name="own_edit"),
    path("mine/<int:pid>/request/", views.own_request, name="own_request"),
    path("mine/<int:pid>/answer/", views.own_answer, name="own_answer"),
    path("mine/<int:pid>/agenda.ics", views.own_ics, name="own_ics"),
    path("mine/<int:pid>/agenda.pdf", views.own_pdf, name="own_pdf"),
]
