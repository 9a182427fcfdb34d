"""Finding the same person in several lists: blocking, a scored comparison, clusters.

1. **Blocking**: each record gets a few keys (normalised e-mail, E.164 phone, ZIP + Soundex of a name +
   the other name's initial, both ways round so swapped names meet, and the full canonical name). Only
   records sharing a key are compared, so the work grows with the number of records, not its square.
   An oversized block (a shared office phone, "John Smith" with no ZIP) is compared as a sorted
   neighbourhood: each record against its next few, never all against all.
2. **Scoring**: Fellegi–Sunter style log-likelihood weights per field (agreement adds the field's
   weight, disagreement subtracts; a missing value adds nothing), with Jaro–Winkler similarity from
   ``rapidfuzz`` for names and nicknames folded to a formal name ("Peggy" = "Margaret").
3. **Decision**: a score at or above ``AUTO_MERGE`` links the pair; between ``REVIEW`` and ``AUTO_MERGE``
   it goes to a person's review queue with its reasons; below, nothing.
4. **Clusters**: union-find over linked pairs. Two clusters that each hold a record already in the
   database are never joined automatically (that would merge two existing people): that pair is queued.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from sys import intern

from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from actlocal.imports.nicknames import NICKNAMES
from actlocal.imports.normalise import (
    email_key,
    first_name_key,
    name_key,
    phone_key,
    soundex,
    street_key,
    zip_key,
)

AUTO_MERGE = 9.5
REVIEW = 7.5
BLOCK_LIMIT = 40  # blocks larger than this are compared as a sorted neighbourhood
WINDOW = 8

# (agree, disagree) weights: log2(m/u) and log2((1-m)/(1-u)), rounded, from how often each field agrees
# for true matches (m) and for random pairs within a block (u). E-mail disagreement is weak evidence
# because people change addresses between lists; a ZIP disagrees when people move.
W_EMAIL = (8.0, -0.5)
W_PHONE = (7.0, -1.5)
W_FIRST = (3.0, -3.5)
W_LAST = (4.0, -4.5)
W_ZIP = (3.0, -1.5)
W_STREET = (3.0, -0.5)


class PersonRecord:
    """One row of one list (or one person already in the database), reduced to its matching keys."""

    __slots__ = ("ref", "email", "phone", "first", "first_plain", "last", "zip", "street", "existing")

    def __init__(self, ref, *, first_name="", last_name="", email="", phone="", zip_code="", street="",
                 existing=False):  # fmt: skip
        self.ref = ref
        self.email = email_key(email)
        self.phone = phone_key(phone)
        # Interned: a million records share a few thousand names and ZIPs, so each is stored once.
        self.first = intern(first_name_key(first_name))
        self.first_plain = intern(name_key(first_name.split(" ", 1)[0])) if first_name else ""
        self.last = intern(name_key(last_name))
        self.zip = intern(zip_key(zip_code))
        self.street = street_key(street)
        self.existing = existing

    @property
    def sort_key(self) -> tuple[str, str]:
        return self.last, self.first

    def block_keys(self) -> list[str]:
        keys = []
        if self.email:
            keys.append("e" + self.email)
        if self.phone:
            keys.append("p" + self.phone)
        first, last = self.first, self.last
        if first and last:
            keys.append(f"n{first}|{last}")
            if self.zip:
                keys.append(f"z{self.zip}{soundex(last)}{first[0]}")
                keys.append(f"z{self.zip}{soundex(first)}{last[0]}")  # meets its swapped-name twin
        elif last and self.zip:
            keys.append(f"z{self.zip}{soundex(last)}")
        return keys


def _name_score(a: str, b: str, weights: tuple[float, float]) -> tuple[float, str]:
    if not a or not b:
        return 0.0, ""
    if a == b:
        return weights[0], "same"
    similarity = JaroWinkler.normalized_similarity(a, b)
    if similarity >= 0.92:
        return weights[0] * 0.9, "similar"
    if similarity >= 0.85:
        return weights[0] * 0.3, "similar"
    return weights[1], "different"


def _close(x: str, y: str) -> bool:
    return bool(x and y) and (x == y or JaroWinkler.normalized_similarity(x, y) >= 0.85)


def _swapped(a: PersonRecord, b: PersonRecord) -> bool:
    """First and last name entered the wrong way round, maybe with a nickname or typo as well."""
    return (_close(a.first_plain, b.last) or _close(a.first, NICKNAMES.get(b.last, b.last))) and (
        _close(a.last, b.first_plain) or _close(NICKNAMES.get(a.last, a.last), b.first)
    )


def compare(a: PersonRecord, b: PersonRecord) -> tuple[float, list[str]]:
    """The pair's score and its reasons ("same e-mail", "similar last name", "different ZIP")."""
    score = 0.0
    reasons: list[str] = []
    for key, weights, label in (("email", W_EMAIL, "e-mail"), ("phone", W_PHONE, "phone")):
        x, y = getattr(a, key), getattr(b, key)
        if x and y:
            agree = x == y
            score += weights[0] if agree else weights[1]
            reasons.append(f"{'same' if agree else 'different'} {label}")
    first_score, first_word = _name_score(a.first, b.first, W_FIRST)
    last_score, last_word = _name_score(a.last, b.last, W_LAST)
    if first_word == last_word == "different" and _swapped(a, b):
        first_score, last_score = W_FIRST[0] * 0.95, W_LAST[0] * 0.95
        reasons.append("same names, swapped")
    else:
        if first_word:
            reasons.append(f"{first_word} first name")
        if last_word:
            reasons.append(f"{last_word} last name")
    score += first_score + last_score
    if a.zip and b.zip:
        agree = a.zip == b.zip
        score += W_ZIP[0] if agree else W_ZIP[1]
        reasons.append("same ZIP" if agree else "different ZIP")
    if a.street and b.street:
        agree = a.street == b.street or ratio(a.street, b.street) >= 90
        score += W_STREET[0] if agree else W_STREET[1]
        reasons.append("same street address" if agree else "different street address")
    reasons_key = tuple(reasons)
    # The same few dozen combinations of reasons recur: one shared list each, not one per pair.
    return round(score, 2), _REASONS.setdefault(reasons_key, reasons)


_REASONS: dict[tuple[str, ...], list[str]] = {}


@dataclass
class MatchResult:
    """``cluster[i]`` is the cluster number of record i; ``review`` holds (i, j, score, reasons)."""

    cluster: list[int]
    linked: list[tuple[int, int, float, list[str]]] = field(default_factory=list)
    review: list[tuple[int, int, float, list[str]]] = field(default_factory=list)
    comparisons: int = 0


def candidate_pairs(records: Sequence) -> Iterable[tuple[int, int]]:
    """Each pair sharing a block key, once, lower index first."""
    # Keys are kept as their hash and a block of one as a bare index: at a million records the key
    # strings and one-element lists would take more memory than the records themselves.
    blocks: dict[int, int | list[int]] = {}
    for i, record in enumerate(records):
        for key in record.block_keys():
            h = hash(key)
            found = blocks.get(h)
            if found is None:
                blocks[h] = i
            elif type(found) is int:
                if found != i:
                    blocks[h] = [found, i]
            elif found[-1] != i:
                found.append(i)
    n = len(records)
    seen: set[int] = set()
    for members in blocks.values():
        if type(members) is int:
            continue
        size = len(members)
        if size <= BLOCK_LIMIT:
            pairs = ((members[x], members[y]) for x in range(size) for y in range(x + 1, size))
        else:
            ordered = sorted(members, key=lambda i: (records[i].sort_key, i))
            pairs = (
                (ordered[x], ordered[y]) for x in range(size) for y in range(x + 1, min(size, x + 1 + WINDOW))
            )
        for i, j in pairs:
            if i > j:
                i, j = j, i
            code = i * n + j
            if code not in seen:
                seen.add(code)
                yield i, j


def match(
    records: Sequence, *, auto: float = AUTO_MERGE, review: float = REVIEW, comparer=None
) -> MatchResult:
    """Cluster ``records``: pairs scoring ``auto`` or more are linked, ``review``..``auto`` queued.

    Any record type with ``block_keys()``, ``existing`` and a ``comparer`` works (groups use their own).
    """
    comparer = comparer or compare
    parent = list(range(len(records)))
    existing = [r.existing for r in records]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    result = MatchResult(cluster=[])
    scored: list[tuple[float, int, int, list[str]]] = []
    for i, j in candidate_pairs(records):
        result.comparisons += 1
        score, reasons = comparer(records[i], records[j])
        if score >= review:
            scored.append((score, i, j, reasons))
    # Strongest links first, so a weak link never blocks a strong one at the "two existing people" rule.
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    for score, i, j, reasons in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if score >= auto and not (existing[ri] and existing[rj]):
            if rj < ri:
                ri, rj = rj, ri
            parent[rj] = ri
            existing[ri] = existing[ri] or existing[rj]
            result.linked.append((i, j, score, reasons))
        else:
            result.review.append((i, j, score, reasons))
    result.cluster = [find(i) for i in range(len(records))]
    # A queued pair that ended up in one cluster through other links needs no decision.
    result.review = [p for p in result.review if result.cluster[p[0]] != result.cluster[p[1]]]
    return result
