"""Imports, the review queue, merges and the export are for network staff only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actlocal.directory.models import Person
from actlocal.imports.models import DuplicatePair, ImportBatch, MergeRecord, Source

PAGES = ["/imports/", "/imports/review/", "/imports/merges/", "/imports/people.csv"]


@pytest.fixture
def objects(db):
    a = Person.objects.create(first_name="Chris", last_name="Lee", email="chris@example.org")
    b = Person.objects.create(first_name="Christine", last_name="Lee")
    pair = DuplicatePair.objects.create(person_a=a, person_b=b, score=7)
    batch = ImportBatch.objects.create(
        source=Source.objects.create(name="S"), original_name="x.csv", sha256="0"
    )
    merge = MergeRecord.objects.create(survivor_id=a.pk, loser_id=999)
    return {"pair": pair, "batch": batch, "merge": merge}


@pytest.mark.parametrize("persona", ["group_admin", "leader", "outsider"])
def test_anyone_but_staff_is_refused_every_page_and_action(client, request, persona, objects):
    client.force_login(request.getfixturevalue(persona))
    b, p, m = objects["batch"].pk, objects["pair"].pk, objects["merge"].pk
    for url in [*PAGES, f"/imports/{b}/", f"/imports/{b}/mapping/", f"/imports/{b}/progress/",
                f"/imports/{b}/errors.csv", f"/imports/review/{p}/"]:  # fmt: skip
        assert client.get(url).status_code == 403, url
    for url in [f"/imports/{b}/start/", f"/imports/{b}/undo/", f"/imports/review/{p}/", f"/imports/merges/{m}/undo/",
                "/imports/review/groups/find/"]:  # fmt: skip
        assert client.post(url, {"decision": "merge"}).status_code == 403, url
    upload = SimpleUploadedFile("a.csv", b"first_name\nAna\n")
    assert client.post("/imports/", {"source": "S", "kind": "people", "file": upload}).status_code == 403
    assert Person.objects.count() == 2 and DuplicatePair.objects.get().status == "pending"


def test_the_public_is_sent_to_sign_in(client, objects):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_see_the_import_page(client, staff):
    client.force_login(staff)
    page = client.get("/imports/")
    assert page.status_code == 200 and "Upload a file" in page.content.decode()


def test_only_staff_see_the_imports_link_in_the_header(client, staff, leader):
    client.force_login(leader)
    assert 'href="/imports/"' not in client.get("/").content.decode()
    client.force_login(staff)
    assert 'href="/imports/"' in client.get("/").content.decode()
