"""The same engine for partner groups: "Madison Neighbors United" entered by two organizations.

Blocks: website host, contact e-mail, phone, and the first two significant words of the name. Scores:
name similarity (token set ratio, so "Neighbors United of Madison" meets "Madison Neighbors United"),
then website, e-mail, phone and ZIP agreement.
"""

from __future__ import annotations

from rapidfuzz.fuzz import token_set_ratio

from actlocal.imports.normalise import email_key, phone_key, text_key, website_key, zip_key

AUTO_MERGE = 9.0
REVIEW = 5.0
_STOP = {"the", "of", "and", "for", "a", "de", "la", "el", "los", "las", "y", "inc", "group", "chapter"}
_FREE_MAIL = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com"}


class GroupRecord:
    __slots__ = ("ref", "name", "website", "email", "phone", "zip", "existing")

    def __init__(self, ref, *, name="", website="", email="", phone="", zip_code="", existing=False):
        self.ref = ref
        self.name = text_key(name)
        self.website = website_key(website)
        self.email = email_key(email)
        self.phone = phone_key(phone)
        self.zip = zip_key(zip_code)
        self.existing = existing

    @property
    def sort_key(self) -> tuple[str, str]:
        return self.name, self.zip

    def block_keys(self) -> list[str]:
        keys = []
        if self.website and self.website.split(".", 1)[-1] not in {"facebook.com", "com"}:
            keys.append("w" + self.website)
        if self.email:
            keys.append("e" + self.email)
        if self.phone:
            keys.append("p" + self.phone)
        words = [w for w in self.name.split() if w not in _STOP]
        if words:
            keys.append("n" + " ".join(sorted(words[:3])[:2]))
        return keys


def compare_groups(a: GroupRecord, b: GroupRecord) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    similarity = token_set_ratio(a.name, b.name) if a.name and b.name else 0
    if a.name == b.name and a.name:
        score, reasons = 7.0, ["same name"]
    elif similarity >= 95:
        score, reasons = 6.0, ["nearly the same name"]
    elif similarity >= 85:
        score, reasons = 3.5, ["similar name"]
    else:
        score, reasons = -4.0, ["different name"]
    if a.website and b.website:
        same = a.website == b.website
        score += 5.0 if same else -1.0
        reasons.append("same website" if same else "different website")
    if a.email and b.email:
        same = a.email == b.email
        # A shared free-mail address says less than an organization's own domain.
        score += (3.0 if a.email.rsplit("@", 1)[-1] in _FREE_MAIL else 5.0) if same else -0.5
        reasons.append("same e-mail" if same else "different e-mail")
    if a.phone and b.phone:
        same = a.phone == b.phone
        score += 4.0 if same else -0.5
        reasons.append("same phone" if same else "different phone")
    if a.zip and b.zip:
        same = a.zip == b.zip
        score += 2.0 if same else -3.0
        reasons.append("same ZIP" if same else "different ZIP")
    return round(score, 2), reasons
