"""Area types and partisan lean: the lenses the alliance reads its data through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaType(models.TextChoices):
    RURAL = "rural", _("Rural")
    SUBURBAN = "suburban", _("Suburban")
    URBAN = "urban", _("Urban")


class Lean(models.TextChoices):
    BLUE = "blue", _("Blue")
    PURPLE = "purple", _("Purple")
    RED = "red", _("Red")
