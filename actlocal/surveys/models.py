"""Surveys of participants, their answers, and the area context each response is analysed by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actlocal.core.models_area import AreaType, Lean


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Anyone with the link")
        MEMBERS = "members", _("Network members")

    title = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    anonymous = models.BooleanField(_("anonymous (store no identity)"), default=False)
    one_per_person = models.BooleanField(_("one answer per person"), default=True)
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A survey with answers is never edited in ways that break them: the builder copies it into a new
    # version instead, and the old one keeps its answers and its analysis.
    version = models.PositiveSmallIntegerField(default=1)
    previous_version = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_versions"
    )
    # When the link went to the event's attendees (once the event was over); sent once.
    sent_to_attendees_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.slug])

    def localized_title(self, language: str) -> str:
        return self.title_es if language == "es" and self.title_es else self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Rating scale")
        NUMBER = "number", _("Number")
        RANKING = "ranking", _("Ranking")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=60, help_text=_("A short stable name used in analysis and exports."))
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    text_es = models.CharField(_("question in Spanish"), max_length=500, blank=True)

    class ContextField(models.TextChoices):
        NONE = "", _("Nothing")
        ZIP_CODE = "zip_code", _("The respondent's ZIP code")
        AREA_TYPE = "area_type", _("The respondent's area type")
        LEAN = "lean", _("The respondent's partisan lean")

    required = models.BooleanField(default=False)
    scale_min = models.SmallIntegerField(null=True, blank=True)
    scale_max = models.SmallIntegerField(null=True, blank=True)
    section = models.CharField(_("section"), max_length=200, blank=True)
    section_es = models.CharField(_("section in Spanish"), max_length=200, blank=True)
    # Skip logic: ask this question only if the respondent chose ``show_if_choice`` (of an earlier question).
    show_if_choice = models.ForeignKey(
        "Choice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where the answer also fills the response's area context (the respondent's own account of their place).
    context_field = models.CharField(max_length=10, choices=ContextField.choices, blank=True, default="")

    class Meta:
        ordering = ["survey", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique")]

    def __str__(self) -> str:
        return self.text

    def localized_text(self, language: str) -> str:
        return self.text_es if language == "es" and self.text_es else self.text

    def localized_section(self, language: str) -> str:
        return self.section_es if language == "es" and self.section_es else self.section

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE, self.Kind.RANKING)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    value = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    label_es = models.CharField(max_length=200, blank=True)
    # Ties a need ("Training on the voter file") to the directory's resources on that topic (gap report).
    topic = models.ForeignKey(
        "directory.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_choices"
    )

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="choice_value_unique")]

    def __str__(self) -> str:
        return self.label

    def localized_label(self, language: str) -> str:
        return self.label_es if language == "es" and self.label_es else self.label


class Response(models.Model):
    """One person's answers. Area context is copied in at submission so analysis needs no joins."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    zip_code = models.CharField(max_length=5, blank=True)
    state = models.CharField(max_length=2, blank=True)
    county = models.CharField(max_length=100, blank=True)
    area_type = models.CharField(max_length=10, choices=AreaType.choices, blank=True)
    lean = models.CharField(max_length=10, choices=Lean.choices, blank=True)
    leader_type = models.CharField(max_length=20, blank=True)
    source = models.CharField(max_length=20, default="online")
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Nullable, not defaulted: adding them to a million rows on SQLite stays an ALTER TABLE, not a copy.
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Answers saved as the respondent goes, before submission: {question key: raw value(s)}. Answer rows
    # (what analysis reads) are written once, at submission.
    draft = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"Response {self.pk} to survey {self.survey_id}"


class Answer(models.Model):
    """One value; a multiple-choice answer is one row per chosen option."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return f"Answer {self.pk} to question {self.question_id}"


class Finding(models.Model):
    """A headline statement computed live: "73% (±2.1) name electing progressive leaders a priority".

    The share is of the respondents who answered ``question``; when that question is asked only of some
    (skip logic), the statement reads "of those, ...".
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")
    statement = models.CharField(_("statement"), max_length=200)
    statement_es = models.CharField(_("statement in Spanish"), max_length=200, blank=True)

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.statement

    def localized_statement(self, language: str) -> str:
        return self.statement_es if language == "es" and self.statement_es else self.statement


class AnswerTally(models.Model):
    """Answer counts per question, bucket and area context: what distributions and crosstabs sum.

    ``bucket`` is ``c<choice id>`` (a choice), ``c<choice id>r<rank>`` (a ranking), ``n<number>`` (a number
    or scale value), or "" (the respondent answered the question at all: the denominator). Kept by the
    services that write answers, rebuilt set-based by ``tally_rebuild``. Lets a million responses be
    analysed by area type, lean, state, leader type, source and event without touching the raw rows.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    bucket = models.CharField(max_length=40)
    area_type = models.CharField(max_length=10)
    lean = models.CharField(max_length=10)
    state = models.CharField(max_length=2)
    leader_type = models.CharField(max_length=20)
    source = models.CharField(max_length=20)
    event_id = models.IntegerField(default=0)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "question",
                    "bucket",
                    "area_type",
                    "lean",
                    "state",
                    "leader_type",
                    "source",
                    "event_id",
                ],
                name="answer_tally_cell_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.bucket or 'answered'}: {self.count}"
