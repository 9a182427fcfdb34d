"""The county reference table (area type and partisan lean per county), edited and loaded by staff.

Responses copy their county's area type and lean when they are submitted, so a change here applies to
answers that come later; ``county_profile_update`` can re-apply it to earlier answers and their tallies.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.models import CountyProfile
from actlocal.core.models_area import AreaType, Lean
from actlocal.core.places import is_state
from actlocal.surveys.models import Response
from actlocal.surveys.services.tallies import tally_rebuild

COLUMNS = ("state", "county", "area_type", "lean", "source", "year")
MAX_BYTES = 2 * 1024 * 1024


@dataclass
class ProfileImport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _check(state: str, county: str, area_type: str, lean: str, source: str, year: str) -> list[str]:
    problems = []
    if not is_state(state):
        problems.append(_("“%(value)s” is not a state abbreviation.") % {"value": state[:10]})
    if not county or len(county) > 100:
        problems.append(_("a county name of 1 to 100 characters is needed."))
    if area_type not in AreaType.values:
        problems.append(_("area type must be rural, suburban or urban."))
    if lean not in Lean.values:
        problems.append(_("lean must be blue, purple or red."))
    if not source or len(source) > 200:
        problems.append(_("a source of 1 to 200 characters is needed."))
    if not (year.isdigit() and 1900 <= int(year) <= 2100):
        problems.append(_("year must be a year such as 2016."))
    return problems


@transaction.atomic
def county_profile_update(*, actor, profile: CountyProfile, area_type: str, lean: str, source: str, year: int,
                          reapply: bool = False) -> CountyProfile:  # fmt: skip
    problems = _check(profile.state, profile.county, area_type, lean, source, str(year))
    if problems:
        from django.core.exceptions import ValidationError

        raise ValidationError(problems)
    before = {
        "area_type": profile.area_type,
        "lean": profile.lean,
        "source": profile.source,
        "year": profile.year,
    }
    profile.area_type, profile.lean, profile.source, profile.year = area_type, lean, source, year
    profile.save()
    changes = {"before": before, "reapplied": 0}
    if reapply:
        responses = Response.objects.filter(
            state=profile.state, county=profile.county, submitted_at__isnull=False
        )
        surveys = set(responses.values_list("survey_id", flat=True).distinct())
        changes["reapplied"] = responses.update(area_type=area_type, lean=lean)
        for survey_id in surveys:
            tally_rebuild(survey_id=survey_id)
    audit_log(action="county_profile.update", actor=actor, target=profile, changes=changes)
    return profile


@transaction.atomic
def county_profiles_import(*, actor, content: bytes) -> ProfileImport:
    """Upsert rows of state,county,area_type,lean,source,year; each bad row named, good rows kept."""
    report = ProfileImport()
    if len(content) > MAX_BYTES:
        report.errors.append(_("The file is larger than 2 MB."))
        return report
    best = from_bytes(content).best()
    text = (str(best) if best is not None else content.decode("utf-8", errors="replace")).lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.errors.append(
            _("The first row must name these columns: %(columns)s (missing: %(missing)s).")
            % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)}
        )
        return report
    reader.fieldnames = header
    good: dict[tuple[str, str], dict] = {}
    for number, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        values["state"] = values["state"].upper()
        values["area_type"], values["lean"] = values["area_type"].lower(), values["lean"].lower()
        problems = _check(*(values[c] for c in COLUMNS))
        if problems:
            report.errors += [_("Row %(row)s: %(problem)s") % {"row": number, "problem": p} for p in problems]
            continue
        good[(values["state"], values["county"])] = values
    existing = {
        (p.state, p.county): p
        for p in CountyProfile.objects.filter(
            state__in={s for s, _c in good}, county__in={c for _s, c in good}
        )
    }
    for key, values in good.items():
        profile = existing.get(key)
        if profile is None:
            CountyProfile.objects.create(**{**values, "year": int(values["year"])})
            report.created += 1
        else:
            for name in ("area_type", "lean", "source"):
                setattr(profile, name, values[name])
            profile.year = int(values["year"])
            profile.save()
            report.updated += 1
    audit_log(action="county_profile.import", actor=actor,
              changes={"created": report.created, "updated": report.updated, "errors": len(report.errors)})  # fmt: skip
    return report
