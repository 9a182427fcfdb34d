"""Reads for the directories. Every query about people goes through the visibility rule: a viewer only
finds a leader by what that viewer may see of them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.accounts.selectors import (
    groups_administered_by,
    user_is_group_admin,
    user_is_member,
    user_is_staff,
)
from actlocal.core.listing import ListParams, filter_near
from actlocal.core.visibility import OWNER_RANK, RANK, audience_rank, can_view, visible_fields, visible_q
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Resource, Topic


def leaders_for_viewer(viewer) -> QuerySet[Person]:
    """Listed leaders whose name this viewer may see (a leader always finds herself)."""
    qs = Person.objects.exclude(leader_type="").filter(visible_q(Person, "first_name", viewer))
    if viewer.is_authenticated:
        return qs.filter(Q(listed=True) | Q(user=viewer))
    return qs.filter(listed=True)


def leader_search(*, viewer, params: ListParams, leader_type: str = "", topic: str = "") -> QuerySet[Person]:
    """Leaders matching the list filters, as a queryset (for the API and the map's counts).

    Words match through the search index, and only in the fields this viewer may see; the list pages
    use ``actlocal.search.directory.leader_search_page`` for relevance, facets and snippets.
    """
    from actlocal.search.finder import matching_ids

    qs = leaders_for_viewer(viewer)
    place_visible = visible_q(Person, "city", viewer)
    if params.q:
        qs = qs.filter(pk__in=matching_ids(kind="leader", q=params.q, viewer=viewer))
    if params.state:
        qs = qs.filter(place_visible, state=params.state)
    if leader_type:
        qs = qs.filter(leader_type=leader_type)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if params.near:
        return filter_near(qs.filter(place_visible), params.near, params.within).prefetch_related("topics")
    return qs.order_by("last_name", "first_name", "id").prefetch_related("topics")


def leader_for_viewer(*, viewer, pk: int) -> Person:
    """A leader's page, if this viewer may see her name. Staff also reach unlisted profiles (to manage
    them and send claim invitations); everyone else finds an unlisted profile only if it is their own."""
    qs = leaders_for_viewer(viewer)
    if viewer.is_authenticated and viewer.is_active and viewer.is_staff:
        qs = Person.objects.exclude(leader_type="").filter(visible_q(Person, "first_name", viewer))
    person = qs.filter(pk=pk).select_related("user").first()
    if person is None:
        raise Http404
    return person


def group_search(*, params: ListParams, kind: str = "", topic: str = "") -> QuerySet[PartnerGroup]:
    from actlocal.search.finder import matching_ids

    qs = PartnerGroup.objects.all()
    if params.q:
        qs = qs.filter(pk__in=matching_ids(kind="group", q=params.q, viewer=None))
    if params.state:
        qs = qs.filter(state=params.state)
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if params.near:
        return filter_near(qs, params.near, params.within).prefetch_related("topics")
    return qs.order_by("name").prefetch_related("topics")


def group_by_slug(*, viewer, slug: str) -> PartnerGroup:
    group = PartnerGroup.objects.filter(slug=slug).prefetch_related("topics").first()
    if group is None:
        raise Http404
    return group


def group_people(*, viewer, group: PartnerGroup) -> list[Affiliation]:
    """Affiliated leaders this viewer may see by name."""
    return list(
        Affiliation.objects.filter(group=group)
        .filter(visible_q(Person, "first_name", viewer, prefix="person__"), person__listed=True)
        .select_related("person")
        .order_by("-is_contact", "person__last_name")
    )


def resources_approved() -> QuerySet[Resource]:
    return Resource.objects.filter(status=Resource.Status.APPROVED)


def resource_search(*, params: ListParams, kind: str = "", topic: str = "") -> QuerySet[Resource]:
    from actlocal.search.finder import matching_ids

    qs = resources_approved().select_related("provider").prefetch_related("topics")
    if params.q:
        qs = qs.filter(pk__in=matching_ids(kind="resource", q=params.q, viewer=None))
    if params.state:
        # A resource with no states applies nationwide.
        qs = qs.filter(Q(states="") | Q(states__contains=params.state))
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs.order_by("title")


def resource_for_viewer(*, viewer, pk: int) -> Resource:
    """An approved resource; a pending or rejected one only for its reviewers and its submitter."""
    resource = Resource.objects.filter(pk=pk).select_related("provider", "submitted_by").first()
    if resource is None:
        raise Http404
    if resource.status != Resource.Status.APPROVED:
        is_submitter = viewer.is_authenticated and resource.submitted_by_id == viewer.pk
        if not (is_submitter or user_may_review(user=viewer, resource=resource)):
            raise Http404
    return resource


def topics(kind: str) -> QuerySet[Topic]:
    return Topic.objects.filter(kind=kind).order_by("name")


# --- Profiles: what one viewer sees of one leader ------------------------------------------------------


def my_person(user) -> Person | None:
    """The leader record linked to this account, if any."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).prefetch_related("topics").first()


