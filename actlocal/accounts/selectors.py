"""Who someone is in the network, and permission-checked fetches of account records.

Every other app asks these functions rather than reading ``is_staff`` or ``group.admins`` itself, so the
rule "staff count as admins of everything" lives in one place.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import QuerySet
from django.http import Http404

from actlocal.accounts.models import Invitation, User
from actlocal.directory.models import PartnerGroup


def _signed_in(user) -> bool:
    # A deactivated account keeps its flags but must not act on them.
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def user_is_staff(user) -> bool:
    """Network staff."""
    return _signed_in(user) and user.is_staff


def user_is_member(user) -> bool:
    """A leader in the network (staff count as members: they see everything members see)."""
    return _signed_in(user) and (user.is_member or user.is_staff)


def user_is_group_admin(*, user, group: PartnerGroup) -> bool:
    """May manage ``group``: one of its admins, or network staff."""
    if not _signed_in(user):
        return False
    return user.is_staff or group.admins.filter(pk=user.pk).exists()


def user_is_event_host(*, user, event) -> bool:
    """May manage ``event``: one of its hosts, or network staff."""
    if not _signed_in(user):
        return False
    return user.is_staff or event.hosts.filter(pk=user.pk).exists()


def groups_administered_by(user) -> QuerySet[PartnerGroup]:
    """The partner groups ``user`` may manage: all of them for staff."""
    if not _signed_in(user):
        return PartnerGroup.objects.none()
    if user.is_staff:
        return PartnerGroup.objects.all()
    return PartnerGroup.objects.filter(admins=user)


# --- Invitations ---------------------------------------------------------------------------------------


def invitation_roles_for(user) -> list[str]:
    """The roles ``user`` may invite people to: staff invite anyone, group admins invite co-admins."""
    if user_is_staff(user):
        return [Invitation.Role.MEMBER, Invitation.Role.STAFF, Invitation.Role.GROUP_ADMIN]
    if groups_administered_by(user).exists():
        return [Invitation.Role.GROUP_ADMIN]
    return []


def user_can_invite(user) -> bool:
    return bool(invitation_roles_for(user))


def invitations_managed_by(user) -> QuerySet[Invitation]:
    """Invitations ``user`` may see and revoke: all for staff, their groups' admin invitations otherwise."""
    qs = Invitation.objects.select_related("group", "invited_by", "accepted_by")
    if user_is_staff(user):
        return qs
    if not _signed_in(user):
        return qs.none()
    return qs.filter(role=Invitation.Role.GROUP_ADMIN, group__admins=user)


def invitation_for_manager(*, user, invitation_id: int) -> Invitation:
    """One invitation ``user`` manages, or 404 (the same answer whether it exists or not)."""
    try:
        return invitations_managed_by(user).get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation an e-mailed link points at, whatever its state; None for a forged or unknown token."""
    # Real tokens are 43 characters; refuse to hash anything absurdly long from the URL.
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("group", "person", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def user_owns_email(*, user, email: str) -> bool:
    """Whether ``email`` is the address ``user`` signs in with, or one they have verified."""
    email = email.strip()
    if not _signed_in(user):
        return False
    return (
        user.email.lower() == email.lower()
        or user.emailaddress_set.filter(email__iexact=email, verified=True).exists()
    )


def account_exists_for_email(email: str) -> bool:
    """Whether some account already signs in with, or has verified, this address."""
    email = email.strip()
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )
