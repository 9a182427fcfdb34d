"""Normalised keys for matching people and groups: e-mail, phone (E.164), names, street, ZIP.

Every function is pure, cheap and total (bad input gives ""), because the importer calls each of them a
million times: the common shapes take a fast path and only odd values reach ``phonenumbers``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers

from actlocal.imports.nicknames import NICKNAMES

_NON_DIGIT = re.compile(r"\D+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_NON_LETTER = re.compile(r"[^a-z]+")

# Mailboxes where dots in the local part do not matter and "+tag" is an alias.
_DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}

_STREET_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "boulevard": "blvd",
    "lane": "ln", "court": "ct", "place": "pl", "terrace": "ter", "highway": "hwy", "parkway": "pkwy",
    "north": "n", "south": "s", "east": "e", "west": "w", "apartment": "apt", "suite": "ste", "unit": "apt",
    "number": "", "no": "", "#": "apt",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: "José Núñez" -> "jose nunez"."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def email_key(raw: str) -> str:
    """Lower case, trimmed; for Gmail the dots and "+tag" are dropped. "" when not an address."""
    email = (raw or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain:
        return ""
    if domain in _DOTLESS_DOMAINS:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


@lru_cache(maxsize=4096)
def _phone_slow(raw: str, region: str) -> str:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_key(raw: str, region: str = "US") -> str:
    """E.164 ("+16085550100"), or "" when the text is not a possible phone number.

    North American numbers (10 digits, or 11 starting with 1) skip ``phonenumbers``: at a million rows
    its parser alone would take longer than the whole import budget.
    """
    if not raw:
        return ""
    text = raw.strip()
    if region == "US" and (not text.startswith("+") or text.startswith("+1")):
        digits = _NON_DIGIT.sub("", text.split("x", 1)[0].split("ext", 1)[0])
        if len(digits) == 11 and digits[0] == "1":
            digits = digits[1:]
        if len(digits) == 10:
            # NANP: area code and exchange start 2-9.
            return f"+1{digits}" if digits[0] >= "2" and digits[3] >= "2" else ""
        if len(digits) < 7:
            return ""
    return _phone_slow(text, region)


def name_key(raw: str) -> str:
    """Letters only, folded: "O'Brien-Smith" -> "obriensmith"."""
    return _NON_LETTER.sub("", fold(raw or ""))


def first_name_key(raw: str) -> str:
    """The first given name, folded and mapped to its formal form: "Bill" -> "william", "Peggy" -> "margaret"."""
    folded = fold(raw or "").strip()
    first = folded.split(" ", 1)[0] if folded else ""
    key = _NON_LETTER.sub("", first)
    return NICKNAMES.get(key, key)


def zip_key(raw: str) -> str:
    """Five digits ("53703-1234" -> "53703", "2134" -> "02134" as spreadsheets drop the zero)."""
    digits = _NON_DIGIT.sub("", (raw or "").split("-", 1)[0])
    if len(digits) == 4:
        digits = "0" + digits
    return digits[:5] if len(digits) >= 5 else ""


def street_key(raw: str) -> str:
    """Lower case, punctuation gone, common words abbreviated: "12 North Main Street." -> "12 n main st"."""
    text = _NON_ALNUM.sub(" ", fold(raw or ""))
    words = [_STREET_WORDS.get(w, w) for w in text.split()]
    return " ".join(w for w in words if w)


def soundex(name: str) -> str:
    """American Soundex of a folded name ("robert" -> "R163"); "" for no letters."""
    return _soundex(name)


_SOUNDEX_CODES = {c: d for d, letters in
                  (("1", "bfpv"), ("2", "cgjkqsxz"), ("3", "dt"), ("4", "l"), ("5", "mn"), ("6", "r"))
                  for c in letters}  # fmt: skip


@lru_cache(maxsize=65536)
def _soundex(name: str) -> str:
    if not name:
        return ""
    first = name[0]
    out = [first.upper()]
    last = _SOUNDEX_CODES.get(first, "")
    for c in name[1:]:
        code = _SOUNDEX_CODES.get(c, "")
        if code and code != last:
            out.append(code)
            if len(out) == 4:
                break
        if c not in "hw":
            last = code
    return "".join(out).ljust(4, "0")


def text_key(raw: str) -> str:
    """Folded words without punctuation, single-spaced: for group names and free text."""
    return _SPACES.sub(" ", _NON_ALNUM.sub(" ", fold(raw or ""))).strip()


def website_key(raw: str) -> str:
    """A site's host without scheme, "www." or trailing path: "https://www.Example.org/about" -> "example.org"."""
    text = (raw or "").strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    host = text.split("/", 1)[0].split("?", 1)[0]
    return host.removeprefix("www.")
