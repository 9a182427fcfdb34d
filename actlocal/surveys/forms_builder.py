"""Forms of the survey builder: the survey's settings, a question with its choices, a headline finding."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.directory.models import Topic
from actlocal.surveys.models import Choice, Question, Survey
from actlocal.surveys.services.builder import ChoiceSpec

MAX_CHOICES = 40


def events_for_builder(user):
    """Events a survey may be attached to: the ones the user hosts; staff also any recent or upcoming."""
    from actlocal.events.models import Event

    qs = Event.objects.filter(hosts=user)
    if user.is_staff:
        qs = Event.objects.filter(Q(hosts=user) | Q(ends_at__gte=timezone.now() - timedelta(days=120)))
    return qs.distinct().order_by("-starts_at")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "title_es", "description", "audience", "anonymous", "one_per_person", "event"]
        labels = {"audience": _("Who may answer"), "event": _("Event (the survey is sent after it)")}

    def __init__(self, *args, user, require_event: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from actlocal.events.models import Event

        allowed = Q(pk__in=events_for_builder(user).values("pk")[:500])
        if self.instance.event_id:
            allowed |= Q(pk=self.instance.event_id)
        self.fields["event"].queryset = Event.objects.filter(allowed).order_by("-starts_at")
        self.fields["event"].required = require_event
        self.fields["description"].widget.attrs["rows"] = 3


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    text_es = forms.CharField(label=_("Question in Spanish"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    key = forms.SlugField(
        label=_("Short name"), max_length=60, required=False,
        help_text=_("Used in exports; made from the question if left empty."),
    )  # fmt: skip
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: English label | Spanish label | resource topic (optional), e.g. "
                    "“Data help | Ayuda con datos | data”."),
    )  # fmt: skip
    scale_min = forms.IntegerField(label=_("Scale from"), required=False, min_value=-10, max_value=10)
    scale_max = forms.IntegerField(label=_("Scale to"), required=False, min_value=-10, max_value=20)
    section = forms.CharField(label=_("Section (starts a new page)"), max_length=200, required=False)
    section_es = forms.CharField(label=_("Section in Spanish"), max_length=200, required=False)
    show_if_choice = forms.ModelChoiceField(
        label=_("Ask only if an earlier answer is"), queryset=Choice.objects.none(), required=False
    )
    context_field = forms.ChoiceField(
        label=_("The answer also gives"), choices=Question.ContextField.choices, required=False
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = survey.questions.filter(kind__in=["single", "multiple"])
        if question is not None:
            earlier = earlier.filter(position__lt=question.position)
        self.fields["show_if_choice"].queryset = Choice.objects.filter(question__in=earlier).select_related(
            "question"
        )
        self.fields["show_if_choice"].label_from_instance = lambda c: f"{c.question.text[:60]} = {c.label}"
        self.survey = survey

    def clean_choices(self) -> list[ChoiceSpec]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
        if len(lines) > MAX_CHOICES:
            raise forms.ValidationError(_("At most %(n)s choices.") % {"n": MAX_CHOICES})
        topics = {t.slug: t for t in Topic.objects.all()}
        specs, errors = [], []
        for number, line in enumerate(lines, start=1):
            parts = [p.strip() for p in line.split("|")]
            label, label_es, topic = (parts + ["", "", ""])[:3]
            if not label or len(label) > 200 or len(label_es) > 200:
                errors.append(_("Line %(n)s: a label of 1 to 200 characters is needed.") % {"n": number})
                continue
            if topic and topic not in topics:
                errors.append(
                    _("Line %(n)s: no resource topic is called “%(t)s”.") % {"n": number, "t": topic[:40]}
                )
                continue
            specs.append(ChoiceSpec(label=label, label_es=label_es, topic=topics.get(topic)))
        if errors:
            raise forms.ValidationError(errors)
        return specs

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["context_field"] = data.get("context_field") or ""
        data.pop("choices")
        data.pop("key")
        return data


def choices_as_text(question: Question) -> str:
    lines = []
    for c in question.choices.select_related("topic"):
        lines.append(f"{c.label} | {c.label_es} | {c.topic.slug if c.topic_id else ''}".rstrip(" |"))
    return "\n".join(lines)


def question_initial(question: Question) -> dict:
    return {
        "text": question.text, "text_es": question.text_es, "kind": question.kind, "key": question.key,
        "required": question.required, "choices": choices_as_text(question), "scale_min": question.scale_min,
        "scale_max": question.scale_max, "section": question.section, "section_es": question.section_es,
        "show_if_choice": question.show_if_choice_id, "context_field": question.context_field,
    }  # fmt: skip


class FindingForm(forms.Form):
    choice = forms.ModelChoiceField(label=_("The share who chose"), queryset=Choice.objects.none())
    statement = forms.CharField(
        label=_("Statement"), max_length=200, help_text=_("Reads after the figure: “73% (±2.1) …”.")
    )
    statement_es = forms.CharField(label=_("Statement in Spanish"), max_length=200, required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = Choice.objects.filter(
            question__survey=survey, question__kind__in=["single", "multiple"]
        ).select_related("question")
        self.fields["choice"].label_from_instance = lambda c: f"{c.question.text[:60]} = {c.label}"
