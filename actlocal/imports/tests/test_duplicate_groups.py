"""The same engine finds the same group entered by two organizations."""

from __future__ import annotations

from actlocal.directory.models import PartnerGroup
from actlocal.imports.models import DuplicatePair, MergeRecord

GROUPS_A = """group_id,name,website,email,zip
g1,Madison Neighbors United,https://www.mnu.example/,hello@mnu.example,53703
g2,Dane County Votes,,,53704
"""
GROUPS_B = """org id,organization,website,contact email,zip
x9,Madison Neighbours United,mnu.example,,53703
x10,Neighbors United of Madison,,,53703
"""


def test_a_group_entered_by_two_organizations_becomes_one(write_csv, run_command, partner_group, db):
    run_command("import_groups", str(write_csv("a.csv", GROUPS_A)), "--source", "Org A")
    # "Madison Neighbors United" already existed (the partner_group): the import joined it.
    assert PartnerGroup.objects.count() == 2
    run_command("import_groups", str(write_csv("b.csv", GROUPS_B)), "--source", "Org B")
    mnu = PartnerGroup.objects.get(slug="madison-neighbors-united")
    assert mnu.website == "https://www.mnu.example/"
    assert sorted(mnu.source_records.values_list("external_id", flat=True)) == ["g1", "x9"]
    # The same words in another order, nothing else to go on: a person decides.
    pair = DuplicatePair.objects.get(kind="groups", status="pending")
    assert {pair.group_a.name, pair.group_b.name} == {
        "Madison Neighbors United",
        "Neighbors United of Madison",
    }


def test_staff_can_look_for_duplicates_among_listed_groups_and_merge_them(client, staff, partner_group, db):
    twin = PartnerGroup.objects.create(name="Madison Neighbors United", slug="mnu-2", zip_code="53703",
                                       website="https://mnu.example")  # fmt: skip
    client.force_login(staff)
    client.post("/imports/review/groups/find/")
    pair = DuplicatePair.objects.get(kind="groups")
    page = client.get(f"/imports/review/{pair.pk}/").content.decode()
    assert "mnu-2" not in page and "Madison Neighbors United" in page
    client.post(f"/imports/review/{pair.pk}/", {"decision": "merge"})
    assert list(PartnerGroup.objects.values_list("pk", flat=True)) == [partner_group.pk]
    assert PartnerGroup.objects.get().website == "https://mnu.example"
    merge_id = MergeRecord.objects.get().pk
    client.post(f"/imports/merges/{merge_id}/undo/")
    assert PartnerGroup.objects.filter(pk=twin.pk).exists()


def test_staff_can_look_for_duplicate_people_already_known(client, staff, db):
    from actlocal.directory.models import Person

    Person.objects.create(first_name="Bill", last_name="Tanaka", zip_code="53704")
    Person.objects.create(first_name="William", last_name="Tanaka", zip_code="53704")
    client.force_login(staff)
    client.post("/imports/review/people/find/")
    pair = DuplicatePair.objects.get(kind="people")
    assert "same first name" in pair.reasons and Person.objects.count() == 2  # queued, not merged
    assert client.post("/imports/review/nothing/find/").status_code == 404


def test_an_imported_group_never_takes_a_slug_that_is_a_page_of_its_own(write_csv, run_command, db):
    run_command("import_groups", str(write_csv("g.csv", "group_id,name,zip\ng1,New,53703\ng2,Map,53703\n")),
                "--source", "Org A")  # fmt: skip
    assert sorted(PartnerGroup.objects.values_list("slug", flat=True)) == ["map-2", "new-2"]
