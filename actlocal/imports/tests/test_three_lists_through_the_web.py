"""The issue's "done when": three organizations' lists through the web page, duplicates merged, doubtful
ones queued, a reviewer merges one and unmerges another, and the export lists each person once."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actlocal.directory.models import Person
from actlocal.imports.models import DuplicatePair, ImportBatch, MergeRecord
from actlocal.imports.tests.conftest import ACTION_NETWORK, EVERYACTION, MOBILIZE

DOUBTFUL = "v-22\tChristine\tLee\t\t53705\t\n"  # "Chris Lee" in the same ZIP: maybe her, maybe not


@pytest.fixture
def web(client, staff, django_capture_on_commit_callbacks):
    client.force_login(staff)

    def send(url, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **kwargs)

    client.send = send
    return client


def import_through_the_web(web, name: str, content: str, source: str) -> ImportBatch:
    upload = SimpleUploadedFile(name, content.encode(), content_type="text/csv")
    response = web.send("/imports/", {"source": source, "kind": "people", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    mapping_url = response["Location"]
    page = web.get(mapping_url)
    assert page.status_code == 200
    batch = ImportBatch.objects.latest("pk")
    data = {f"col_{i}": field for i, field in batch.mapping.items()}
    response = web.send(mapping_url, data)
    assert response.status_code == 302
    assert ImportBatch.objects.get(pk=batch.pk).status == "valid"
    response = web.send(f"/imports/{batch.pk}/start/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "done", batch.message
    return batch


def test_three_organizations_lists_become_one_list_of_people(web):
    for name, content, source in (
        ("an.csv", ACTION_NETWORK, "Action Network"),
        ("mobilize.csv", MOBILIZE, "Mobilize"),
        ("everyaction.tsv", EVERYACTION + DOUBTFUL, "EveryAction"),
    ):
        batch = import_through_the_web(web, name, content, source)
        page = web.get(f"/imports/{batch.pk}/").content.decode()
        assert '<progress id="import-bar" max="100" value="100">' in page

    # The obvious duplicates merged: 4 + 4 + 3 rows are 6 people (Christine waits for a decision).
    assert Person.objects.count() == 6
    peggy = Person.objects.get(last_name="Okafor")
    assert peggy.first_name == "Margaret" and peggy.street_address == "12 Main Street"
    assert peggy.source_records.count() == 3

    # The doubtful pair waits in the review queue, side by side, with its reasons.
    queue = web.get("/imports/review/").content.decode()
    pair = DuplicatePair.objects.get(status="pending")
    assert "Chris Lee" in queue and "Christine Lee" in queue
    compare = web.get(f"/imports/review/{pair.pk}/").content.decode()
    assert "same last name" in compare and "EveryAction: v-21" in compare and "EveryAction: v-22" in compare
    assert '<th scope="row">First name</th>' in compare and "from EveryAction: v-22" in compare

    # The reviewer merges that one...
    response = web.send(f"/imports/review/{pair.pk}/", {"decision": "merge"})
    assert response.status_code == 302
    assert Person.objects.count() == 5
    # ...and unmerges another (Ana's second list row, whose e-mail differed).
    ana_merge = MergeRecord.objects.get(record__external_id="m-13")
    assert "Ana" in web.get("/imports/merges/").content.decode()
    response = web.send(f"/imports/merges/{ana_merge.pk}/undo/")
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Ana", last_name="Ruiz").count() == 2

    # The export lists each person once, with their sources.
    export = web.get("/imports/people.csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert len(rows) == Person.objects.count() == 6
    peggy_row = next(r for r in rows if r["last_name"] == "Okafor")
    assert peggy_row["source_record_ids"] == "Action Network:an-1; EveryAction:v-20; Mobilize:m-10"
    lee = next(r for r in rows if r["last_name"] == "Lee")
    assert lee["source_record_ids"] == "EveryAction:v-21; EveryAction:v-22"


def test_the_progress_panel_polls_until_the_import_is_finished(web, staff):
    upload = SimpleUploadedFile("an.csv", ACTION_NETWORK.encode())
    web.send("/imports/", {"source": "Action Network", "kind": "people", "file": upload})
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(status="running", phase="writing", total_rows=4,
                                                   processed_rows=2)  # fmt: skip
    panel = web.get(f"/imports/{batch.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in panel
    assert '<progress id="import-bar" max="100" value="50">' in panel
    assert re.search(r"2 of 4 rows", panel)
    assert f'href="/imports/{batch.pk}/"' in panel  # the refresh link for a browser without JavaScript
    ImportBatch.objects.filter(pk=batch.pk).update(status="done")
    assert "hx-trigger" not in web.get(f"/imports/{batch.pk}/progress/").content.decode()
