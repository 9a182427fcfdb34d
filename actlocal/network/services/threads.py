"""Threads and replies: ask, answer, accept the answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.network import selectors
from actlocal.network.markdown import clean_line, plain_excerpt, render_markdown
from actlocal.network.models import Reply, Space, Tag, Thread
from actlocal.network.services import _common
from actlocal.network.services.attachments import attachments_add, check_attachments

MAX_TAGS = 5
TAG_MAX = 40


def _tags_from(raw) -> list[Tag]:
    """Tags from a comma-separated string (or a list): cleaned, at most five, created when new."""
    names = raw.split(",") if isinstance(raw, str) else list(raw or [])
    cleaned: dict[str, str] = {}
    for name in names:
        name = clean_line(name).lstrip("#")
        slug = slugify(name, allow_unicode=True)[:50]
        if not slug:
            continue
        if len(name) > TAG_MAX:
            raise ValidationError({"tags": _("Keep each tag under %(n)s characters.") % {"n": TAG_MAX}})
        cleaned.setdefault(slug, name)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(n)s tags.") % {"n": MAX_TAGS}})
    tags = []
    for slug, name in cleaned.items():
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def _notify(**kwargs) -> None:
    from actlocal.notifications.services import notify

    notify(**kwargs)


def _notify_mentions(*, users, thread: Thread, actor, excerpt: str, target) -> None:
    if users:
        title = _("%(name)s mentioned you in “%(title)s”") % {
            "name": actor.name or _("A leader"),
            "title": thread.title,
        }
        _notify(
            recipients=users, kind="thread.mention", title=title, url=thread.get_absolute_url(),
            actor=actor, excerpt=excerpt, target=target,
        )  # fmt: skip


@transaction.atomic
def thread_create(
    *, author, space: Space, title: str, body: str, kind: str = Thread.Kind.DISCUSSION, tags="", files=()
) -> Thread:
    """Start a thread in ``space``. Mentions of people who may read the space notify them; any other
    ``@name`` stays plain text, listed in ``thread.unlinked_mentions`` for the author."""
    _common.check_may_post(user=author, space=space)
    errors: dict[str, list] = {}
    try:
        title = _common.check_title(title)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        body = _common.check_body(body)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if kind not in Thread.Kind.values:
        errors["kind"] = [_("Choose a discussion or a question.")]
    try:
        check_attachments(files)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    tag_objects = _tags_from(tags)
    _common.check_rate(user=author, action="thread", limit=_common.THREAD_LIMIT, window=_common.THREAD_WINDOW)
    mentioned, linked, unlinked = _common.resolve_mentions(text=body, space=space, author=author)
    now = timezone.now()
    thread = Thread.objects.create(
        space=space, author=author, kind=kind, title=title, body=body,
        body_html=render_markdown(body, mentions=linked), created_at=now, last_activity_at=now,
    )  # fmt: skip
    thread.tags.set(tag_objects)
    attachments_add(thread=thread, reply=None, files=files, actor=author)
    audit_log(
        action="thread.create", actor=author, target=thread,
        changes={"space": space.slug, "kind": kind, "tags": [t.slug for t in tag_objects]},
    )  # fmt: skip
    excerpt = plain_excerpt(body)
    transaction.on_commit(
        lambda: _notify_mentions(users=mentioned, thread=thread, actor=author, excerpt=excerpt, target=thread)
    )
    transaction.on_commit(
        lambda: _notify_followers(thread=thread, actor=author, excerpt=excerpt, skip=mentioned)
    )
    thread.unlinked_mentions = unlinked
    return thread


def _notify_followers(*, thread: Thread, actor, excerpt: str, skip) -> None:
    """People who follow the author, or the partner group whose space this is, hear of a new thread, if
    they may read the space (a mention already told some of them)."""
    from actlocal.social.models import Follow

    space = thread.space
    follows = Q(person__user=actor)
    if space.group_id:
        follows |= Q(group_id=space.group_id)
    skipped = {user.pk for user in skip}
    follower_ids = set(Follow.objects.filter(follows).values_list("follower_id", flat=True)) - skipped
    users = selectors.users_who_can_see_space(space=space, user_ids=follower_ids)
    if users:
        title = _("%(name)s started “%(title)s” in %(space)s") % {
            "name": actor.name or _("A leader"),
            "title": thread.title,
            "space": space.name,
        }
        _notify(
            recipients=users, kind="follow.thread", title=title, url=thread.get_absolute_url(),
            actor=actor, excerpt=excerpt, target=thread,
        )  # fmt: skip


@transaction.atomic
def thread_edit(*, actor, thread: Thread, title: str, body: str, tags=None) -> Thread:
    """The author (or a moderator) corrects a thread. New mentions are linked but notify nobody: an edit
    must not become a way to ping people repeatedly."""
    moderator = selectors.is_space_moderator(user=actor, space=thread.space)
    if not (moderator or (thread.author_id == actor.pk and not selectors.member_is_suspended(actor))):
        raise PermissionDenied(_("Only the author or a moderator can edit this thread."))
    if thread.is_locked and not moderator:
        raise PermissionDenied(_("This thread is locked: it can no longer be changed."))
    errors: dict[str, list] = {}
    cleaned = {}
    for name, check, value in (("title", _common.check_title, title), ("body", _common.check_body, body)):
        try:
            cleaned[name] = check(value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)  # the thread object is left as it was
    thread.title, thread.body = cleaned["title"], cleaned["body"]
    _mentioned, linked, unlinked = _common.resolve_mentions(
        text=thread.body, space=thread.space, author=actor
    )
    thread.body_html = render_markdown(thread.body, mentions=linked)
    thread.edited_at = timezone.now()
    thread.save(update_fields=["title", "body", "body_html", "edited_at"])
    if tags is not None:
        thread.tags.set(_tags_from(tags))
    audit_log(action="thread.edit", actor=actor, target=thread, changes={"title": thread.title})
    thread.unlinked_mentions = unlinked
    return thread


@transaction.atomic
def reply_create(*, author, thread: Thread, body: str, files=()) -> Reply:
    """Answer in ``thread``. Tells the thread's author and earlier repliers ("thread.reply") and anyone
    mentioned ("thread.mention"), only those who may read the space."""
    # Re-read under lock: a thread locked or hidden a moment ago takes no more replies, and the counters
    # below are updated in the same serialised step.
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    _common.check_may_post(user=author, space=thread.space)
    moderator = selectors.is_space_moderator(user=author, space=thread.space)
    if thread.is_locked and not moderator:
        raise PermissionDenied(_("This thread is locked: no new replies can be added."))
    if thread.is_hidden and not moderator:
        raise PermissionDenied(_("This thread was hidden by a moderator."))
    body = _common.check_body(body)
    check_attachments(files)
    _common.check_rate(user=author, action="reply", limit=_common.REPLY_LIMIT, window=_common.REPLY_WINDOW)
    mentioned, linked, unlinked = _common.resolve_mentions(text=body, space=thread.space, author=author)
    now = timezone.now()
    reply = Reply.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_markdown(body, mentions=linked),
        created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now, last_reply_by=author
    )
    attachments_add(thread=thread, reply=reply, files=files, actor=author)
    audit_log(action="reply.create", actor=author, target=reply, changes={"thread": thread.pk})

    participant_ids = {thread.author_id} | set(
        Reply.objects.filter(thread=thread)
        .exclude(author=None)
        .values_list("author_id", flat=True)
        .distinct()
    )
    mentioned_ids = {u.pk for u in mentioned}
    participants = [
        u
        for u in selectors.users_who_can_see_space(
            space=thread.space, user_ids=participant_ids - mentioned_ids
        )
        if u.pk != author.pk
    ]
    excerpt = plain_excerpt(body)
    title = _("New reply in “%(title)s”") % {"title": thread.title}

    def send():
        if participants:
            _notify(
                recipients=participants, kind="thread.reply", title=title, url=thread.get_absolute_url(),
                actor=author, excerpt=excerpt, target=reply,
            )  # fmt: skip
        _notify_mentions(users=mentioned, thread=thread, actor=author, excerpt=excerpt, target=reply)

    transaction.on_commit(send)
    reply.unlinked_mentions = unlinked
    return reply


@transaction.atomic
def reply_edit(*, actor, reply: Reply, body: str) -> Reply:
    thread = reply.thread
    moderator = selectors.is_space_moderator(user=actor, space=thread.space)
    if not (moderator or (reply.author_id == actor.pk and not selectors.member_is_suspended(actor))):
        raise PermissionDenied(_("Only the author or a moderator can edit this reply."))
    if thread.is_locked and not moderator:
        raise PermissionDenied(_("This thread is locked: it can no longer be changed."))
    reply.body = _common.check_body(body)
    _mentioned, linked, unlinked = _common.resolve_mentions(text=reply.body, space=thread.space, author=actor)
    reply.body_html = render_markdown(reply.body, mentions=linked)
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "body_html", "edited_at"])
    audit_log(action="reply.edit", actor=actor, target=reply)
    reply.unlinked_mentions = unlinked
    return reply


@transaction.atomic
def thread_solve(*, actor, thread: Thread, reply: Reply) -> Thread:
    """The asker (or a moderator) accepts ``reply`` as the answer; it is shown first, and its author is
    told ("thread.solved")."""
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    if thread.kind != Thread.Kind.QUESTION:
        raise ValidationError(_("Only a question can be marked solved."))
    is_asker = thread.author_id == actor.pk and not selectors.member_is_suspended(actor)
    if not (is_asker or selectors.is_space_moderator(user=actor, space=thread.space)):
        raise PermissionDenied(_("Only the person who asked can mark the question solved."))
    if reply.thread_id != thread.pk or reply.is_hidden:
        raise ValidationError(_("That reply is not part of this question."))
    before = thread.accepted_reply_id
    thread.accepted_reply, thread.solved_at = reply, timezone.now()
    thread.save(update_fields=["accepted_reply", "solved_at"])
    audit_log(
        action="thread.solve", actor=actor, target=thread, changes={"accepted_reply": [before, reply.pk]}
    )
    if before != reply.pk and reply.author_id and reply.author_id != actor.pk:
        readers = selectors.users_who_can_see_space(space=thread.space, user_ids=[reply.author_id])
        title = _("Your answer was accepted in “%(title)s”") % {"title": thread.title}
        transaction.on_commit(
            lambda: _notify(
                recipients=readers,
                kind="thread.solved",
                title=title,
                url=thread.get_absolute_url(),
                actor=actor,
                excerpt=plain_excerpt(reply.body),
                target=thread,
            )  # fmt: skip
        )
    return thread


@transaction.atomic
def thread_unsolve(*, actor, thread: Thread) -> Thread:
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    is_asker = thread.author_id == actor.pk and not selectors.member_is_suspended(actor)
    if not (is_asker or selectors.is_space_moderator(user=actor, space=thread.space)):
        raise PermissionDenied(_("Only the person who asked can change the accepted answer."))
    before = thread.accepted_reply_id
    thread.accepted_reply, thread.solved_at = None, None
    thread.save(update_fields=["accepted_reply", "solved_at"])
    audit_log(action="thread.unsolve", actor=actor, target=thread, changes={"accepted_reply": [before, None]})
    return thread
