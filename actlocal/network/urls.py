from django.urls import path

from actlocal.network.views import moderation, spaces, threads

app_name = "network"

urlpatterns = [
    path("", spaces.space_list, name="index"),
    path("search/", threads.thread_search, name="thread_search"),
    path("moderation/", moderation.moderation_queue, name="moderation"),
    path("moderation/reports/<int:report_id>/", moderation.report_decide, name="report_decide"),
    path("moderation/members/<int:user_id>/", moderation.member_suspend, name="member_suspend"),
    path("attachments/<int:pk>/", threads.attachment_download, name="attachment"),
    path("<slug:slug>/", spaces.space_detail, name="space"),
    path("<slug:slug>/new/", threads.thread_new, name="thread_new"),
    path("<slug:slug>/settings/", spaces.space_settings, name="space_settings"),
    path("<slug:slug>/<int:pk>/", threads.thread_detail, name="thread"),
    path("<slug:slug>/<int:pk>/reply/", threads.reply_submit, name="reply"),
    path("<slug:slug>/<int:pk>/edit/", threads.thread_edit, name="thread_edit"),
    path("<slug:slug>/<int:pk>/replies/<int:reply_id>/edit/", threads.reply_edit, name="reply_edit"),
    path("<slug:slug>/<int:pk>/solve/", threads.thread_solve, name="thread_solve"),
    path("<slug:slug>/<int:pk>/report/", moderation.report_post, name="report"),
    path("<slug:slug>/<int:pk>/moderate/", moderation.thread_moderate, name="thread_moderate"),
    path("<slug:slug>/<int:pk>/move/", moderation.thread_move, name="thread_move"),
    path("<slug:slug>/<int:pk>/promote/", moderation.thread_promote, name="thread_promote"),
]
