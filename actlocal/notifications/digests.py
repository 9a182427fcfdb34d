"""Daily and weekly digests: one e-mail per person gathering the notifications whose kind they chose to
receive that way, not yet e-mailed and not yet read in the app.

Built to scale to the whole network in one run: recipients are walked in chunks (a partial index keeps the
walk to notifications still owed), each chunk costs a handful of queries (its notifications, its people's
preferences, its people), the chunk's notifications are claimed (``emailed_at``) in one UPDATE before any
mail goes out, and the chunk's messages go through one mail connection. A notification is e-mailed at
most once: a run that finds it claimed skips it, and a message the mail server refuses is released for
the next run.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actlocal.core.audit import audit_log
from actlocal.notifications.emails import absolute, header_text, settings_url
from actlocal.notifications.kinds import DIGEST_PERIODS, KINDS, kind_default
from actlocal.notifications.models import Notification, NotificationPreference
from actlocal.notifications.tokens import unsubscribe_headers, unsubscribe_token

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
MAX_ITEMS_PER_DIGEST = 50  # a digest is a summary; the inbox has the rest
EXCERPT_CHARS = 160


@dataclass
class DigestRun:
    period: str
    emails: int = 0
    notifications: int = 0
    failed: int = 0


def _pending():
    return Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)


def _recipient_chunks(chunk_size: int):
    last = 0
    while True:
        ids = list(
            _pending()
            .filter(recipient_id__gt=last)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:chunk_size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def _claim(ids: list[int]) -> set[int]:
    """Mark these notifications e-mailed now; return the ones this run got (another run may have some)."""
    stamp = timezone.now()
    claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=stamp)
    if claimed == len(ids):
        return set(ids)
    return set(Notification.objects.filter(pk__in=ids, emailed_at=stamp).values_list("pk", flat=True))


class _Writer:
    """Writes one period's digest e-mails. Everything that does not depend on the person (the phrases in
    each language, the links, the unsubscribe URL's prefix) is worked out once per run, not once per
    e-mail: at 100,000 e-mails, translating, reversing URLs and rendering a template each time would take
    longer than the rest of the run. The text is plain, so it is assembled here rather than templated."""

    def __init__(self, period: str):
        self.period = period
        self.inbox_url = absolute(reverse("notifications:inbox"))
        self.settings_url = settings_url()
        placeholder = "TOKEN"  # the URL around the token is the same for everyone
        url = settings.SITE_URL + reverse("notifications:unsubscribe", args=[placeholder])
        self.unsubscribe_prefix, self.unsubscribe_suffix = url.split(placeholder, 1)
        self._words: dict[str, dict] = {}
        self._subjects: dict[tuple[str, int], str] = {}

    def words(self, language: str) -> dict:
        if language not in self._words:
            with translation.override(language):
                self._words[language] = {
                    "intro": _("Here is what happened on ActLocal this week.")
                    if self.period == "weekly"
                    else _("Here is what happened on ActLocal since yesterday."),
                    "labels": {key: str(kind.label) for key, kind in KINDS.items()},
                    "inbox": _("Your inbox:"),
                    "change": _("Change what you receive:"),
                    "stop": _("Stop this digest:"),
                }
        return self._words[language]

    def subject(self, language: str, count: int) -> str:
        key = (language, count)
        if key not in self._subjects:
            with translation.override(language):
                if self.period == "weekly":
                    text = ngettext(
                        "Your weekly ActLocal digest: %(n)s new notification",
                        "Your weekly ActLocal digest: %(n)s new notifications",
                        count,
                    )
                else:
                    text = ngettext(
                        "Your daily ActLocal digest: %(n)s new notification",
                        "Your daily ActLocal digest: %(n)s new notifications",
                        count,
                    )
                self._subjects[key] = header_text(text % {"n": count})
        return self._subjects[key]

    def more(self, language: str, count: int) -> str:
        with translation.override(language):
            return ngettext("…and %(n)s more in your inbox.", "…and %(n)s more in your inbox.", count) % {
                "n": count
            }

    def build(self, user: dict, items: list[dict]) -> EmailMessage:
        language = user["language"] or settings.LANGUAGE_CODE
        words = self.words(language)
        unsubscribe = (
            self.unsubscribe_prefix + unsubscribe_token(user["id"], self.period) + self.unsubscribe_suffix
        )
        groups: dict[str, list[dict]] = defaultdict(list)
        for item in items[:MAX_ITEMS_PER_DIGEST]:
            groups[item["kind"]].append(item)
        lines = [words["intro"]]
        for kind, rows in groups.items():
            lines += ["", f"== {words['labels'].get(kind, kind)} ==", ""]
            for row in rows:
                lines.append(f"* {row['title']}")
                if row["excerpt"]:
                    excerpt = row["excerpt"]
                    lines.append(
                        "  "
                        + (excerpt if len(excerpt) <= EXCERPT_CHARS else excerpt[: EXCERPT_CHARS - 1] + "…")
                    )
                lines.append(f"  {absolute(row['url'])}")
        if len(items) > MAX_ITEMS_PER_DIGEST:
            lines += ["", self.more(language, len(items) - MAX_ITEMS_PER_DIGEST)]
        lines += [
            "",
            f"{words['inbox']} {self.inbox_url}",
            "",
            "--",
            f"{words['change']} {self.settings_url}",
            f"{words['stop']} {unsubscribe}",
            "",
        ]
        return EmailMessage(
            self.subject(language, len(items)),
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [user["email"]],
            headers=unsubscribe_headers(unsubscribe),
        )


def _send_chunk(period: str, user_ids: list[int], writer: _Writer, connection) -> tuple[int, int, int]:
    prefs: dict[int, dict[str, str]] = defaultdict(dict)
    for user_id, kind, delivery in NotificationPreference.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind", "delivery"
    ):
        prefs[user_id][kind] = delivery
    users = {
        u["id"]: u
        for u in get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values("id", "email", "language")
    }
    owed: dict[int, list[dict]] = defaultdict(list)
    rows = (
        _pending()
        .filter(recipient_id__in=user_ids)
        .order_by("recipient_id", "-created_at", "-id")
        .values("id", "recipient_id", "kind", "title", "excerpt", "url", "created_at")
    )
    for row in rows:
        uid = row["recipient_id"]
        if uid in users and prefs[uid].get(row["kind"], kind_default(row["kind"])) == period:
            owed[uid].append(row)
    if not owed:
        return 0, 0, 0
    with transaction.atomic():
        claimed = _claim([row["id"] for items in owed.values() for row in items])
    emails: list[tuple[EmailMessage, list[int]]] = []
    for uid, items in owed.items():
        mine = [row for row in items if row["id"] in claimed]
        if mine:
            emails.append((writer.build(users[uid], mine), [row["id"] for row in mine]))
    failed_ids: list[int] = []
    try:
        connection.send_messages([message for message, _ids in emails])
    except Exception:  # one bad address or an outage: find out which, one by one, and release those
        logger.exception("digest chunk failed; retrying its messages one at a time")
        for message, ids in emails:
            try:
                connection.send_messages([message])
            except Exception:
                failed_ids.extend(ids)
    if failed_ids:
        Notification.objects.filter(pk__in=failed_ids).update(emailed_at=None)
    sent_notifications = sum(len(ids) for _m, ids in emails) - len(failed_ids)
    return len(emails), sent_notifications, len(failed_ids)


def digests_send(*, period: str, chunk_size: int = CHUNK_SIZE) -> DigestRun:
    """Build and send every ``period`` ("daily" or "weekly") digest that is owed now."""
    if period not in DIGEST_PERIODS:
        raise ValueError(f"unknown digest period {period!r}")
    run = DigestRun(period=period)
    writer = _Writer(period)
    connection = get_connection()
    connection.open()
    try:
        for user_ids in _recipient_chunks(chunk_size):
            emails, notifications, failed = _send_chunk(period, user_ids, writer, connection)
            run.emails += emails
            run.notifications += notifications
            run.failed += failed
    finally:
        connection.close()
    audit_log(
        action="notification.digest",
        changes={
            "period": period,
            "emails": run.emails,
            "notifications": run.notifications,
            "failed": run.failed,
        },
    )
    return run
