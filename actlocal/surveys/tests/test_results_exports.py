"""CSV and XLSX exports of responses: one row each, formula-safe, filtered, audit-logged, builders only."""

import csv
import io

import pytest
from openpyxl import load_workbook

from actlocal.core.models import AuditEntry
from actlocal.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db
CSV_URL = "/surveys/leaders-2026/results/export.csv"
XLSX_URL = "/surveys/leaders-2026/results/export.xlsx"


def test_staff_download_a_csv_with_one_row_per_response(client, staff, answered):
    client.force_login(staff)

    response = client.get(CSV_URL)

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:7] == ["response", "submitted_at", "source", "zip_code", "state", "county", "area_type"]
    assert "priorities" in rows[0] and "ranked" in rows[0]
    assert len(rows) == 13
    by_header = dict(zip(rows[0], rows[1], strict=True))
    assert by_header["priorities"] == "electing; housing"
    assert by_header["ranked"] == "people > money"
    assert by_header["area_type"] == "rural"
    assert AuditEntry.objects.filter(action="survey.export", actor=staff).exists()


def test_a_formula_in_an_answer_is_neutralised(client, staff, survey):
    answer(survey, {"priorities": ["climate"], "need": ['=HYPERLINK("http://evil")']})
    client.force_login(staff)

    body = b"".join(client.get(CSV_URL).streaming_content).decode("utf-8-sig")

    assert "'=HYPERLINK" in body


def test_the_export_follows_the_filters(client, staff, answered):
    client.force_login(staff)

    body = b"".join(client.get(CSV_URL, {"lean": "blue"}).streaming_content).decode("utf-8-sig")

    assert len(list(csv.reader(io.StringIO(body)))) == 5


def test_the_xlsx_opens_with_the_same_rows(client, staff, answered):
    client.force_login(staff)

    response = client.get(XLSX_URL)

    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 13
    assert rows[0][0] == "response"


def test_a_leader_cannot_export(client, leader, answered):
    client.force_login(leader)

    assert client.get(CSV_URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403
