"""Hosts' pages: dashboard, attendees, check-in. (Being built.)"""

from django.http import Http404


def checkin_by_token(request, token: str):
    # The QR code in a confirmation e-mail points here; the hosting work fills this in.
    raise Http404
