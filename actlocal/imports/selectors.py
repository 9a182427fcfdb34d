"""Permission-checked reads for imports and merge review. Network staff only: an import mixes every
organization's lists, and the review queue shows people side by side with their contact details, which
a partner-group admin or a leader must not see for people outside their own group."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from actlocal.accounts.selectors import user_is_staff
from actlocal.directory.models import PartnerGroup, Person
from actlocal.imports.models import DuplicatePair, ImportBatch, Kind, MergeRecord, Source, SourceRecord


def user_manages_imports(user) -> bool:
    return user_is_staff(user)


def _require(user) -> None:
    if not user_manages_imports(user):
        raise PermissionDenied


def batches_for(user, limit: int = 50):
    _require(user)
    return ImportBatch.objects.select_related("source", "created_by")[:limit]


def batch_for(*, user, batch_id: int) -> ImportBatch:
    _require(user)
    return get_object_or_404(ImportBatch.objects.select_related("source"), pk=batch_id)


def sources_for(user):
    _require(user)
    return Source.objects.all()


def pending_pairs(user, *, kind: str | None = None):
    _require(user)
    pairs = DuplicatePair.objects.filter(status=DuplicatePair.Status.PENDING).select_related(
        "person_a", "person_b", "group_a", "group_b"
    )
    if kind:
        pairs = pairs.filter(kind=kind)
    return pairs


def pair_for(*, user, pair_id: int) -> DuplicatePair:
    _require(user)
    return get_object_or_404(
        DuplicatePair.objects.select_related("person_a", "person_b", "group_a", "group_b"), pk=pair_id
    )


def merges_for(user, limit: int = 100):
    _require(user)
    return MergeRecord.objects.filter(undone_at__isnull=True).select_related("record__source")[:limit]


def merge_for(*, user, merge_id: int) -> MergeRecord:
    _require(user)
    return get_object_or_404(MergeRecord, pk=merge_id)


def records_of(obj) -> list[SourceRecord]:
    """The source rows merged into a person or group, oldest first."""
    link = Q(person=obj) if isinstance(obj, Person) else Q(group=obj)
    return list(SourceRecord.objects.filter(link).select_related("source").order_by("pk"))


def names_for_merges(merges) -> dict[tuple[str, int], str]:
    """{(kind, id): name} for the survivors of these merges, in two queries."""
    people = [m.survivor_id for m in merges if m.kind == Kind.PEOPLE]
    groups = [m.survivor_id for m in merges if m.kind == Kind.GROUPS]
    names = {(Kind.PEOPLE, p.pk): p.full_name for p in Person.objects.filter(pk__in=people)}
    names.update({(Kind.GROUPS, g.pk): g.name for g in PartnerGroup.objects.filter(pk__in=groups)})
    return names
