from django.urls import path

from actlocal.events.views import public

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("<slug:slug>/", public.event_detail, name="detail"),
]
