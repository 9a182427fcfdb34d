"""Hostile and broken files: each is read correctly or refused with a clear reason, never half-imported."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from actlocal.directory.models import Person
from actlocal.imports.models import ImportBatch
from actlocal.imports.reading import MAX_IMPORT_BYTES, inspect, iter_rows
from actlocal.imports.services import import_batch_create


def rows_of(path):
    shape = inspect(path)
    return shape, [cells for _n, cells in iter_rows(path, shape)]


def test_a_windows_1252_file_is_read_with_its_accents(write_csv, run_command, db):
    path = write_csv(
        "latin.csv",
        "first_name;last_name;email\r\nJosé;Núñez;jose@example.org\r\nZoë;Müller;zoe@example.org\r\n",
        encoding="cp1252",
    )
    run_command("import_people", str(path), "--source", "VAN")
    assert set(Person.objects.values_list("first_name", "last_name")) == {
        ("José", "Núñez"),
        ("Zoë", "Müller"),
    }


def test_a_utf8_file_with_a_stray_windows_byte_is_still_read(write_csv):
    content = "first_name,last_name\n" + "Ana,Ruiz\n" * 20000 + "Renée,Dupont\n"
    path = write_csv("mixed.csv", content.encode("utf-8").replace("Renée".encode(), "Renée".encode("cp1252")))
    _shape, rows = rows_of(path)
    assert rows[-1] == ["Renée", "Dupont"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_does_not_stick_to_the_first_header(write_csv, encoding):
    path = write_csv("bom.csv", "uuid,first_name\nan-1,Ana\n", encoding=encoding)
    shape, rows = rows_of(path)
    assert shape.headers == ["uuid", "first_name"] and rows[1] == ["an-1", "Ana"]


def test_ragged_rows_short_ones_pass_long_ones_are_reported(write_csv, run_command, db):
    path = write_csv(
        "ragged.csv", "first_name,last_name,email\nAna,Ruiz\nLuis,Ortiz,l@example.org,EXTRA\nMei\n"
    )
    with pytest.raises(CommandError, match="1 rows have errors"):
        run_command("import_people", str(path), "--source", "Sheet")
    batch = ImportBatch.objects.get()
    error = batch.row_errors.get()
    assert error.row == 3 and "4 cells" in error.message
    assert Person.objects.count() == 0  # nothing written while the file has errors
    run_command("import_people", str(path), "--source", "Sheet", "--skip-invalid")
    assert sorted(Person.objects.values_list("first_name", flat=True)) == ["Ana", "Mei"]


def test_newlines_inside_quoted_cells_keep_rows_and_numbers_right(write_csv):
    path = write_csv("multi.csv", 'first_name,street_address\n"Ana","12 Main St\nApt 4"\nLuis,9 Oak Ave\n')
    shape = inspect(path)
    rows = list(iter_rows(path, shape))
    assert rows[1] == (2, ["Ana", "12 Main St\nApt 4"]) and rows[2] == (3, ["Luis", "9 Oak Ave"])


def test_nul_bytes_and_binary_junk(write_csv, db):
    path = write_csv("nul.csv", b"first_name,last_name\nAna\x00,Ruiz\n")
    assert rows_of(path)[1][1] == ["Ana", "Ruiz"]
    png = write_csv("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ValueError, match="does not look like"):
        inspect(png)


def test_a_formula_in_a_cell_is_neutralised_in_every_export(write_csv, run_command, db, tmp_path):
    path = write_csv(
        "evil.csv",
        "first_name,last_name,email\n\"=cmd|' /C calc'!A0\",@SUM(1),evil@example.org\nAna,Ruiz,not-an-email\n",
    )
    with pytest.raises(CommandError):
        run_command("import_people", str(path), "--source", "Evil")
    run_command("import_people", str(path), "--source", "Evil", "--skip-invalid")
    out = tmp_path / "people.csv"
    run_command("export_people", str(out), "--with-sources")
    with out.open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["first_name"] == "'=cmd|' /C calc'!A0" and row["last_name"] == "'@SUM(1)"


def test_the_errors_csv_neutralises_formulas_too(client, staff, write_csv, run_command, db):
    path = write_csv("evil.csv", 'first_name,email\nAna,=HYPERLINK("http://x")\n')
    with pytest.raises(CommandError):
        run_command("import_people", str(path), "--source", "Evil")
    client.force_login(staff)
    batch = ImportBatch.objects.get()
    body = b"".join(client.get(f"/imports/{batch.pk}/errors.csv").streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["row", "column", "value", "problem"]
    assert rows[1][:3] == ["2", "email", '\'=HYPERLINK("http://x")']


class FakeUpload(io.BytesIO):
    name = "huge.csv"
    size = 2 * 1024**3


def test_a_2_gb_file_is_refused_with_the_limit_stated(write_csv, run_command, db, tmp_path, client, staff):
    with pytest.raises(ValidationError, match="the limit is 512"):
        import_batch_create(source_name="S", kind="people", upload=FakeUpload(b"first_name\nAna\n"))
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024**3)
    with pytest.raises(CommandError, match=r"2.0.GB; the limit is 512"):
        run_command("import_people", str(huge), "--source", "S")
    client.force_login(staff)
    response = client.post("/imports/", {"source": "S"}, CONTENT_LENGTH=str(MAX_IMPORT_BYTES * 4))
    assert response.status_code == 413 and "the limit is 512" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_an_xlsx_bomb_is_refused_before_it_is_unpacked(tmp_path, db):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"<row>" + b"0" * (1024 * 1024) + b"</row>"
            for _ in range(40):
                sheet.write(block)
    with pytest.raises(ValueError, match="unpacks to 40"):
        inspect(bomb)


def test_an_xlsx_spreadsheet_imports_like_a_csv(tmp_path, run_command, db):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["VANID", "FirstName", "LastName", "Zip5", "Phone"])
    sheet.append([1001, "Ana", "Ruiz", 53703, 6085550101])
    path = tmp_path / "van.xlsx"
    workbook.save(path)
    run_command("import_people", str(path), "--source", "VAN")
    ana = Person.objects.get()
    assert (ana.zip_code, ana.city, ana.phone) == ("53703", "Madison", "+16085550101")
    assert ana.source_records.get().external_id == "1001"


def test_an_empty_file_and_a_headerless_one_are_refused(write_csv, db):
    with pytest.raises(ValueError, match="empty"):
        inspect(write_csv("empty.csv", ""))
    with pytest.raises(ValueError, match="first row"):
        inspect(write_csv("blank.csv", ",,\nAna,Ruiz,x\n"))


def test_the_web_page_states_why_a_file_was_refused(client, staff, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    upload = SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    response = client.post("/imports/", {"source": "S", "kind": "people", "file": upload})
    assert response.status_code == 400
    assert "does not look like a text (CSV) or XLSX file" in response.content.decode()
