"""The kinds of notification, each with the label a person sees on the settings page and the delivery
used until that person chooses one. Other apps pass these keys to ``services.notify``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from actlocal.notifications.models import Delivery


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    default: str


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("thread.reply", _("Replies to threads I started or follow"), Delivery.INSTANT),
        Kind("thread.mention", _("Someone mentions me"), Delivery.INSTANT),
        Kind("thread.solved", _("My answer is accepted as the solution"), Delivery.DAILY),
        Kind("moderation.report", _("Reports for moderators to review"), Delivery.INSTANT),
        Kind("message.new", _("New private messages"), Delivery.INSTANT),
        Kind("connection.request", _("Connection requests"), Delivery.INSTANT),
        Kind("connection.accepted", _("My connection requests accepted"), Delivery.DAILY),
        Kind("follow.new", _("Someone follows me"), Delivery.WEEKLY),
        Kind("follow.thread", _("A leader or group I follow starts a thread"), Delivery.DAILY),
        Kind("follow.event", _("A leader or group I follow hosts an event"), Delivery.DAILY),
    )
}

DIGEST_PERIODS = (Delivery.DAILY, Delivery.WEEKLY)


def kind_label(key: str):
    kind = KINDS.get(key)
    return kind.label if kind is not None else key


def kind_default(key: str) -> str:
    # A kind another app has not registered yet still reaches people, at once, rather than vanishing.
    kind = KINDS.get(key)
    return kind.default if kind is not None else Delivery.INSTANT
