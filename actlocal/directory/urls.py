from django.urls import path

from actlocal.directory import views

app_name = "directory"

urlpatterns = [
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader_detail"),
    path("groups/", views.group_list, name="groups"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/<int:pk>/", views.resource_detail, name="resource_detail"),
]
