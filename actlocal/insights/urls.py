from django.urls import path

from actlocal.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("needs/", views.needs, name="needs"),
]
