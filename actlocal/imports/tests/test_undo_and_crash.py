"""An import can be undone as a whole; an import killed halfway leaves whole people and resumes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from actlocal.directory.models import Person
from actlocal.imports.models import ImportBatch, MergeRecord, SourceRecord
from actlocal.imports.services import import_undo, people_import, person_merge

WITH_DUPLICATES = """id,first_name,last_name,email,zip_code
1,Ana,Ruiz,ana@example.org,53703
2,Luis,Ortiz,luis@example.org,53704
3,Ana,Ruiz,ana@example.org,53703
4,Mei,Chen,mei@example.org,53705
5,Luis,Ortiz,,53704
6,Zoe,Park,zoe@example.org,53711
"""


def test_undoing_an_import_removes_its_people_and_gives_back_what_it_filled(
    three_lists, run_command, staff, db
):
    run_command("import_people", str(three_lists[0]), "--source", "Action Network")
    before = sorted(Person.objects.values_list("pk", "first_name", "phone", "street_address"))
    run_command("import_people", str(three_lists[2]), "--source", "EveryAction")
    assert Person.objects.get(last_name="Okafor").street_address == "12 Main Street"
    batch = ImportBatch.objects.get(source__name="EveryAction")
    import_undo(batch=batch, actor=staff)
    assert sorted(Person.objects.values_list("pk", "first_name", "phone", "street_address")) == before
    assert not SourceRecord.objects.filter(source__name="EveryAction").exists()
    assert not MergeRecord.objects.filter(batch=batch).exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "undone"
    with pytest.raises(ValidationError):
        import_undo(batch=batch, actor=staff)


def test_an_undo_that_would_take_later_work_with_it_is_refused(three_lists, run_command, staff, db):
    run_command("import_people", str(three_lists[0]), "--source", "Action Network")
    run_command("import_people", str(three_lists[1]), "--source", "Mobilize")
    first = ImportBatch.objects.get(source__name="Action Network")
    with pytest.raises(ValidationError, match="later import"):
        import_undo(batch=first, actor=staff)
    assert Person.objects.count() == 4


def test_an_undo_after_a_reviewers_merge_is_refused(three_lists, run_command, staff, db):
    run_command("import_people", str(three_lists[0]), "--source", "Action Network")
    ana, luis = Person.objects.filter(first_name__in=["Ana", "William"]).order_by("pk")
    person_merge(survivor=ana, loser=luis, actor=staff)
    with pytest.raises(ValidationError, match="unmerge"):
        import_undo(batch=ImportBatch.objects.get(), actor=staff)


def test_a_killed_import_leaves_whole_people_and_the_same_command_resumes(
    write_csv, run_command, monkeypatch, db
):
    path = write_csv("dupes.csv", WITH_DUPLICATES)
    real = people_import.PeopleWriter._write_chunk
    calls = {"n": 0}

    def dies_after_two_chunks(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise RuntimeError("worker killed")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(people_import, "CHUNK_ROWS", 1)
    monkeypatch.setattr(people_import.PeopleWriter, "_write_chunk", dies_after_two_chunks)
    with pytest.raises(CommandError, match="run the same command again to resume"):
        run_command("import_people", str(path), "--source", "Sheet")
    assert ImportBatch.objects.get().status == "failed"
    # Never half-merged: each person written so far has every row of their cluster.
    for person in Person.objects.all():
        expected = 2 if person.first_name in {"Ana", "Luis"} else 1
        assert person.source_records.count() == expected
    assert 0 < Person.objects.count() < 4

    monkeypatch.setattr(people_import.PeopleWriter, "_write_chunk", real)
    run_command("import_people", str(path), "--source", "Sheet")
    assert sorted(Person.objects.values_list("first_name", flat=True)) == ["Ana", "Luis", "Mei", "Zoe"]
    assert SourceRecord.objects.count() == 6
