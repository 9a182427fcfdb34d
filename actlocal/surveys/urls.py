from django.urls import path

from actlocal.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<slug:slug>/", views.survey_detail, name="detail"),
]
