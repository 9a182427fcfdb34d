from django.urls import path

from actlocal.network import views

app_name = "network"

urlpatterns = [
    path("", views.space_list, name="index"),
    path("<slug:slug>/", views.space_detail, name="space"),
]
