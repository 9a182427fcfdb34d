from django.urls import path

from actlocal.social.views import messages, relationships, suggestions

app_name = "social"

urlpatterns = [
    path("messages/", messages.inbox, name="inbox"),
    path("messages/new/", messages.message_new, name="message_new"),
    path("messages/reports/", messages.report_queue, name="report_queue"),
    path("messages/reports/<int:pk>/", messages.report_detail, name="report_detail"),
    path("messages/<int:pk>/", messages.conversation, name="conversation"),
    path("messages/<int:pk>/<int:message_id>/report/", messages.message_report, name="message_report"),
    path("connections/", relationships.connections, name="connections"),
    path("connections/people/<int:pk>/", relationships.person_relationship, name="person"),
    path("connections/people/<int:pk>/request/", relationships.connection_request, name="connection_request"),
    path("connections/people/<int:pk>/disconnect/", relationships.disconnect, name="disconnect"),
    path("connections/people/<int:pk>/follow/", relationships.follow, name="follow"),
    path("connections/people/<int:pk>/unfollow/", relationships.unfollow, name="unfollow"),
    path("connections/people/<int:pk>/block/", relationships.block, name="block"),
    path("connections/people/<int:pk>/unblock/", relationships.unblock, name="unblock"),
    path(
        "connections/<int:pk>/<str:answer>/",
        relationships.connection_answer,
        name="connection_answer",
    ),
    path(
        "connections/groups/<slug:slug>/follow/",
        relationships.group_follow,
        {"on": True},
        name="group_follow",
    ),
    path(
        "connections/groups/<slug:slug>/unfollow/",
        relationships.group_follow,
        {"on": False},
        name="group_unfollow",
    ),
    path("people/suggested/", suggestions.suggested, name="suggested"),
]