def leader_profile(*, person: Person, viewer) -> dict:
    """Everything a profile page shows, already passed through the visibility rule for ``viewer``.
    The page and the "what others see" previews both render this, so they cannot disagree."""
    shown = visible_fields(person, viewer)
    return {
        "person": person,
        "name": person.full_name if "first_name" in shown else "",
        "city": shown.get("city", ""),
        "state": shown.get("state", ""),
        "email": shown.get("email", ""),
        "phone": shown.get("phone", ""),
        "street_address": shown.get("street_address", ""),
        "bio": shown.get("bio", ""),
        "photo_url": reverse("directory:leader_photo", args=[person.pk]) if shown.get("photo") else "",
        "is_owner": person.viewer_rank(viewer) == OWNER_RANK and person.user_id is not None,
    }


class _PreviewViewer:
    """A stand-in viewer of a given audience for "what others see"; it owns nothing."""

    pk = None
    is_active = True

    def __init__(self, *, authenticated: bool, member: bool = False, staff: bool = False):
        self.is_authenticated, self.is_member, self.is_staff = authenticated, member, staff


def profile_previews(person: Person) -> list[tuple[str, dict | None]]:
    """The profile as the public, a network member and staff would see it (None: they cannot see it)."""
    audiences = [
        (_("The public"), _PreviewViewer(authenticated=False)),
        (_("Network members"), _PreviewViewer(authenticated=True, member=True)),
        (_("Network staff"), _PreviewViewer(authenticated=True, member=True, staff=True)),
    ]
    out = []
    for label, viewer in audiences:
        sees_page = person.listed or viewer.is_staff
        sees_page = sees_page and RANK[person.name_visibility] <= audience_rank(viewer)
        out.append((label, leader_profile(person=person, viewer=viewer) if sees_page else None))
    return out


def leader_photo_for_viewer(*, viewer, pk: int):
    """The photo file of a leader, for this viewer; 404 when there is none she may see."""
    person = leader_for_viewer(viewer=viewer, pk=pk)
    if not person.photo or not can_view(person, "photo", viewer):
        raise Http404
    return person.photo


def leader_for_staff(*, user, pk: int) -> Person:
    """A leader record staff manage (e.g. to send a claim invitation); 403 for anyone else."""
    if not user_is_staff(user):
        raise PermissionDenied
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


# --- Contact a leader ----------------------------------------------------------------------------------


def contact_refusal(*, viewer, person: Person) -> str:
    """Why ``viewer`` may not message ``person`` through the platform, or "" if they may."""
    if not user_is_member(viewer):
        return _("Only network members can contact leaders.")
    if person.user_id is not None and person.user_id == viewer.pk:
        return _("This is your own profile.")
    if not person.contact_via_platform:
        return _("This leader does not take messages through ActLocal.")
    if not person.email:
        return _("This leader cannot receive messages yet.")
    return ""


def contact_target_for(*, viewer, pk: int) -> Person:
    """The leader ``viewer`` wants to message: 404 if they cannot see her, 403 if they may not write."""
    person = leader_for_viewer(viewer=viewer, pk=pk)
    if contact_refusal(viewer=viewer, person=person):
        raise PermissionDenied
    return person


def contact_sender_name(sender) -> str:
    """The only thing about the sender the recipient learns: a name (her profile's, else her account's)."""
    person = Person.objects.filter(user=sender).first()
    if person is not None and person.full_name:
        return person.full_name
    return sender.name or _("A network member")


