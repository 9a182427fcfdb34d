"""The one place CSV exports make cells safe to open in a spreadsheet (CSV/formula injection).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any leading
spaces) would be run as a formula by Excel, LibreOffice or Google Sheets: ``=cmd|' /C calc'!A0``, or
``=HYPERLINK(...)`` typed into a name field. Such text gets a leading apostrophe, which spreadsheets show
as text and do not display. Numbers are left alone: ``-5`` or ``+16085550101`` is a number, not a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# "+16085550101", "-12.5": a sign and digits only can run nothing, and a phone number stays dialable.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .]*")


def safe_cell(value) -> str:
    """``value`` as text a spreadsheet will not run."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.lstrip(" \n").startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(stream, **kwargs) -> SafeWriter:
    return SafeWriter(stream, **kwargs)


def csv_text(rows: Iterable[Iterable]) -> str:
    """Rows (the header first) as CSV text, every cell made safe."""
    buffer = io.StringIO()
    safe_writer(buffer).writerows(rows)
    return buffer.getvalue()
