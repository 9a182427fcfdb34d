"""Reading an uploaded list: CSV in any delimiter and encoding we can detect, or XLSX; hostile files refused.

Rows stream one at a time (a million-row file never sits in memory as text). What is refused, and why:
- a file over ``MAX_IMPORT_BYTES`` (stated in the message);
- an XLSX whose unpacked size is over ``MAX_XLSX_UNPACKED`` or that packs more than ``MAX_XLSX_RATIO`` to
  one (a "zip bomb": a few kilobytes that expand to gigabytes);
- text that is not a table (a single column of binary noise).
A UTF-8 file with a few Windows-1252 bytes (a spreadsheet saved twice) is read, not refused: each bad
byte is decoded as Windows-1252 instead of failing the whole import on row 40,000.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_XLSX_UNPACKED = 512 * 1024 * 1024
MAX_XLSX_RATIO = 150
MAX_COLUMNS = 200
SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
csv.field_size_limit(1024 * 1024)


class FileRefused(ValueError):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""


def _cp1252_fallback(error: UnicodeDecodeError):
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("actlocal-cp1252", _cp1252_fallback)


@dataclass
class FileShape:
    file_format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    headers: list[str] = field(default_factory=list)


def check_size(size: int) -> None:
    if size > MAX_IMPORT_BYTES:
        raise FileRefused(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
        )
    if size == 0:
        raise FileRefused(_("The file is empty."))


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut off by the end of the sample is still UTF-8.
        if error.start >= len(sample) - 3 and len(sample) >= SAMPLE_BYTES:
            return "utf-8"
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise FileRefused(_("This does not look like a text (CSV) or XLSX file."))
    # Short samples fit several code pages equally well; American lists saved by Excel are Windows-1252,
    # so it wins whenever it is among the plausible ones.
    encoding = "cp1252" if any(m.encoding == "cp1252" for m in matches) else best.encoding
    return "utf-8" if encoding in {"ascii", "utf_8"} else encoding


def _detect_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        # The sniffer gives up on tidy files with one column or quoted newlines: count on the header.
        counts = {d: lines[0].count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(sample: bytes) -> bool:
    """More than 5% control bytes: an image or a program, not a list (a stray NUL is just dropped)."""
    controls = sum(sample.count(c) for c in _CONTROL)
    return controls > max(2, len(sample) // 20)


def is_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _check_xlsx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRefused(_("This XLSX file is damaged and cannot be opened."))
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_XLSX_RATIO:
        raise FileRefused(
            _(
                "This XLSX file unpacks to %(size)s, more than a spreadsheet of this size can hold; it was refused."
            )
            % {"size": filesizeformat(unpacked)}
        )
    if not any(i.filename.startswith("xl/worksheets/") for i in infos):
        raise FileRefused(_("This file is not an XLSX spreadsheet."))


def inspect(path: Path) -> FileShape:
    """Format, encoding, delimiter and header row of the file at ``path``; raises FileRefused."""
    check_size(path.stat().st_size)
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if is_xlsx(sample):
        _check_xlsx(path)
        shape = FileShape("xlsx")
    else:
        utf16 = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if not utf16 and _looks_binary(sample):
            raise FileRefused(_("This does not look like a text (CSV) or XLSX file."))
        encoding = _detect_encoding(sample)
        text = sample.decode(encoding, errors="actlocal-cp1252")
        shape = FileShape("csv", encoding=encoding, delimiter=_detect_delimiter(text))
    for _number, row in iter_rows(path, shape):
        shape.headers = [h.strip() for h in row]
        break
    if not any(shape.headers):
        raise FileRefused(_("The first row must name the columns, and it is empty."))
    if len(shape.headers) > MAX_COLUMNS:
        raise FileRefused(_("The file has more than %(count)s columns.") % {"count": MAX_COLUMNS})
    return shape


def _without_nul(lines):
    for line in lines:
        yield line.replace("\x00", "") if "\x00" in line else line


def iter_rows(path: Path, shape: FileShape) -> Iterator[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells as text), the header row first (number 1).

    A CSV row number counts records, not lines, so a quoted cell with newlines does not shift it.
    """
    if shape.file_format == "xlsx":
        yield from _iter_xlsx(path)
        return
    encoding = "utf-8" if shape.encoding == "utf-8-sig" else shape.encoding
    with path.open("r", encoding=encoding, errors="actlocal-cp1252", newline="") as handle:
        if shape.encoding in {"utf-8-sig", "utf-16"}:
            first = handle.read(1)
            if first != "\ufeff":
                handle.seek(0)
        reader = csv.reader(_without_nul(handle), delimiter=shape.delimiter or ",")
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise FileRefused(
                    _("Row %(row)s cannot be read: %(error)s") % {"row": number + 1, "error": error}
                )
            number += 1
            if row:
                yield number, row


def _iter_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same to the uploader
        raise FileRefused(_("This XLSX file is damaged and cannot be opened."))
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in values[:MAX_COLUMNS]]
            if any(cells):
                yield number, cells
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a ZIP or phone typed as a number: 53703.0 -> "53703"
    return str(value).strip()
