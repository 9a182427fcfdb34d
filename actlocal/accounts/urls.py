from django.urls import path

from actlocal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    # Before the token pattern: "new" would otherwise be read as a token.
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
