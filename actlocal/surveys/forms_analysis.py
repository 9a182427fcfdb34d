"""The analysis page's GET forms: filters, and which crosstab to draw. Hostile input gives a message."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actlocal.core.models_area import AreaType, Lean
from actlocal.core.places import state_choices
from actlocal.directory.models import Person
from actlocal.surveys.analysis.counts import Filters
from actlocal.surveys.analysis.dimensions import dimension_choices
from actlocal.surveys.models import AnswerTally, Choice, Survey

ALL = [("", _("All"))]


class AnalysisFilterForm(forms.Form):
    area_type = forms.ChoiceField(label=_("Area type"), required=False, choices=ALL + list(AreaType.choices))
    lean = forms.ChoiceField(label=_("Partisan lean"), required=False, choices=ALL + list(Lean.choices))
    state = forms.ChoiceField(label=_("State"), required=False)
    leader_type = forms.ChoiceField(
        label=_("Leader type"), required=False, choices=ALL + list(Person.LeaderType.choices)
    )
    source = forms.ChoiceField(
        label=_("How it was collected"),
        required=False,
        choices=ALL + [("online", _("online")), ("paper", _("paper form")), ("event", _("at an event"))],
    )
    event = forms.TypedChoiceField(label=_("Event"), required=False, coerce=int, empty_value=None)
    answered = forms.TypedChoiceField(
        label=_("Only respondents who answered"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = ALL + list(state_choices())
        from actlocal.events.models import Event

        # From the tallies, not the responses: a few rows instead of a join over every response.
        event_ids = (
            AnswerTally.objects.filter(question__survey=survey, bucket="", event_id__gt=0)
            .values_list("event_id", flat=True)
            .distinct()
        )
        events = Event.objects.filter(pk__in=list(event_ids[:200])).order_by("starts_at")
        self.fields["event"].choices = ALL + [(e.pk, e.title) for e in events[:200]]
        language = get_language() or "en"
        groups = []
        for question in survey.questions.filter(kind__in=["single", "multiple"]).prefetch_related("choices"):
            groups.append(
                (
                    question.localized_text(language),
                    [(c.pk, c.localized_label(language)) for c in question.choices.all()],
                )
            )
        self.fields["answered"].choices = ALL + groups

    def filters(self) -> Filters:
        """The valid filters; a field that failed validation is left out (the page lists its error)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Filters(
            area_type=data.get("area_type") or "",
            lean=data.get("lean") or "",
            state=data.get("state") or "",
            leader_type=data.get("leader_type") or "",
            source=data.get("source") or "",
            event=data.get("event"),
            answered_choice=data.get("answered"),
        )


class CrosstabForm(forms.Form):
    question = forms.TypedChoiceField(label=_("Question"), coerce=int)
    by = forms.ChoiceField(label=_("By"))

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["question"].choices = [
            (q.pk, q.localized_text(language))
            for q in survey.questions.exclude(kind__in=["short_text", "long_text"])
        ]
        self.fields["by"].choices = dimension_choices(survey)


def answered_choice_label(choice_id: int | None) -> str:
    if choice_id is None:
        return ""
    choice = Choice.objects.select_related("question").filter(pk=choice_id).first()
    return choice.label if choice else ""
