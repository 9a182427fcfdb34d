"""The four demo logins. Demo only: they share one password, printed on purpose after seeding, so never
seed a database that real people use."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from actlocal.accounts.models import User
from actlocal.directory.models import PartnerGroup, Person
from actlocal.events.models import Event

DEMO_PASSWORD = "actlocal-demo"  # noqa: S105 - printed for the demo on purpose
DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("staff@actlocal.example", "network staff (superuser)"),
    ("admin@actlocal.example", "partner-group admin"),
    ("host@actlocal.example", "event host"),
    ("leader@actlocal.example", "leader (network member)"),
]


def _user_ensure(email: str, name: str, **flags) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name, **flags)
    # allauth's mandatory verification needs a verified, primary address to let the demo log in.
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_accounts_create(
    *, admin_group: PartnerGroup, host_event: Event, leader: Person
) -> list[tuple[str, str]]:
    """Create (or reuse) the demo logins and give each its role; returns (e-mail, role) pairs."""
    _user_ensure("staff@actlocal.example", "Demo Staff", is_staff=True, is_superuser=True, is_member=True)
    admin_group.admins.add(_user_ensure("admin@actlocal.example", "Demo Group Admin", is_member=True))
    host_event.hosts.add(_user_ensure("host@actlocal.example", "Demo Host", is_member=True))
    member = _user_ensure("leader@actlocal.example", leader.full_name, is_member=True)
    if leader.user_id is None and not Person.objects.filter(user=member).exists():
        leader.user = member
        leader.save(update_fields=["user"])
    return DEMO_ACCOUNTS
