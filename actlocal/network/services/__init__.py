"""Writes to the Leaders Network. Every write is one function: keyword-only, atomic, audit-logged, with
its notifications after the commit. Import them from here."""

from actlocal.network.services.attachments import attachments_add, check_attachments
from actlocal.network.services.moderation import (
    member_suspend,
    post_hide,
    post_restore,
    report_create,
    report_resolve,
    suspension_lift,
    thread_lock,
    thread_move,
    thread_pin,
)
from actlocal.network.services.resources import thread_promote
from actlocal.network.services.spaces import (
    space_member_add,
    space_member_remove,
    space_update,
    spaces_ensure,
)
from actlocal.network.services.threads import (
    reply_create,
    reply_edit,
    thread_create,
    thread_edit,
    thread_solve,
    thread_unsolve,
)

__all__ = [
    "attachments_add",
    "check_attachments",
    "member_suspend",
    "post_hide",
    "post_restore",
    "reply_create",
    "reply_edit",
    "report_create",
    "report_resolve",
    "space_member_add",
    "space_member_remove",
    "space_update",
    "spaces_ensure",
    "suspension_lift",
    "thread_create",
    "thread_edit",
    "thread_lock",
    "thread_move",
    "thread_pin",
    "thread_promote",
    "thread_solve",
    "thread_unsolve",
]
