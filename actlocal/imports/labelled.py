"""A labelled test set for the matcher: people as three organizations' lists would hold them.

Deterministic for a seed. Each true person appears in one to three sources; each appearance may carry a
typo, a nickname, swapped first and last names, missing fields, a changed e-mail, another phone format,
lost accents or a ZIP+4. Different people share names (a common name in the same ZIP is not a duplicate).
``pairwise_scores`` gives precision, recall and F1 of predicted clusters against the truth.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from actlocal.imports.nicknames import _GROUPS

_FIRST_TEXT = """
María José Ana Luis Carmen Jesús Sofía Miguel Lucía Ramón Andrés Núñez Zoë Renée William Margaret
Robert Elizabeth James Patricia John Jennifer Michael Linda David Barbara Richard Susan Joseph
Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Sandra Mark
Ashley Donald Kimberly Steven Emily Paul Donna Andrew Michelle Joshua Carol Kenneth Amanda Kevin
Melissa Brian Deborah George Stephanie Timothy Rebecca Ronald Sharon Edward Laura Jason Cynthia
Jeffrey Kathleen Ryan Amy Jacob Angela Gary Shirley Nicholas Anna Eric Brenda Jonathan Pamela
Stephen Emma Larry Nicole Justin Helen Scott Samantha Brandon Katherine Benjamin Christine Samuel
Debra Gregory Rachel Alexander Carolyn Frank Janet Patrick Catherine Raymond Maria Jack Heather
Dennis Diane Jerry Ruth Tyler Julie Aaron Olivia Jose Joyce Adam Virginia Nathan Victoria Henry
Kelly Douglas Lauren Zachary Christina Peter Joan Kyle Evelyn Ethan Judith Walter Megan Noah Andrea
Jeremy Cheryl Christian Hannah Keisha DeShawn Aaliyah Tyrone Imani Jamal Mei Wei Hiroshi Priya Ravi
Fatima Omar Aisha Mohammed Nguyen Thi Minh Olu Chidi Ngozi
"""
FIRST = _FIRST_TEXT.split()
_LAST_TEXT = """
García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez
Díaz Reyes Morales Cruz Ortiz Gutiérrez Chávez Smith Johnson Williams Brown Jones Miller Davis
Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson
Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner
Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Peterson
Cooper Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James
Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Butler Barnes
Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton Graham Kim Wallace Cole West
Owens Hayes Bryant Gibson Ellis Stevens Murray Ford Marshall McDonald O'Brien Washington Freeman
Wells Webb Simpson Porter Hunter Hicks Crawford Boyd Mason Warren Dixon Ramos Burns Gordon Shaw
Holmes Rice Robertson Hunt Black Daniels Palmer Mills Nichols Grant Knight Ferguson Stone Hawkins
Dunn Perkins Hudson Spencer Gardner Stephens Payne Pierce Berry Matthews Arnold Wagner Willis Ray
Watkins Olson Carroll Duncan Snyder Hart Cunningham Bradley Lane Andrews Ruiz Harper Fox Riley
Armstrong Nguyen Tran Patel Shah Chen Wang Li Zhang Okafor Adeyemi Mensah Yamamoto Tanaka
"""
LAST = _LAST_TEXT.split()
_STREETS_TEXT = """
Main Oak Maple Cedar Pine Elm Washington Lake Hill Park Church Spring River Center Highland
Jefferson Lincoln Madison Franklin Jackson Willow Walnut Chestnut Sunset Broadway
"""
STREETS = _STREETS_TEXT.split()
SUFFIXES = ["Street", "Avenue", "Road", "Drive", "Lane", "Court", "Boulevard"]
DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com", "proton.me"]
FORMAL_TO_NICKS = {formal: nicks.split() for formal, nicks in _GROUPS.items()}
SOURCES = ("action_network", "mobilize", "everyaction")
COLUMNS = ("source", "source_id", "first_name", "last_name", "email", "phone", "zip_code", "street_address")


@dataclass(frozen=True)
class LabelledRow:
    truth: int
    source: str
    source_id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    zip_code: str
    street_address: str


def _strip_accents(text: str) -> str:
    from actlocal.imports.normalise import fold

    folded = fold(text)
    return folded.title() if text[:1].isupper() else folded


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # drop one
        return word[:i] + word[i + 1 :]
    if kind == 2:  # double one
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def _phone_format(rng: random.Random, digits: str) -> str:
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"1{a}{b}{c}",
                       f"{a}{b}{c}"])  # fmt: skip


def people(n: int, *, seed: int = 7) -> list[dict]:
    """``n`` distinct true people. Names repeat across people, as they do in a real population."""
    rng = random.Random(seed)
    zips = [f"{rng.randint(1000, 99950):05d}" for _ in range(max(20, n // 15))]
    used_emails: set[str] = set()
    out = []
    for truth in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        while True:
            local = rng.choice(
                [f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[:3]}", f"{last}.{first}"]
            )
            local = _strip_accents(local).lower().replace("'", "") + str(rng.randint(1, 9999))
            email = f"{local}@{rng.choice(DOMAINS)}"
            if email not in used_emails:
                used_emails.add(email)
                break
        out.append({
            "truth": truth,
            "first_name": first,
            "last_name": last,
            "email": email,
            "phone": f"{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}",
            "zip_code": rng.choice(zips),
            "street_address": f"{rng.randint(1, 9999)} {rng.choice(STREETS)} {rng.choice(SUFFIXES)}",
        })  # fmt: skip
    return out


def _appearance(rng: random.Random, person: dict, source: str, serial: int) -> LabelledRow:
    first, last = person["first_name"], person["last_name"]
    email, phone = person["email"], person["phone"]
    zip_code, street = person["zip_code"], person["street_address"]
    nicks = FORMAL_TO_NICKS.get(_strip_accents(first).lower())
    if nicks and rng.random() < 0.25:
        first = rng.choice(nicks).title()
    if rng.random() < 0.08:
        first = _typo(rng, first)
    if rng.random() < 0.08:
        last = _typo(rng, last)
    if rng.random() < 0.15:
        first, last = _strip_accents(first), _strip_accents(last)
    if rng.random() < 0.05:
        first, last = first.upper(), last.upper()
    if rng.random() < 0.03:
        first, last = last, first
    if rng.random() < 0.08:  # a new address since the other list was made
        email = f"{_strip_accents(first).lower()}{rng.randint(10, 99999)}@{rng.choice(DOMAINS)}"
    elif rng.random() < 0.05:
        email = email.upper()
    if rng.random() < 0.10:
        email = ""
    phone = "" if rng.random() < 0.30 else _phone_format(rng, phone)
    if rng.random() < 0.05:
        zip_code = ""
    elif rng.random() < 0.10:
        zip_code = f"{zip_code}-{rng.randint(1000, 9999)}"
    if rng.random() < 0.45:
        street = ""
    elif rng.random() < 0.2:
        street = street.replace("Street", "St.").replace("Avenue", "Ave").upper()
    return LabelledRow(person["truth"], source, f"{source[:2].upper()}{serial:07d}", first, last, email, phone,
                       zip_code, street)  # fmt: skip


def rows(n_people: int, *, seed: int = 7) -> list[LabelledRow]:
    """Every source's rows for ``n_people`` true people, shuffled within each source."""
    rng = random.Random(seed + 1)
    out: list[LabelledRow] = []
    serial = 0
    chance = {"action_network": 0.7, "mobilize": 0.6, "everyaction": 0.5}
    for person in people(n_people, seed=seed):
        chosen = [s for s in SOURCES if rng.random() < chance[s]] or [rng.choice(SOURCES)]
        for source in chosen:
            serial += 1
            out.append(_appearance(rng, person, source, serial))
    rng.shuffle(out)
    return out


def pairwise_scores(truth: list[int], predicted: list[int]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of records: a pair is positive when in one cluster."""

    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    true_pairs = pairs(Counter(truth))
    predicted_pairs = pairs(Counter(predicted))
    both = pairs(Counter(zip(truth, predicted, strict=True)))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": true_pairs,
            "predicted_pairs": predicted_pairs}  # fmt: skip
