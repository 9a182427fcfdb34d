from django.urls import path

from actlocal.directory.views import contact, detail, groups, hsds, lists, maps, profile_edit, resources

app_name = "directory"

urlpatterns = [
    path("leaders/", lists.leader_list, name="leaders"),
    path("leaders/export.csv", lists.list_export, {"directory": "leaders"}, name="leaders_export"),
    path("groups/export.csv", lists.list_export, {"directory": "groups"}, name="groups_export"),
    path("resources/export.csv", lists.list_export, {"directory": "resources"}, name="resources_export"),
    path("search/", lists.global_search, name="search"),
    path("leaders/me/", profile_edit.my_profile, name="my_profile"),
    path("leaders/me/privacy/", profile_edit.my_privacy, name="my_privacy"),
    path("leaders/new/", profile_edit.leader_new, name="leader_new"),
    path("leaders/map/", maps.leader_map, name="leader_map"),
    path("leaders/<int:pk>/", detail.leader_detail, name="leader_detail"),
    path("leaders/<int:pk>/photo/", detail.leader_photo, name="leader_photo"),
    path("leaders/<int:pk>/contact/", contact.leader_contact, name="leader_contact"),
    path("leaders/<int:pk>/invite/", profile_edit.leader_invite, name="leader_invite"),
    path("groups/", lists.group_list, name="groups"),
    # Before the slug route: "new" is reserved and never a group's slug.
    path("groups/new/", groups.group_new, name="group_new"),
    path("groups/map/", maps.group_map, name="group_map"),  # "map" is likewise never a group's slug
    path("groups/<slug:slug>/", detail.group_detail, name="group_detail"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/leaders/add/", groups.group_affiliation_add, name="group_affiliation_add"),
    path(
        "groups/<slug:slug>/leaders/<int:pk>/remove/",
        groups.group_affiliation_remove,
        name="group_affiliation_remove",
    ),
    path("resources/", lists.resource_list, name="resources"),
    path("resources/submit/", resources.resource_submit, name="resource_submit"),
    path("resources/review/", resources.review_queue, name="resource_review_queue"),
    path("resources/map/", maps.resource_map, name="resource_map"),
    path("resources/hsds.json", hsds.resources_hsds, name="resources_hsds"),
    path("resources/<int:pk>/", detail.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/download/", detail.resource_download, name="resource_download"),
    path("resources/<int:pk>/review/", resources.resource_review, name="resource_review"),
    path("resources/<int:pk>/checked/", resources.resource_checked, name="resource_checked"),
]
