"""Demo relationships, a private conversation and notifications for the demo leader
(leader@actlocal.example), so the inbox, messages and connections pages have something to show.

Rows are written directly (no services): seeding must not e-mail anyone, and the notifications are
marked e-mailed so a digest run on the demo sends nothing old.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from actlocal.accounts.models import User
from actlocal.directory.models import PartnerGroup, Person
from actlocal.notifications.models import Notification
from actlocal.social.models import Connection, Conversation, Follow, Message, Participant

DEMO_LEADER = "leader@actlocal.example"
MESSAGES = [
    (
        0,
        "Hi! I saw you’re organizing tenants in Madison too. Could we compare notes on door-knocking scripts?",
    ),
    (1, "Yes, gladly. Ours opens with a question about repairs, then asks about rent. Want me to send it?"),
    (0, "Please do. And would you come to our Thursday training? We can cover turf cutting together."),
]


PEER_EMAILS = [f"network-peer-{n}@actlocal.example" for n in (1, 2, 3)]


def _account_for(person: Person, email: str) -> User:
    # Demo peers cannot sign in (unusable password); they exist so the demo leader has people to talk to.
    # Fixed addresses: a reseed (``--reset`` keeps these accounts) reuses them instead of adding more.
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, name=person.full_name, is_member=True
    )
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])
    return user


def demo_social_create() -> int:
    """Returns how many rows it wrote (0 when the demo already has them)."""
    me = Person.objects.filter(user__email=DEMO_LEADER).select_related("user").first()
    if me is None or Participant.objects.filter(user=me.user).exists():
        return 0
    peers = list(
        Person.objects.filter(
            listed=True, state=me.state, name_visibility__in=["public", "members"], user__isnull=True
        )
        .exclude(leader_type="")
        .exclude(pk=me.pk)
        .order_by("pk")[:3]
    )
    if len(peers) < 3:
        return 0
    # A reset deleted the demo leader (and her side of everything); drop what is left of the old demo.
    Conversation.objects.filter(participants__user__email__in=PEER_EMAILS).delete()
    Connection.objects.filter(from_user__email__in=PEER_EMAILS).delete()
    friend, asker, followed = (_account_for(p, e) for p, e in zip(peers, PEER_EMAILS, strict=True))
    now = timezone.now()
    rows = [
        Connection.objects.create(
            from_user=friend, to_user=me.user, status=Connection.Status.ACCEPTED, responded_at=now
        ),
        Connection.objects.create(from_user=asker, to_user=me.user),
        Follow.objects.create(follower=me.user, person=peers[2]),
    ]
    group = PartnerGroup.objects.filter(state=me.state).order_by("pk").first()
    if group is not None:
        rows.append(Follow.objects.create(follower=me.user, group=group))
    conversation = Conversation.objects.create(created_by=friend)
    Participant.objects.bulk_create(
        [
            Participant(conversation=conversation, user=friend),
            Participant(conversation=conversation, user=me.user),
        ]
    )
    senders = [friend, me.user]
    for i, (who, body) in enumerate(MESSAGES):
        message = Message.objects.create(conversation=conversation, sender=senders[who], body=body)
        Message.objects.filter(pk=message.pk).update(created_at=now - timedelta(hours=len(MESSAGES) - i))
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now - timedelta(hours=1))
    Participant.objects.filter(conversation=conversation, user=friend).update(last_read_at=now)
    notes = [
        ("message.new", friend, f"New message from {peers[0].full_name}", MESSAGES[2][1][:200],
         reverse("social:conversation", args=[conversation.pk])),
        ("connection.request", asker, f"{peers[1].full_name} wants to connect with you", "",
         reverse("social:connections")),
        ("follow.new", followed, f"{peers[2].full_name} started following you", "", peers[2].get_absolute_url()),
    ]  # fmt: skip
    Notification.objects.bulk_create(
        Notification(
            recipient=me.user, kind=kind, actor=actor, title=title, excerpt=excerpt, url=url, emailed_at=now
        )
        for kind, actor, title, excerpt, url in notes
    )
    return len(rows) + 1 + len(MESSAGES) + len(notes)
