"""The command line: import with a terminal progress bar, re-import changes nothing, export with sources."""

from __future__ import annotations

import csv

from actlocal.core.models import AuditEntry
from actlocal.directory.models import Person
from actlocal.imports.models import ImportBatch, MergeRecord, SourceRecord


def import_three(three_lists, run_command):
    outputs = []
    for path, source in zip(three_lists, ("Action Network", "Mobilize", "EveryAction"), strict=True):
        outputs.append(run_command("import_people", str(path), "--source", source))
    return outputs


def test_three_lists_import_with_a_progress_bar_and_merge_their_people(three_lists, run_command, db):
    outputs = import_three(three_lists, run_command)
    out, err = outputs[1]
    assert "Mobile ID" not in out and "Mobilize ID -> external_id" in out
    assert "joined existing: 4" in out
    assert "[##############################] 100% 4/4" in err
    assert Person.objects.count() == 5
    assert AuditEntry.objects.filter(action="import.run").count() == 3  # one audit row per import


def test_importing_the_same_file_again_changes_nothing(three_lists, run_command, db):
    import_three(three_lists, run_command)
    before = (Person.objects.count(), SourceRecord.objects.count(), MergeRecord.objects.count(),
              sorted(Person.objects.values_list("pk", "first_name", "email", "phone", "updated_at")))  # fmt: skip
    out, _err = run_command("import_people", str(three_lists[1]), "--source", "Mobilize")
    assert "unchanged: 4" in out
    after = (Person.objects.count(), SourceRecord.objects.count(), MergeRecord.objects.count(),
             sorted(Person.objects.values_list("pk", "first_name", "email", "phone", "updated_at")))  # fmt: skip
    assert before == after


def test_an_edited_row_updates_its_record_and_only_fills_blanks(write_csv, run_command, db):
    run_command(
        "import_people",
        str(write_csv("a.csv", "id,first_name,email\n1,Ana,ana@example.org\n")),
        "--source",
        "S",
    )
    run_command("import_people", str(write_csv("b.csv", "id,first_name,email,phone\n1,Anita,ana@example.org,608-555-0100\n")),
                "--source", "S")  # fmt: skip
    ana = Person.objects.get()
    assert (ana.first_name, ana.phone) == ("Ana", "+16085550100")
    assert SourceRecord.objects.get().data["first_name"] == "Anita"


def test_the_export_lists_each_person_once_with_every_source_record(three_lists, run_command, db, tmp_path):
    import_three(three_lists, run_command)
    out = tmp_path / "people.csv"
    _out, err = run_command("export_people", str(out), "--with-sources")
    assert "5 people written" in err
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len({r["person_id"] for r in rows}) == 5
    tanaka = next(r for r in rows if r["last_name"] == "Tanaka")
    assert tanaka["sources"] == "Action Network; Mobilize"
    assert tanaka["source_record_ids"] == "Action Network:an-2; Mobilize:m-11"
    assert tanaka["phone"] == "+16085550142"  # an E.164 number is not a formula: left as it is


def test_a_group_column_makes_memberships(write_csv, run_command, partner_group, db):
    path = write_csv("members.csv", "first_name,last_name,organization\nAna,Ruiz,Madison Neighbors United\n")
    run_command("import_people", str(path), "--source", "Roster")
    assert Person.objects.get().affiliations.get().group == partner_group
    assert ImportBatch.objects.get().status == "done"
