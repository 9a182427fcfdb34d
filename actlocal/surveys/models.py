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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.slug])


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
    required = models.BooleanField(default=False)
    scale_min = models.SmallIntegerField(null=True, blank=True)
    scale_max = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique")]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    value = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    label_es = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="choice_value_unique")]

    def __str__(self) -> str:
        return self.label


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
