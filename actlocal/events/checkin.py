"""Check-in links and their QR codes, for pages (the e-mail attaches its own PNG, see emails.py)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse

from actlocal.events.tokens import checkin_token


def checkin_url(rsvp) -> str:
    """The absolute URL a host's phone camera opens when it scans this RSVP's code."""
    return settings.SITE_URL + reverse("events:checkin_token", args=[checkin_token(rsvp)])


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data: URI, for an <img> (the CSP allows data: images, not inline styles)."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2, dark="#000", light="#fff")
