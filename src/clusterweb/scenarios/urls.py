from django.urls import path

from clusterweb.scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.index, name="index"),
]
