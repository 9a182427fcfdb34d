from django.urls import path

from actlocal.events.views import host, public

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("checkin/<str:token>/", host.checkin_by_token, name="checkin_token"),
    path("<slug:slug>/", public.event_detail, name="detail"),
]
