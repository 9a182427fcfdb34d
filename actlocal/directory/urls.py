from django.urls import path

from actlocal.directory.views import detail, lists

app_name = "directory"

urlpatterns = [
    path("leaders/", lists.leader_list, name="leaders"),
    path("leaders/<int:pk>/", detail.leader_detail, name="leader_detail"),
    path("groups/", lists.group_list, name="groups"),
    path("groups/<slug:slug>/", detail.group_detail, name="group_detail"),
    path("resources/", lists.resource_list, name="resources"),
    path("resources/<int:pk>/", detail.resource_detail, name="resource_detail"),
]
