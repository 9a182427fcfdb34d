"""What a crosstab can be "by": the response's area context, or another question of the survey."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from actlocal.core.models_area import AreaType, Lean
from actlocal.core.places import state_name
from actlocal.directory.models import Person
from actlocal.surveys.models import Question, Survey

SOURCES = {
    "online": gettext_lazy("online"),
    "paper": gettext_lazy("paper form"),
    "event": gettext_lazy("at an event"),
}


@dataclass
class Dimension:
    key: str
    label: str
    group_by: str | Question
    overlapping: bool = False

    def columns(self, *, present: set) -> list[tuple[object, str]]:
        """Columns in a stable, meaningful order; an "unknown" column only when some answers have none."""
        known = self._known()
        out = [(k, label) for k, label in known if k in present]
        listed = {k for k, _label in known}
        for k in sorted((k for k in present if k not in listed), key=lambda k: str(k)):
            out.append((k, self._label_for(k)))
        return out

    def _known(self) -> list[tuple[object, str]]:
        if self.key == "area_type":
            return list(AreaType.choices)
        if self.key == "lean":
            return list(Lean.choices)
        if self.key == "leader_type":
            return list(Person.LeaderType.choices)
        if isinstance(self.group_by, Question):
            language = get_language() or "en"
            return [(c.pk, c.localized_label(language)) for c in self.group_by.choices.all()]
        return []

    def _label_for(self, key) -> str:
        if key in ("", None):
            return _("unknown")
        if self.key == "state":
            return state_name(key) or key
        if self.key == "source":
            return str(SOURCES.get(key, key))
        if self.key == "event":
            from actlocal.events.models import Event

            event = Event.objects.filter(pk=key).only("title").first()
            return event.title if event else str(key)
        return str(key)


def dimension_choices(survey: Survey) -> list[tuple[str, str]]:
    """Everything the crosstab form offers for this survey, as (key, label)."""
    language = get_language() or "en"
    options = [
        ("area_type", _("Area type")),
        ("lean", _("Partisan lean")),
        ("state", _("State")),
        ("leader_type", _("Leader type")),
        ("event", _("Event")),
        ("source", _("How it was collected")),
    ]
    for question in survey.questions.all():
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            options.append((f"q{question.pk}", question.localized_text(language)))
    return options


def dimension_for(survey: Survey, key: str) -> Dimension | None:
    """The dimension ``key`` names for this survey, or None when it names nothing (tampered input)."""
    labels = {
        "area_type": _("area type"),
        "lean": _("partisan lean"),
        "state": _("state"),
        "leader_type": _("leader type"),
        "event": _("event"),
        "source": _("how it was collected"),
    }
    if key in labels:
        return Dimension(key=key, label=str(labels[key]), group_by=key)
    if key.startswith("q") and key[1:].isdigit():
        question = survey.questions.filter(pk=int(key[1:]), kind__in=["single", "multiple"]).first()
        if question is not None:
            return Dimension(
                key=key,
                label=_("the answer to “%(question)s”")
                % {"question": question.localized_text(get_language() or "en")},
                group_by=question,
                overlapping=question.kind == Question.Kind.MULTIPLE,
            )
    return None
