"""Cleaning what people type before it is stored: plain text, one kind of newline, and none of the
invisible characters that hide or reorder text (zero-width spaces, bidirectional overrides)."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, zero-width space/word joiner/BOM, and the bidi embedding,
# override and isolate controls. Zero-width (non-)joiners stay: emoji and several scripts need them.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", value).strip()
