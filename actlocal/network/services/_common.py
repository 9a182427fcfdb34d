"""What the network's services share: input checks with clear messages, mentions, rate limits."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext as _

from actlocal.core.ratelimit import rate_limited
from actlocal.network import selectors
from actlocal.network.markdown import clean_line, clean_text, mentioned_handles
from actlocal.network.models import Space

TITLE_MAX = 200
BODY_MAX = 20_000
MAX_MENTIONS = 10
# Posting limits per person: generous for a conversation, tight for a script.
THREAD_LIMIT, THREAD_WINDOW = 5, 600
REPLY_LIMIT, REPLY_WINDOW = 20, 600
REPORT_LIMIT, REPORT_WINDOW = 10, 3600


def handle_for(user) -> str:
    """How to @mention a leader: their name in lower case, dots for spaces (``@maria.lopez``). The same
    expression as the SQL in ``resolve_mentions``."""
    return (getattr(user, "name", "") or "").lower().replace(" ", ".")


def check_title(title: str) -> str:
    title = clean_line(title)
    if not title:
        raise ValidationError({"title": _("Give your thread a title.")})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": _("Keep the title under %(n)s characters.") % {"n": TITLE_MAX}})
    return title


def check_body(body: str, *, field: str = "body") -> str:
    body = clean_text(body).strip()
    if not body or not any(not unicodedata.category(c).startswith(("Z", "C")) for c in body):
        raise ValidationError({field: _("Write something first: the message is empty.")})
    if len(body) > BODY_MAX:
        raise ValidationError(
            {
                field: _("The message is %(size)s characters long; the limit is %(limit)s.")
                % {"size": f"{len(body):,}", "limit": f"{BODY_MAX:,}"}
            }
        )
    return body


def check_may_post(*, user, space: Space) -> None:
    refusal = selectors.posting_refusal(user=user, space=space)
    if refusal:
        raise PermissionDenied(refusal)


def check_rate(*, user, action: str, limit: int, window: int) -> None:
    if rate_limited(f"network:{action}:{user.pk}", limit, window):
        raise ValidationError(
            _("You are posting very quickly. Wait a few minutes and try again; your text is kept below.")
        )


def resolve_mentions(*, text: str, space: Space, author) -> tuple[list, set[str], list[str]]:
    """``(users to notify, handles to highlight, handles not linked)``. Only people who may read
    ``space`` are linked or notified; for anyone else the author learns only that the name was not linked,
    the same answer as for a name nobody has, so a mention cannot probe who is in a private space."""
    handles = mentioned_handles(text)[:MAX_MENTIONS]
    if not handles:
        return [], set(), []
    User = get_user_model()
    matches = (
        User.objects.filter(is_active=True)
        .annotate(handle=Lower(Replace("name", Value(" "), Value("."))))
        .filter(handle__in=handles)
        .values_list("pk", "handle")
    )
    by_handle: dict[str, set[int]] = {}
    for pk, handle in matches:
        by_handle.setdefault(handle, set()).add(pk)
    all_ids = set().union(*by_handle.values()) if by_handle else set()
    visible = {u.pk: u for u in selectors.users_who_can_see_space(space=space, user_ids=all_ids)}
    linked, users = set(), []
    for handle in handles:
        people = [visible[pk] for pk in by_handle.get(handle, ()) if pk in visible]
        if people:
            linked.add(handle)
            users.extend(people)
    unlinked = [h for h in handles if h not in linked]
    return [u for u in users if u.pk != author.pk], linked, unlinked
