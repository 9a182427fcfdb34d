"""Which column holds what: automatic mapping from the headers of known exports, and per-row checks.

Headers are compared folded ("E-mail Address" -> "emailaddress"), so Action Network (``first_name``,
``can2_phone``), Mobilize (``First name``, ``Zip``), EveryAction/VAN (``VANID``, ``FirstName``, ``Zip5``)
and a hand-made spreadsheet ("Name", "Phone number") map without help; the mapping screen corrects the rest.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.imports.normalise import email_key, fold, phone_key, zip_key

IGNORE = ""

PEOPLE_FIELDS = {
    "external_id": gettext_lazy("ID in the source"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "full_name": gettext_lazy("Full name"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "street_address": gettext_lazy("Street address"),
    "zip_code": gettext_lazy("ZIP code"),
    "languages": gettext_lazy("Languages"),
    "pronouns": gettext_lazy("Pronouns"),
    "website": gettext_lazy("Website"),
    "group": gettext_lazy("Group (member of)"),
}
GROUP_FIELDS = {
    "external_id": gettext_lazy("ID in the source"),
    "name": gettext_lazy("Group name"),
    "website": gettext_lazy("Website"),
    "contact_email": gettext_lazy("Contact e-mail"),
    "contact_phone": gettext_lazy("Contact phone"),
    "zip_code": gettext_lazy("ZIP code"),
    "mission": gettext_lazy("Mission"),
    "meeting_times": gettext_lazy("Meeting times"),
}
EVENT_FIELDS = {
    "external_id": gettext_lazy("ID in the source"),
    "title": gettext_lazy("Title"),
    "starts_at": gettext_lazy("Starts"),
    "ends_at": gettext_lazy("Ends"),
    "venue_name": gettext_lazy("Venue"),
    "street_address": gettext_lazy("Street address"),
    "zip_code": gettext_lazy("ZIP code"),
    "description": gettext_lazy("Description"),
}
RSVP_FIELDS = {
    "external_id": gettext_lazy("ID in the source"),
    "event": gettext_lazy("Event (its ID in this source, or its address name)"),
    "email": gettext_lazy("E-mail"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "phone": gettext_lazy("Phone"),
    "zip_code": gettext_lazy("ZIP code"),
    "status": gettext_lazy("Status (confirmed, waitlisted, cancelled)"),
    "attended": gettext_lazy("Attended (yes/no)"),
}
FIELDS = {"people": PEOPLE_FIELDS, "groups": GROUP_FIELDS, "events": EVENT_FIELDS, "rsvps": RSVP_FIELDS}

_SYNONYMS = {
    "external_id": "id uuid vanid van id voterfileid personid userid mobilizeid mobilizeuserid actionnetworkid "
    "anid contactid recordid identifier",
    "first_name": "firstname first givenname fname forename nombre",
    "last_name": "lastname last surname familyname lname apellido apellidos",
    "full_name": "name fullname contactname personname nombrecompleto",
    "email": "email emailaddress mail correo correoelectronico primaryemail preferredemail useremail",
    "phone": "phone phonenumber telephone tel mobile mobilephone cell cellphone can2phone homephone "
    "preferredphone telefono",
    "street_address": "address streetaddress address1 addressline1 street can2useraddress homeaddress "
    "mailingaddress direccion",
    "zip_code": "zip zipcode zip5 postal postalcode postcode zippostal codigopostal can2userzip",
    "languages": "languages language languagesspoken idioma idiomas",
    "pronouns": "pronouns pronoun",
    "website": "website web url site homepage",
    "group": "group organization organisation org chapter groupname team",
}
_GROUP_SYNONYMS = {
    "external_id": _SYNONYMS["external_id"] + " groupid orgid",
    "name": "name groupname organization organisation org orgname chapter chaptername",
    "website": _SYNONYMS["website"],
    "contact_email": "contactemail email emailaddress mail",
    "contact_phone": "contactphone phone phonenumber telephone",
    "zip_code": _SYNONYMS["zip_code"],
    "mission": "mission missionstatement description about",
    "meeting_times": "meetingtimes meetings meets schedule",
}
_EVENT_SYNONYMS = {
    "external_id": _SYNONYMS["external_id"] + " eventid",
    "title": "title name eventname eventtitle",
    "starts_at": "start starts startdate startsat starttime startdatetime date begins timeslotstart",
    "ends_at": "end ends enddate endsat endtime enddatetime timeslotend",
    "venue_name": "venue location locationname venuename place",
    "street_address": _SYNONYMS["street_address"] + " venueaddress locationaddress",
    "zip_code": _SYNONYMS["zip_code"] + " venuezip locationzip",
    "description": "description details summary about",
}
_RSVP_SYNONYMS = {
    "external_id": "rsvpid attendeeid participationid signupid registrationid id",
    "event": "event eventid eventslug eventname",
    "email": _SYNONYMS["email"],
    "first_name": _SYNONYMS["first_name"],
    "last_name": _SYNONYMS["last_name"],
    "phone": _SYNONYMS["phone"],
    "zip_code": _SYNONYMS["zip_code"],
    "status": "status rsvpstatus attendancestatus",
    "attended": "attended checkedin attendance showedup",
}
SYNONYMS = {
    kind: {word: f for f, words in table.items() for word in words.split()}
    for kind, table in (("people", _SYNONYMS), ("groups", _GROUP_SYNONYMS), ("events", _EVENT_SYNONYMS),
                        ("rsvps", _RSVP_SYNONYMS))
}  # fmt: skip
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _header_key(header: str) -> str:
    return _NOT_LETTERS.sub("", fold(header))


def auto_map(headers: list[str], kind: str = "people") -> dict[str, str]:
    """{column index as text: field} for the headers we recognise; each field taken once, leftmost first."""
    synonyms = SYNONYMS[kind]
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        target = synonyms.get(_header_key(header))
        if target and target not in taken:
            mapping[str(index)] = target
            taken.add(target)
    return mapping


def mapping_errors(mapping: dict[str, str], kind: str) -> list[str]:
    """What makes a mapping unusable: the same field twice, or no column for a name."""
    errors = []
    fields = [f for f in mapping.values() if f]
    for name in sorted({f for f in fields if fields.count(f) > 1}):
        errors.append(_("Two columns are mapped to “%(field)s”.") % {"field": FIELDS[kind][name]})
    if kind == "people" and not ({"first_name", "full_name"} & set(fields)):
        errors.append(_("Map a column to “First name” or “Full name”."))
    if kind == "groups" and "name" not in fields:
        errors.append(_("Map a column to “Group name”."))
    if kind == "events" and not {"title", "starts_at"} <= set(fields):
        errors.append(_("Map a column to “Title” and one to “Starts”."))
    if kind == "rsvps" and not {"event", "email"} <= set(fields):
        errors.append(_("Map a column to “Event” and one to “E-mail”."))
    return errors


MAX_LENGTHS = {"title": 200, "venue_name": 200, "description": 20000, "event": 220, "first_name": 100, "last_name": 100, "street_address": 255, "languages": 200, "pronouns": 40,
               "website": 200, "group": 200, "external_id": 200, "name": 200, "mission": 4000,
               "meeting_times": 200}  # fmt: skip
_url = URLValidator(schemes=["http", "https"])


def compile_mapping(mapping: dict[str, str]) -> list[tuple[int, str]]:
    """[(column index, field)]: converted once per file, not once per row."""
    return [(int(index), target) for index, target in mapping.items() if target]


def row_values(cells: list[str], mapping) -> dict[str, str]:
    pairs = compile_mapping(mapping) if isinstance(mapping, dict) else mapping
    width = len(cells)
    return {target: cells[i].strip() for i, target in pairs if i < width}


def clean_row(cells: list[str], mapping, kind: str, width: int):
    """(clean values, [(field, value, message)]) for one row; no errors means it can be written."""
    values = row_values(cells, mapping)
    errors: list[tuple[str, str, str]] = []
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        errors.append(("", "", _("This row has %(count)s cells; the header has %(width)s.")
                       % {"count": len(cells), "width": width}))  # fmt: skip
    for name, value in values.items():
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            errors.append((name, value, _("Longer than %(limit)s characters.") % {"limit": limit}))
    {"people": _clean_person, "groups": _clean_group, "events": _clean_event, "rsvps": _clean_rsvp}[kind](
        values, errors
    )
    return values, errors


# The everyday shape of an address; anything else goes to Django's full validator. Checking the common
# case first saves most of the validation time on a million rows.
_PLAIN_EMAIL = re.compile(r"[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}", re.IGNORECASE)


def _check_email(values, name, errors):
    email = values.get(name, "")
    if email:
        if _PLAIN_EMAIL.fullmatch(email) and ".." not in email and not email.startswith("."):
            values[name] = email.lower()
            return
        try:
            validate_email(email)
            values[name] = email.lower()
        except ValidationError:
            errors.append((name, email, _("Not an e-mail address.")))


def _check_phone(values, name, errors):
    phone = values.get(name, "")
    if phone:
        key = phone_key(phone)
        if not key:
            errors.append((name, phone, _("Not a phone number.")))
        values[name] = key


def _check_zip(values, errors):
    raw = values.get("zip_code", "")
    if raw:
        key = zip_key(raw)
        if not key:
            errors.append(("zip_code", raw, _("Not a US ZIP code.")))
        values["zip_code"] = key


def _check_website(values, errors):
    site = values.get("website", "")
    if site:
        if not site.lower().startswith(("http://", "https://")):
            site = "https://" + site
        try:
            _url(site)
            values["website"] = site
        except ValidationError:
            errors.append(("website", values["website"], _("Not a web address.")))


def _clean_person(values, errors):
    full = values.pop("full_name", "").strip()
    if full and not values.get("first_name"):
        if "," in full:  # "Smith, Jane" as rosters write it
            last, _sep, first = full.partition(",")
        elif " " in full:
            first, _sep, last = full.rpartition(" ")
        else:
            first, last = full, ""
        values["first_name"] = first.strip()
        if not values.get("last_name"):
            values["last_name"] = last.strip()
    if not values.get("first_name"):
        errors.append(("first_name", "", _("A first name (or full name) is required.")))
    _check_email(values, "email", errors)
    _check_phone(values, "phone", errors)
    _check_zip(values, errors)
    _check_website(values, errors)


def _clean_group(values, errors):
    if not values.get("name"):
        errors.append(("name", "", _("A group name is required.")))
    _check_email(values, "contact_email", errors)
    _check_phone(values, "contact_phone", errors)
    _check_zip(values, errors)
    _check_website(values, errors)


def record_key(values: dict[str, str], kind: str) -> str:
    """The row's identity in its source: its own ID, else its e-mail, else a hash of its content.

    Content hashes make re-importing an ID-less spreadsheet change nothing, while an edited row counts
    as a new row (nothing else can tell which old row it was).
    """
    if values.get("external_id"):
        return values["external_id"]
    if kind == "rsvps":
        return f"rsvp:{values.get('event', '')}:{email_key(values.get('email', ''))}"
    email = email_key(values.get("email") or values.get("contact_email", ""))
    if email:
        return "email:" + email
    return "row:" + content_hash(values)


def values_json(values: dict[str, str]) -> str:
    """The row as stored (``SourceRecord.data``); also what ``content_hash`` is taken of."""
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def content_hash(values: dict[str, str], text: str | None = None) -> str:
    text = values_json(values) if text is None else text
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%m/%d/%Y %H:%M",
                 "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y", "%Y-%m-%d")  # fmt: skip


def parse_when(raw: str):
    """A naive datetime from the formats exports use (ISO, or US "MM/DD/YYYY HH:MM AM"); None if none fits."""
    from datetime import datetime

    text = raw.strip().removesuffix("Z")
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _clean_event(values, errors):
    if not values.get("title"):
        errors.append(("title", "", _("A title is required.")))
    for name in ("starts_at", "ends_at"):
        raw = values.get(name, "")
        if raw:
            when = parse_when(raw)
            if when is None:
                errors.append(
                    (name, raw, _("Not a date and time (use 2026-03-14 18:30 or 03/14/2026 6:30 PM)."))
                )
            else:
                values[name] = when.isoformat(timespec="minutes")
    if not values.get("starts_at") and not any(e[0] == "starts_at" for e in errors):
        errors.append(("starts_at", "", _("A start date and time is required.")))
    if values.get("ends_at") and values.get("starts_at") and values["ends_at"] < values["starts_at"]:
        errors.append(("ends_at", values["ends_at"], _("Ends before it starts.")))
    _check_zip(values, errors)


_STATUSES = {"": "confirmed", "confirmed": "confirmed", "yes": "confirmed", "going": "confirmed",
             "registered": "confirmed", "attending": "confirmed", "waitlisted": "waitlisted", "waitlist": "waitlisted",
             "cancelled": "cancelled", "canceled": "cancelled", "no": "cancelled", "declined": "cancelled"}  # fmt: skip
_YES = {"yes", "y", "true", "1", "attended", "checked in", "x"}


def _clean_rsvp(values, errors):
    if not values.get("event"):
        errors.append(("event", "", _("Which event? This column is empty.")))
    if not values.get("email"):
        errors.append(("email", "", _("An e-mail address is required to know who this is.")))
    _check_email(values, "email", errors)
    _check_phone(values, "phone", errors)
    _check_zip(values, errors)
    status = values.get("status", "").strip().lower()
    if status not in _STATUSES:
        errors.append(("status", values["status"], _("Use confirmed, waitlisted or cancelled.")))
    else:
        values["status"] = _STATUSES[status]
    if "attended" in values:
        values["attended"] = "yes" if values["attended"].strip().lower() in _YES else ""
