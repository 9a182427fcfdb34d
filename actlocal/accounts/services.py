"""Writes to accounts: invitations (create, accept, revoke) and accounts created from an invitation."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.accounts import selectors
from actlocal.accounts.models import Invitation, User
from actlocal.core.audit import audit_log
from actlocal.directory.models import PartnerGroup, Person


def normalize_email(email: str) -> str:
    # The same normalisation the user manager applies, so "Ana@Example.org " finds ana@example.org.
    return User.objects.normalize_email((email or "").strip()).lower()


def invitation_accept_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])


@transaction.atomic
def invitation_create(
    *,
    invited_by: User,
    email: str,
    role: str,
    group: PartnerGroup | None = None,
    person: Person | None = None,
    message: str = "",
) -> tuple[Invitation, str]:
    """Invite ``email`` to join with ``role`` and e-mail them a link; returns the invitation and its token.

    Staff may invite anyone to any role; a partner-group admin may invite co-admins of their own groups
    only. Only staff may attach a leader record (``person``) for the invitee to claim, since claiming it
    shows them every private field of that record. A pending invitation for the same address, role and
    group is revoked, so the newest link is the only one that works. The token is returned (for the
    e-mail) but only its hash is stored.
    """
    email = normalize_email(email)
    validate_email(email)
    if role not in Invitation.Role.values:
        raise ValidationError(_("Choose a role."), code="role")
    if role not in selectors.invitation_roles_for(invited_by):
        raise PermissionDenied("may not invite to this role")
    if role == Invitation.Role.GROUP_ADMIN:
        if group is None:
            raise ValidationError(_("Choose the partner group they will help run."), code="group_required")
        if not selectors.user_is_group_admin(user=invited_by, group=group):
            raise PermissionDenied("may only invite admins for groups one runs")
    elif group is not None:
        raise ValidationError(_("A group goes only with a partner-group admin invitation."), code="group")
    if person is not None:
        if not selectors.user_is_staff(invited_by):
            raise PermissionDenied("only staff may hand over a leader record")
        if person.user_id is not None:
            raise ValidationError(
                _("That leader record already belongs to an account."), code="person_claimed"
            )

    now = timezone.now()
    replaced = list(
        Invitation.objects.select_for_update().filter(
            email=email,
            role=role,
            group=group,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        )
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        group=group,
        person=person,
        message=(message or "").strip(),
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_EXPIRY_DAYS),
    )
    for old in replaced:
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
        audit_log(
            action="invitation.revoke", actor=invited_by, target=old, changes={"replaced_by": invitation.pk}
        )
    audit_log(
        action="invitation.create",
        actor=invited_by,
        target=invitation,
        changes={
            "email": email,
            "role": role,
            "group": group.pk if group else None,
            "person": person.pk if person else None,
        },
    )
    # Sent directly rather than through a background task: a task's arguments are stored in the
    # database, and the raw token must never be (only its hash is).
    url = invitation_accept_url(token)
    transaction.on_commit(lambda: _send_invitation_email(invitation=invitation, url=url))
    return invitation, token


def _send_invitation_email(*, invitation: Invitation, url: str) -> None:
    context = {
        "invitation": invitation,
        "inviter": invitation.invited_by,
        "url": url,
        "expiry_days": settings.INVITATION_EXPIRY_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _refuse_unusable(invitation: Invitation) -> None:
    messages = {
        "accepted": _("This invitation has already been accepted."),
        "revoked": _("This invitation was withdrawn."),
        "expired": _("This invitation has expired."),
    }
    if invitation.status in messages:
        raise ValidationError(messages[invitation.status], code=invitation.status)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Invitation:
    """Give ``user`` the invited role, hand over the leader record if one is attached and still free,
    and mark the invitation used. A used, withdrawn or expired invitation is refused, as is a user whose
    e-mail is not the one invited (a forwarded link must not grant a role to someone else)."""
    # Locking the row makes two simultaneous accepts queue; the second then sees accepted_at and fails.
    invitation = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins to group and person.
        Invitation.objects.select_for_update(of=("self",))
        .select_related("group", "person")
        .get(pk=invitation.pk)
    )
    _refuse_unusable(invitation)
    if not selectors.user_owns_email(user=user, email=invitation.email):
        raise PermissionDenied("invitation was sent to another address")

    changed = []
    if not user.is_member:
        user.is_member = True
        changed.append("is_member")
    if invitation.role == Invitation.Role.STAFF and not user.is_staff:
        user.is_staff = True
        changed.append("is_staff")
    if changed:
        user.save(update_fields=changed)
    if invitation.role == Invitation.Role.GROUP_ADMIN:
        invitation.group.admins.add(user)

    claimed = None
    if invitation.person_id is not None:
        person = Person.objects.select_for_update().get(pk=invitation.person_id)
        # Person.user is one-to-one: someone who already has a record keeps theirs.
        if person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user", "updated_at"])
            claimed = person.pk

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(
        action="invitation.accept",
        actor=user,
        target=invitation,
        changes={
            "role": invitation.role,
            "group": invitation.group_id,
            "user_flags": changed,
            "person_claimed": claimed,
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """Withdraw a pending invitation so its link stops working. Revoking twice changes nothing."""
    if not selectors.invitations_managed_by(actor).filter(pk=invitation.pk).exists():
        raise PermissionDenied("may not revoke this invitation")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."), code="accepted")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_log(action="invitation.revoke", actor=actor, target=invitation)
    return invitation


@transaction.atomic
def user_create_from_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the invitee's account and accept the invitation in one step.

    The e-mail address is the invitation's and is marked verified: the invitee proved they read that
    mailbox by following the link, so they are not asked to verify it again.
    """
    _refuse_unusable(invitation)
    if selectors.account_exists_for_email(invitation.email):
        raise ValidationError(_("An account with this e-mail address already exists."), code="exists")
    user = User(email=invitation.email, name=name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    audit_log(action="user.create", actor=user, target=user, changes={"via": "invitation", "name": user.name})
    invitation_accept(invitation=invitation, user=user)
    return user
