from django.urls import path

from clusterweb.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.index, name="index"),
    path("what-if/", views.whatif, name="whatif"),
    path("rephase/", views.rephase, name="rephase"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
