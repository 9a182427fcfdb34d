"""Merging two people moves everything that points at them; unmerging restores both, links and all."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Affiliation, Person
from actlocal.events.models import Rsvp
from actlocal.events.tests.event_factory import make_event
from actlocal.imports.models import DuplicatePair, MergeRecord
from actlocal.imports.services import pair_decide, person_merge, person_unmerge
from actlocal.surveys.models import Response, Survey
from conftest import make_user


@pytest.fixture
def two_peggies(db, partner_group):
    older = Person.objects.create(first_name="Margaret", last_name="Okafor", email="peggy@example.org",
                                  zip_code="53703")  # fmt: skip
    newer = Person.objects.create(first_name="Peggy", last_name="Okafor", phone="+16085550101",
                                  street_address="12 Main St", email="p.okafor@example.org")  # fmt: skip
    first, second = make_event(), make_event()
    Rsvp.objects.create(event=first, person=older)
    Rsvp.objects.create(event=first, person=newer)  # the same event twice: cannot both survive
    Rsvp.objects.create(event=second, person=newer)
    Affiliation.objects.create(person=newer, group=partner_group, role="Treasurer")
    survey = Survey.objects.create(title="Needs", slug="needs")
    Response.objects.create(survey=survey, person=newer)
    return older, newer


def test_merging_moves_rsvps_memberships_and_answers_to_the_survivor(two_peggies, staff):
    older, newer = two_peggies
    merge = person_merge(survivor=older, loser=newer, actor=staff)
    assert not Person.objects.filter(pk=newer.pk).exists()
    older.refresh_from_db()
    assert older.first_name == "Margaret"  # the survivor's value wins
    assert older.phone == "+16085550101" and older.street_address == "12 Main St"  # blanks are filled
    assert older.email == "peggy@example.org"
    assert older.rsvps.count() == 2  # the clashing RSVP to the same event stayed out
    assert older.affiliations.get().role == "Treasurer"
    assert older.survey_responses.count() == 1
    assert audit_trail(older).filter(action="person.merge").exists()
    assert merge.snapshot["conflicts"]


def test_unmerging_restores_both_people_with_their_own_links(two_peggies, staff):
    older, newer = two_peggies
    rsvp_ids = set(newer.rsvps.values_list("pk", flat=True))
    merge = person_merge(survivor=older, loser=newer, actor=staff)
    restored = person_unmerge(merge=merge, actor=staff)
    assert restored.pk == newer.pk
    restored.refresh_from_db()
    older.refresh_from_db()
    assert (restored.first_name, restored.phone, restored.email) == (
        "Peggy",
        "+16085550101",
        "p.okafor@example.org",
    )
    assert set(restored.rsvps.values_list("pk", flat=True)) == rsvp_ids  # including the one that clashed
    assert restored.affiliations.get().role == "Treasurer"
    assert restored.survey_responses.count() == 1
    assert older.rsvps.count() == 1 and not older.affiliations.exists()
    assert older.phone == "" and older.street_address == ""  # values the merge filled are taken back
    assert DuplicatePair.objects.get(person_a=older, person_b=restored).status == "distinct"
    assert MergeRecord.objects.get(pk=merge.pk).undone_at is not None
    with pytest.raises(ValidationError):
        person_unmerge(merge=merge, actor=staff)


def test_an_unmerge_keeps_an_edit_made_after_the_merge(two_peggies, staff):
    older, newer = two_peggies
    merge = person_merge(survivor=older, loser=newer, actor=staff)
    Person.objects.filter(pk=older.pk).update(phone="+16085559999")
    person_unmerge(merge=merge, actor=staff)
    assert Person.objects.get(pk=older.pk).phone == "+16085559999"


def test_a_sign_in_follows_the_merge_and_comes_back_on_unmerge(db, staff):
    user = make_user("ana@example.org", name="Ana Ruiz", is_member=True)
    imported = Person.objects.create(first_name="Ana", last_name="Ruiz")
    own = Person.objects.create(first_name="Ana", last_name="Ruiz", user=user)
    merge = person_merge(survivor=imported, loser=own, actor=staff)
    assert Person.objects.get(pk=imported.pk).user == user
    person_unmerge(merge=merge, actor=staff)
    assert Person.objects.get(pk=own.pk).user == user
    assert Person.objects.get(pk=imported.pk).user is None


def test_two_people_who_each_sign_in_are_not_merged(db, staff):
    a = Person.objects.create(first_name="Ana", user=make_user("a@example.org", name="A"))
    b = Person.objects.create(first_name="Ana", user=make_user("b@example.org", name="B"))
    with pytest.raises(ValidationError):
        person_merge(survivor=a, loser=b, actor=staff)
    assert Person.objects.count() == 2


def test_keeping_a_pair_apart_leaves_both_and_records_the_decision(db, staff):
    a = Person.objects.create(first_name="Chris", last_name="Lee")
    b = Person.objects.create(first_name="Christine", last_name="Lee")
    pair = DuplicatePair.objects.create(person_a=a, person_b=b, score=7, reasons=["same last name"])
    assert pair_decide(pair=pair, same=False, actor=staff) is None
    assert Person.objects.count() == 2
    assert DuplicatePair.objects.get(pk=pair.pk).status == "distinct"
    with pytest.raises(ValidationError):
        pair_decide(pair=pair, same=True, actor=staff)


def test_unmerging_a_row_merged_within_one_file_takes_its_values_with_it(write_csv, run_command, staff, db):
    path = write_csv("dupes.csv", "id,first_name,last_name,email,phone\n1,Ana,Ruiz,ana@example.org,\n"
                                  "2,Ana,Ruiz,ana@example.org,608-555-0100\n")  # fmt: skip
    run_command("import_people", str(path), "--source", "Sheet")
    ana = Person.objects.get()
    assert ana.phone == "+16085550100"
    person_unmerge(merge=MergeRecord.objects.get(record__external_id="2"), actor=staff)
    ana.refresh_from_db()
    assert ana.phone == "" and "phone" not in ana.field_sources
    assert Person.objects.get(phone="+16085550100").source_records.get().external_id == "2"
