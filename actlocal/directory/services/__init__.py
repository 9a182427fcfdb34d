"""Writes to the directory. Every write is one function: keyword-only, atomic, audit-logged, with its
side effects (e-mail, search index) after the commit. Import them from here."""

from actlocal.directory.services.contact import CONTACT_LIMIT_PER_HOUR, contact_message_send
from actlocal.directory.services.groups import affiliation_add, affiliation_remove, group_create, group_update
from actlocal.directory.services.people import (
    normalize_email,
    person_create_by_staff,
    person_create_for_user,
    person_invite_to_claim,
    person_match_or_create,
    person_set_visibility,
    person_update,
)
from actlocal.directory.services.resources import resource_mark_checked, resource_review, resource_submit

__all__ = [
    "CONTACT_LIMIT_PER_HOUR",
    "affiliation_add",
    "affiliation_remove",
    "contact_message_send",
    "group_create",
    "group_update",
    "normalize_email",
    "person_create_by_staff",
    "person_create_for_user",
    "person_invite_to_claim",
    "person_match_or_create",
    "person_set_visibility",
    "person_update",
    "resource_mark_checked",
    "resource_review",
    "resource_submit",
]
