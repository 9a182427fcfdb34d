"""Merging two people into one, and undoing it.

A merge keeps the *survivor* (the older record) and removes the other person, after moving every row that
points at them (RSVPs, memberships, survey answers, invitations, messages, imported source records: found
through the model metadata, so a relation another app adds later follows too). Survivorship is per field:
the survivor's value wins, a blank is filled from the other person, and ``field_sources`` remembers where
each filled value came from. A row that cannot move (both people RSVPed to the same event) stays out,
serialised in the merge record. Unmerging puts back the removed person with the same id, its rows, its
conflicting rows and the survivor's fields as they were (unless edited since).
"""

from __future__ import annotations

import json

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.directory.models import PartnerGroup, Person
from actlocal.imports.models import DuplicatePair, Kind, MergeRecord

PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "street_address", "zip_code", "languages",
                 "pronouns", "website", "bio", "leader_type", "photo")  # fmt: skip
PLACE_FIELDS = ("city", "state", "county", "lat", "lng")
GROUP_FIELDS = (
    "website",
    "contact_email",
    "contact_phone",
    "zip_code",
    "mission",
    "meeting_times",
    "languages",
)
# Relations that describe the merge itself rather than belong to a person.
_NOT_MOVED = {DuplicatePair}


def _serial(value):
    if hasattr(value, "name") and not isinstance(value, str):  # a FieldFile
        return value.name or ""
    return value


def _fill_blanks(survivor, other, fields, sources_key: str) -> dict[str, list]:
    """Blank fields of ``survivor`` take ``other``'s value; returns {field: [old, new]}."""
    changes: dict[str, list] = {}
    for name in fields:
        mine, theirs = getattr(survivor, name), getattr(other, name)
        if not _serial(mine) and _serial(theirs):
            changes[name] = [_serial(mine), _serial(theirs)]
            setattr(survivor, name, theirs)
            if hasattr(survivor, "field_sources"):
                survivor.field_sources[name] = other.field_sources.get(name, sources_key)
    if "zip_code" in changes:
        for name in PLACE_FIELDS:
            changes[name] = [getattr(survivor, name), getattr(other, name)]
            setattr(survivor, name, getattr(other, name))
    return changes


def _revert(obj, changes: dict[str, list]) -> list[str]:
    """Put back values a merge filled, unless someone has changed them since."""
    reverted = []
    for name, (old, new) in changes.items():
        if _serial(getattr(obj, name)) == new:
            setattr(obj, name, old)
            reverted.append(name)
            if hasattr(obj, "field_sources"):
                obj.field_sources.pop(name, None)
    return reverted


def _relations(model):
    for rel in model._meta.related_objects:
        if (rel.one_to_many or rel.one_to_one) and rel.related_model not in _NOT_MOVED:
            yield rel.related_model, rel.field.name


def _move_rows(model, survivor, loser) -> tuple[dict[str, dict[str, list]], list[str]]:
    """Point every row at ``survivor``; returns ({model label: {field: [ids]}}, [serialised conflicts])."""
    moved: dict[str, dict[str, list]] = {}
    conflicts: list[str] = []
    for related, field in _relations(model):
        rows = related._base_manager.filter(**{field: loser})
        ids = list(rows.values_list("pk", flat=True))
        if not ids:
            continue
        done = ids
        try:
            with transaction.atomic():
                related._base_manager.filter(pk__in=ids).update(**{field: survivor})
        except IntegrityError:
            # One row at a time: those that clash with the survivor's own (the same RSVP) stay out.
            done = []
            for pk in ids:
                try:
                    with transaction.atomic():
                        related._base_manager.filter(pk=pk).update(**{field: survivor})
                    done.append(pk)
                except IntegrityError:
                    conflicts.append(serializers.serialize("json", related._base_manager.filter(pk=pk)))
        if done:
            moved.setdefault(related._meta.label, {})[field] = done
    return moved, conflicts


def _rsvp_events(person) -> list[int]:
    from actlocal.events.models import Rsvp

    return list(Rsvp.objects.filter(person_id=person.pk).values_list("event_id", flat=True))


def recount_seats(event_ids) -> None:
    """Events keep seat counters that only the RSVP services maintain; rows moved or deleted here, outside
    those services, must be recounted or the event oversells (or turns people away)."""
    from actlocal.events.models import Event
    from actlocal.events.services.rsvp import rsvp_counts_refresh

    if event_ids:
        rsvp_counts_refresh(events=Event.objects.filter(pk__in=set(event_ids)))


def _merge_check(survivor, loser) -> None:
    if survivor.pk == loser.pk:
        raise ValidationError(_("A record cannot be merged with itself."))
    if isinstance(survivor, Person) and survivor.user_id and loser.user_id:
        raise ValidationError(
            _("Both people have their own sign-in to ActLocal; they must be merged by hand, not here.")
        )


