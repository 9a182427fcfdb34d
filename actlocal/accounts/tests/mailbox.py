"""Reading the links our e-mails carry, the way a person would click them."""

import re
from urllib.parse import urlsplit

from django.core import mail

LINK = re.compile(r"https?://[^\s<>\"]+")


def messages_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def link_in(message, containing: str) -> str:
    """The path of the first link in ``message`` whose URL contains ``containing``."""
    for url in LINK.findall(message.body):
        if containing in url:
            return urlsplit(url).path
    raise AssertionError(f"no link containing {containing!r} in:\n{message.body}")
