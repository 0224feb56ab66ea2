from django.urls import path

from clusterweb.demand import views

app_name = "demand"

urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<slug:slug>.<str:fmt>", views.download, name="download"),
]
