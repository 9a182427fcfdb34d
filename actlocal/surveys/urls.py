from django.urls import path

from actlocal.surveys.views import analysis, areas, builder, paper, public, taking

app_name = "surveys"

urlpatterns = [
    path("", public.survey_list, name="list"),
    path("new/", builder.survey_create, name="create"),
    path("areas/", areas.area_profiles, name="areas"),
    path("areas/<int:pk>/", areas.area_profile_edit, name="area_edit"),
    path("<slug:slug>/", taking.survey_detail, name="detail"),
    path("<slug:slug>/thanks/", taking.survey_thanks, name="thanks"),
    path("<slug:slug>/results/", analysis.survey_results, name="results"),
    path("<slug:slug>/results/export.<str:fmt>", analysis.survey_export, name="export"),
    path("<slug:slug>/edit/", builder.survey_edit, name="edit"),
    path("<slug:slug>/status/", builder.survey_status, name="status"),
    path("<slug:slug>/send/", builder.survey_send, name="send"),
    path("<slug:slug>/new-version/", builder.survey_version, name="version"),
    path("<slug:slug>/questions/add/", builder.question_add, name="question_add"),
    path("<slug:slug>/questions/<int:pk>/", builder.question_edit, name="question_edit"),
    path("<slug:slug>/questions/<int:pk>/delete/", builder.question_delete, name="question_delete"),
    path("<slug:slug>/questions/<int:pk>/move/", builder.question_move, name="question_move"),
    path("<slug:slug>/findings/add/", builder.finding_add, name="finding_add"),
    path("<slug:slug>/findings/<int:pk>/delete/", builder.finding_delete, name="finding_delete"),
    path("<slug:slug>/paper/", paper.paper_entry, name="paper"),
]
