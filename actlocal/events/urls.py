from django.urls import path

from actlocal.events.views import agenda, feeds, host, manage, public, rsvp, series

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("new/", manage.event_new, name="new"),
    path("cohosting/", manage.cohosting, name="cohosting"),
    path("cohosting/<int:pk>/answer/", manage.cohost_respond, name="cohost_respond"),
    path("series/<slug:slug>/", series.series_detail, name="series"),
    path("series/<slug:slug>.ics", feeds.series_feed, name="series_feed"),
    path("feeds/group/<slug:slug>.ics", feeds.group_feed, name="group_feed"),
    path("feeds/state/<str:state>.ics", feeds.state_feed, name="state_feed"),
    path("checkin/<str:token>/", host.checkin_by_token, name="checkin_token"),
    # Early: the URL an RSVP surge hits, resolved before the host pages (no fixed prefix above ends "/rsvp/").
    path("<slug:slug>/rsvp/", rsvp.rsvp_submit, name="rsvp"),
    # Hosting: dashboard, attendees, message, check-in at the door (views/host.py).
    path("<slug:slug>/host/", host.dashboard, name="host_dashboard"),
    path("<slug:slug>/host/attendees/", host.attendees, name="host_attendees"),
    path("<slug:slug>/host/attendees.csv", host.attendees_csv, name="host_attendees_csv"),
    path("<slug:slug>/host/message/", host.message, name="host_message"),
    path("<slug:slug>/checkin/", host.checkin_page, name="checkin"),
    path("<slug:slug>/checkin/walk-in/", host.checkin_walk_in, name="checkin_walk_in"),
    path("<slug:slug>/checkin/<int:rsvp_id>/", host.checkin_rsvp, name="checkin_rsvp"),
    path("<slug:slug>/checkin/<int:rsvp_id>/undo/", host.checkin_undo, name="checkin_undo"),
    path("rsvp/cancel/<str:token>/", rsvp.rsvp_cancel_link, name="rsvp_cancel"),
    path("<slug:slug>.ics", feeds.event_feed, name="event_feed"),
    path("<slug:slug>/edit/", manage.event_edit, name="edit"),
    path("<slug:slug>/publish/", manage.event_publish, name="publish"),
    path("<slug:slug>/cancel/", manage.event_cancel, name="cancel"),
    path("<slug:slug>/team/", manage.event_team, name="team"),
    path("<slug:slug>/agenda/propose/", agenda.topic_propose, name="agenda_propose"),
    path("<slug:slug>/agenda/<int:topic_id>/vote/", agenda.topic_vote, name="agenda_vote"),
    path("<slug:slug>/agenda/<int:topic_id>/moderate/", agenda.topic_moderate, name="agenda_moderate"),
    # Keep last: it matches any slug.
    path("<slug:slug>/", public.event_detail, name="detail"),
]