def _merge(*, kind, survivor, loser, actor, score, reasons, automatic, batch) -> MergeRecord:
    _merge_check(survivor, loser)
    model = type(survivor)
    snapshot = {"object": serializers.serialize("json", [loser])}
    fields = PERSON_FIELDS if kind == Kind.PEOPLE else GROUP_FIELDS
    changes = _fill_blanks(survivor, loser, fields, f"{kind}:{loser.pk}")
    if kind == Kind.PEOPLE and loser.user_id and not survivor.user_id:
        user_id = loser.user_id
        model.objects.filter(pk=loser.pk).update(user=None)  # the one-to-one must be free first
        survivor.user_id = user_id
        changes["user_id"] = [None, user_id]
    seats = _rsvp_events(loser) if kind == Kind.PEOPLE else []
    moved, conflicts = _move_rows(model, survivor, loser)
    snapshot.update(moved=moved, conflicts=conflicts)
    # Many-to-many (topics, a group's admins): the survivor gains what only the other had.
    snapshot["m2m_added"] = {}
    for m2m in model._meta.many_to_many:
        added = set(getattr(loser, m2m.name).values_list("pk", flat=True)) - set(
            getattr(survivor, m2m.name).values_list("pk", flat=True)
        )
        if added:
            getattr(survivor, m2m.name).add(*added)
            snapshot["m2m_added"][m2m.name] = sorted(added)
    loser_id = loser.pk
    loser.delete()
    survivor.save()
    recount_seats(seats)  # a clashing RSVP went with the loser
    merge = MergeRecord.objects.create(
        kind=kind,
        survivor_id=survivor.pk,
        loser_id=loser_id,
        snapshot=snapshot,
        field_changes=changes,
        score=score,
        reasons=reasons or [],
        automatic=automatic,
        batch=batch,
        actor=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_log(
        action=f"{'person' if kind == Kind.PEOPLE else 'group'}.merge",
        actor=actor,
        target=survivor,
        changes={"merged": loser_id, "fields": sorted(changes), "moved": {k: sum(map(len, v.values()))
                 for k, v in moved.items()}, "conflicts": len(conflicts)},
    )  # fmt: skip
    return merge


@transaction.atomic
def person_merge(*, survivor: Person, loser: Person, actor=None, score=None, reasons=None, automatic=False,
                 batch=None) -> MergeRecord:  # fmt: skip
    """Merge ``loser`` into ``survivor`` (see the module docstring); ``person_unmerge`` undoes it."""
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    loser = Person.objects.select_for_update().get(pk=loser.pk)
    merge = _merge(kind=Kind.PEOPLE, survivor=survivor, loser=loser, actor=actor, score=score,
                   reasons=reasons, automatic=automatic, batch=batch)  # fmt: skip
    return merge


@transaction.atomic
def group_merge(*, survivor: PartnerGroup, loser: PartnerGroup, actor=None, score=None, reasons=None,
                automatic=False, batch=None) -> MergeRecord:  # fmt: skip
    """The same as ``person_merge`` for two entries of one partner group; their admins are combined."""
    survivor = PartnerGroup.objects.select_for_update().get(pk=survivor.pk)
    loser = PartnerGroup.objects.select_for_update().get(pk=loser.pk)
    return _merge(kind=Kind.GROUPS, survivor=survivor, loser=loser, actor=actor, score=score,
                  reasons=reasons, automatic=automatic, batch=batch)  # fmt: skip


def _mark_distinct(kind, a_id: int, b_id: int, actor) -> None:
    a_id, b_id = sorted((a_id, b_id))
    keys = {"person_a_id": a_id, "person_b_id": b_id} if kind == Kind.PEOPLE else {"group_a_id": a_id,
                                                                                   "group_b_id": b_id}  # fmt: skip
    DuplicatePair.objects.update_or_create(
        kind=kind, **keys,
        defaults={"status": DuplicatePair.Status.DISTINCT, "decided_by": actor, "decided_at": timezone.now(),
                  "score": 0, "reasons": [gettext_noop("separated by an unmerge")]},
    )  # fmt: skip


def _person_from_record(record) -> Person:
    from actlocal.imports.services.people_import import person_from_values

    person = person_from_values(record.data)
    person.field_sources = {name: record.pk for name in PERSON_FIELDS if getattr(person, name, "")}
    person.save()
    return person


@transaction.atomic
def person_unmerge(*, merge: MergeRecord, actor=None):
    """Undo a merge: both records exist again, each with its own links. Returns the restored one."""
    merge = MergeRecord.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    model = Person if merge.kind == Kind.PEOPLE else PartnerGroup
    survivor = model.objects.select_for_update().filter(pk=merge.survivor_id).first()
    if survivor is None:
        raise ValidationError(
            _("The merged record no longer exists (merged again or deleted); undo that first.")
        )
    if merge.record_id is not None:
        # An imported row had joined this person: it becomes a person of its own again.
        record = merge.record
        restored = _person_from_record(record)
        record.person = restored
        record.save(update_fields=["person"])
        reverted = _revert(survivor, merge.field_changes) + _forget_record(survivor, record.pk)
    else:
        if model.objects.filter(pk=merge.loser_id).exists():
            raise ValidationError(_("The other record already exists again."))
        reverted = _revert(survivor, merge.field_changes)
        if "user_id" in reverted:
            survivor.save(update_fields=["user"])  # free the sign-in before the restored person takes it
        restored = next(serializers.deserialize("json", merge.snapshot["object"])).object
        restored.save(force_insert=True)
        stored = json.loads(merge.snapshot["object"])[0]["fields"]
        for m2m in model._meta.many_to_many:
            getattr(restored, m2m.name).set(stored.get(m2m.name, []))
        for name, added in merge.snapshot.get("m2m_added", {}).items():
            getattr(survivor, name).remove(*added)
        _move_back(merge.snapshot.get("moved", {}), survivor, restored)
        for text in merge.snapshot.get("conflicts", []):
            for item in serializers.deserialize("json", text):
                if not type(item.object)._base_manager.filter(pk=item.object.pk).exists():
                    item.save()
    survivor.save()
    if merge.kind == Kind.PEOPLE:
        recount_seats(_rsvp_events(survivor) + _rsvp_events(restored))
    merge.undone_at = timezone.now()
    merge.undone_by = actor if actor is not None and actor.is_authenticated else None
    merge.save(update_fields=["undone_at", "undone_by"])
    _mark_distinct(merge.kind, survivor.pk, restored.pk, merge.undone_by)
    audit_log(
        action=f"{'person' if merge.kind == Kind.PEOPLE else 'group'}.unmerge",
        actor=actor,
        target=restored,
        changes={"from": survivor.pk, "merge": merge.pk, "fields_reverted": reverted},
    )
    return restored


def _forget_record(person, record_pk: int) -> list[str]:
    """Fields whose value came from a row that leaves this person are chosen again from its other rows
    (or emptied): rows merged within one file had no earlier value to go back to."""
    if not isinstance(person, Person):
        return []
    from actlocal.imports.services.people_import import _place, survivorship

    fields = [name for name, source in person.field_sources.items() if source == record_pk]
    if not fields:
        return []
    remaining = [(r.pk, r.data) for r in person.source_records.exclude(pk=record_pk).order_by("pk")]
    chosen, sources = survivorship(remaining) if remaining else ({}, {})
    for name in fields:
        value = chosen.get(name, "")
        if name == "zip_code":
            person.set_place(None)
            _place(person, value)
        else:
            setattr(person, name, value)
        if name in sources:
            person.field_sources[name] = sources[name]
        else:
            person.field_sources.pop(name, None)
    return fields


def _move_back(moved: dict[str, dict[str, list]], survivor, restored) -> None:
    from django.apps import apps

    for label, fields in moved.items():
        related = apps.get_model(label)
        for field, ids in fields.items():
            # Only rows still on the survivor: one deleted since stays deleted.
            related._base_manager.filter(pk__in=ids, **{field: survivor}).update(**{field: restored})


@transaction.atomic
def pair_decide(*, pair: DuplicatePair, same: bool, actor) -> MergeRecord | None:
    """A reviewer's answer for a queued pair: merge them (the older record survives) or keep both."""
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.status != DuplicatePair.Status.PENDING:
        raise ValidationError(_("This pair has already been decided."))
    if not same:
        pair.status = DuplicatePair.Status.DISTINCT
        pair.decided_by, pair.decided_at = actor, timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
        audit_log(
            action="duplicate.distinct", actor=actor, target=pair.left, changes={"other": pair.right.pk}
        )
        return None
    survivor, loser = sorted((pair.left, pair.right), key=lambda o: o.pk)
    merge_service = person_merge if pair.kind == Kind.PEOPLE else group_merge
    # The pair row goes with the removed record (cascade); the merge record keeps the history.
    return merge_service(survivor=survivor, loser=loser, actor=actor, score=pair.score, reasons=pair.reasons)


def place_fields(zip_code: str) -> dict:
    place = places.place_or_none(zip_code) if zip_code else None
    if place is None:
        return {"zip_code": zip_code}
    return {"zip_code": place.zip_code, "city": place.city, "state": place.state, "county": place.county,
            "lat": place.lat, "lng": place.lng}  # fmt: skip
