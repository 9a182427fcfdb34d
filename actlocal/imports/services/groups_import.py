"""Pass two of a groups import, and finding duplicate groups among those already listed.

Groups number in the thousands, not millions, so this writes through the ORM, in one transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import transaction

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.directory.models import PartnerGroup
from actlocal.directory.services.groups import unique_group_slug
from actlocal.imports.matching import match
from actlocal.imports.matching_groups import AUTO_MERGE, REVIEW, GroupRecord, compare_groups
from actlocal.imports.models import DuplicatePair, ImportBatch, Kind, MergeRecord, SourceRecord

GROUP_VALUE_FIELDS = (
    "name",
    "website",
    "contact_email",
    "contact_phone",
    "zip_code",
    "mission",
    "meeting_times",
)


def _existing_records() -> list[GroupRecord]:
    return [
        GroupRecord(pk, name=n, website=w, email=e, phone=p, zip_code=z, existing=True)
        for pk, n, w, e, p, z in PartnerGroup.objects.values_list(
            "pk", "name", "website", "contact_email", "contact_phone", "zip_code"
        )
    ]


def _fill(group: PartnerGroup, values: dict) -> dict:
    changes = {}
    for name in GROUP_VALUE_FIELDS:
        value = values.get(name, "")
        if value and not getattr(group, name):
            changes[name] = ["", value]
            if name == "zip_code":
                group.set_place(places.place_or_none(value))
                group.zip_code = group.zip_code or value
            else:
                setattr(group, name, value)
    return changes


@transaction.atomic
def import_group_rows(batch: ImportBatch, rows, progress) -> dict:
    counts: Counter = Counter()
    known = {
        key: (pk, digest, group_id)
        for key, pk, digest, group_id in SourceRecord.objects.filter(source=batch.source, kind=Kind.GROUPS)
        .values_list("external_id", "pk", "content_hash", "group_id")
    }  # fmt: skip
    new = []
    for row in rows:
        found = known.get(row[2])
        if found is None:
            new.append(row)
        elif found[1] == row[3]:
            counts["unchanged"] += 1
        else:
            record = SourceRecord.objects.get(pk=found[0])
            record.previous_data, record.data, record.content_hash, record.batch = (
                record.data,
                row[1],
                row[3],
                batch,
            )
            record.save()
            group = PartnerGroup.objects.filter(pk=found[2]).first()
            if group is not None and _fill(group, row[1]):
                group.save()
            counts["updated"] += 1
    existing = _existing_records()
    offset = len(existing)
    records = existing + [
        GroupRecord(i, name=v.get("name", ""), website=v.get("website", ""), email=v.get("contact_email", ""),
                    phone=v.get("contact_phone", ""), zip_code=v.get("zip_code", ""))
        for i, (_n, v, *_rest) in enumerate(new)
    ]  # fmt: skip
    result = match(records, auto=AUTO_MERGE, review=REVIEW, comparer=compare_groups)
    link = {}
    for i, j, score, reasons in result.linked:
        for k in (i, j):
            link.setdefault(k, (score, reasons))
    clusters: dict[int, list[int]] = defaultdict(list)
    owner: dict[int, int] = {}
    for k, root in enumerate(result.cluster):
        if k < offset:
            owner.setdefault(root, records[k].ref)
        else:
            clusters[root].append(k)
    taken: set[str] = set()
    for root, members in clusters.items():
        group_id = owner.get(root)
        for k in members:
            _number, values, key, digest, _text = new[k - offset]
            created = False
            if group_id is None:
                group = PartnerGroup(name=values["name"], slug=unique_group_slug(values["name"], taken=taken))
                _fill(group, values)
                group.save()
                group_id = owner[root] = group.pk
                created = True
                counts["groups_created"] += 1
            record = SourceRecord.objects.create(source=batch.source, kind=Kind.GROUPS, external_id=key,
                                                 content_hash=digest, data=values, group_id=group_id, batch=batch,
                                                 created_object=created)  # fmt: skip
            if not created:
                group = PartnerGroup.objects.get(pk=group_id)
                changes = _fill(group, values)
                if changes:
                    group.save()
                score, reasons = link.get(k, (None, []))
                MergeRecord.objects.create(kind=Kind.GROUPS, survivor_id=group_id, record=record, score=score,
                                           reasons=reasons, automatic=True, batch=batch, field_changes=changes)  # fmt: skip
                counts["merged"] += 1
        progress(sum(counts.values()))
    counts["queued_for_review"] = _queue(result.review, result.cluster, owner, batch)
    return dict(counts)


def _queue(review, cluster, owner, batch) -> int:
    made = 0
    for i, j, score, reasons in review:
        a, b = owner.get(cluster[i]), owner.get(cluster[j])
        if a is None or b is None or a == b:
            continue
        a, b = sorted((a, b))
        _pair, created = DuplicatePair.objects.get_or_create(
            kind=Kind.GROUPS, group_a_id=a, group_b_id=b, defaults={"score": score, "reasons": reasons,
                                                                      "batch": batch},
        )  # fmt: skip
        made += created
    return made


@transaction.atomic
def groups_find_duplicates(*, actor=None) -> int:
    """Queue every likely pair among the groups already listed (none are merged without a person)."""
    records = _existing_records()
    result = match(records, auto=float("inf"), review=REVIEW, comparer=compare_groups)
    owner = {k: r.ref for k, r in enumerate(records)}
    made = _queue(result.review, list(range(len(records))), owner, None)
    audit_log(action="group.find_duplicates", actor=actor, changes={"queued": made})
    return made