def contact_reply_url(*, sender, recipient: Person) -> str:
    """Where the recipient can answer through the platform: the sender's contact page, if she has one
    the recipient could use; "" otherwise."""
    person = Person.objects.filter(user=sender).first()
    if person is None or not person.leader_type or not person.contact_via_platform or not person.email:
        return ""
    return settings.SITE_URL + reverse("directory:leader_contact", args=[person.pk])


# --- Groups: editing ---------------------------------------------------------------------------------------


def group_for_admin(*, user, slug: str) -> PartnerGroup:
    """A group ``user`` may edit (its admins, staff): 404 if unknown, 403 for everyone else."""
    group = group_by_slug(viewer=user, slug=slug)
    if not user_is_group_admin(user=user, group=group):
        raise PermissionDenied
    return group


def affiliation_for_admin(*, user, group: PartnerGroup, pk: int) -> Affiliation:
    if not user_is_group_admin(user=user, group=group):
        raise PermissionDenied
    affiliation = Affiliation.objects.filter(group=group, pk=pk).select_related("person", "group").first()
    if affiliation is None:
        raise Http404
    return affiliation


def leaders_to_link(*, viewer, group: PartnerGroup, q: str, limit: int = 20) -> list[Person]:
    """Leaders the editor can see by name, matching ``q``, not yet in the group."""
    q = q.strip()[:100]
    if len(q) < 2:
        return []
    words = Q()
    for word in q.split()[:3]:
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return list(
        leaders_for_viewer(viewer)
        .filter(words)
        .exclude(affiliations__group=group)
        .order_by("last_name")[:limit]
    )


def leader_to_link(*, viewer, pk: int) -> Person:
    """A leader the editor may link: only one they can see by name (never a guessed id)."""
    person = leaders_for_viewer(viewer).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def group_upcoming_events(group: PartnerGroup, *, limit: int = 10):
    """Published events this group co-hosts (accepted) that have not ended yet."""
    from actlocal.events.models import CoHost, Event

    return list(
        Event.objects.filter(
            cohost_links__group=group,
            cohost_links__status=CoHost.Status.ACCEPTED,
            status=Event.Status.PUBLISHED,
            ends_at__gte=timezone.now(),
        ).order_by("starts_at")[:limit]
    )


SOCIAL_NETWORKS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "bluesky": "Bluesky",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
}


def group_social_links(group: PartnerGroup) -> list[tuple[str, str]]:
    """(label, URL) pairs, only http(s) links: a ``javascript:`` URL typed into the admin never renders."""
    links = group.social_links if isinstance(group.social_links, dict) else {}
    return [
        (SOCIAL_NETWORKS.get(key, key.title()), url)
        for key, url in links.items()
        if isinstance(url, str) and url.lower().startswith(("https://", "http://"))
    ]


# --- Resources: review --------------------------------------------------------------------------------------


def user_may_review(*, user, resource: Resource) -> bool:
    """Staff review every resource; a provider group's admins review that group's."""
    if user_is_staff(user):
        return True
    return resource.provider is not None and user_is_group_admin(user=user, group=resource.provider)


def user_reviews_resources(user) -> bool:
    return user_is_staff(user) or groups_administered_by(user).exists()


def resources_to_review(user) -> QuerySet[Resource]:
    """Pending resources ``user`` may approve, oldest first."""
    qs = Resource.objects.filter(status=Resource.Status.PENDING).select_related("provider", "submitted_by")
    if not user_is_staff(user):
        qs = qs.filter(provider__in=groups_administered_by(user))
    return qs.order_by("created_at", "id")


def resource_for_reviewer(*, user, pk: int) -> Resource:
    resource = Resource.objects.filter(pk=pk).select_related("provider", "submitted_by").first()
    if resource is None:
        raise Http404
    if not user_may_review(user=user, resource=resource):
        raise PermissionDenied
    return resource


def resource_file_for_viewer(*, viewer, pk: int) -> Resource:
    resource = resource_for_viewer(viewer=viewer, pk=pk)
    if not resource.file:
        raise Http404
    return resource
