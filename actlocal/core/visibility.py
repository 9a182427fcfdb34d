"""One visibility rule per field, used by HTML, API, search, exports and feeds alike.

A model lists its private fields and, for each, the field that holds that field's visibility::

    class Person(VisibilityMixin, models.Model):
        email = models.EmailField(blank=True)
        email_visibility = VisibilityField(default=Visibility.STAFF, floor=Visibility.MEMBERS)
        VISIBILITY = {"email": "email_visibility", "bio": "bio_visibility"}

Every reader asks ``can_view(obj, "email", viewer)``, ``visible_value(...)``, ``visible_fields(...)`` or,
for a query over many rows, ``visible_q(...)``. Nothing renders, serialises, indexes, exports or feeds a
listed field any other way.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Network members")
    STAFF = "staff", _("Network staff")
    PRIVATE = "private", _("Only me")


# A viewer of rank N sees fields whose level has rank <= N.
RANK = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.STAFF: 2, Visibility.PRIVATE: 3}
OWNER_RANK = 3
LEVELS_BY_RANK = sorted(RANK, key=RANK.__getitem__)


class VisibilityField(models.CharField):
    """Holds one field's visibility. ``floor`` is the most open level allowed (e-mail is never public)."""

    def __init__(self, *args, floor: str = Visibility.PUBLIC, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("choices", Visibility.choices)
        kwargs.setdefault("default", Visibility.MEMBERS)
        self.floor = floor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.floor != Visibility.PUBLIC:
            kwargs["floor"] = self.floor
        # choices and max_length are implied
        kwargs.pop("choices", None)
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def allowed_levels(self) -> list[tuple[str, str]]:
        return [(value, label) for value, label in Visibility.choices if RANK[value] >= RANK[self.floor]]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in RANK and RANK[value] < RANK[self.floor]:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                _("This field cannot be more open than “%(floor)s”."),
                params={"floor": Visibility(self.floor).label},
            )


def audience_rank(viewer) -> int:
    """What any viewer is, before ownership: the public, a network member, or staff."""
    if viewer is None or not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return RANK[Visibility.PUBLIC]
    if viewer.is_staff:
        return RANK[Visibility.STAFF]
    if getattr(viewer, "is_member", False):
        return RANK[Visibility.MEMBERS]
    return RANK[Visibility.PUBLIC]


class VisibilityMixin:
    """Models with private fields declare ``VISIBILITY`` and, when a person owns the record, the field
    that names the owning user (``VISIBILITY_OWNER``)."""

    VISIBILITY: dict[str, str] = {}
    VISIBILITY_OWNER: str | None = None

    def viewer_rank(self, viewer) -> int:
        if self.VISIBILITY_OWNER and viewer is not None and getattr(viewer, "is_authenticated", False):
            owner_id = getattr(self, f"{self.VISIBILITY_OWNER}_id", None)
            if owner_id is not None and owner_id == viewer.pk:
                return OWNER_RANK
        return audience_rank(viewer)


def field_level(obj: VisibilityMixin, field: str) -> str:
    try:
        return getattr(obj, obj.VISIBILITY[field])
    except KeyError:
        raise KeyError(f"{type(obj).__name__}.{field} has no visibility rule") from None


def can_view(obj: VisibilityMixin, field: str, viewer) -> bool:
    return RANK.get(field_level(obj, field), OWNER_RANK) <= obj.viewer_rank(viewer)


def visible_value(obj: VisibilityMixin, field: str, viewer, default: Any = None) -> Any:
    return getattr(obj, field) if can_view(obj, field, viewer) else default


def visible_fields(obj: VisibilityMixin, viewer, fields: list[str] | None = None) -> dict[str, Any]:
    """The subset of ``fields`` (default: every listed field) this viewer may see, with values."""
    rank = obj.viewer_rank(viewer)
    out = {}
    for field in fields if fields is not None else obj.VISIBILITY:
        if RANK.get(field_level(obj, field), OWNER_RANK) <= rank:
            out[field] = getattr(obj, field)
    return out


def visible_q(model: type[VisibilityMixin], field: str, viewer, *, prefix: str = "") -> Q:
    """Rows of ``model`` whose ``field`` this viewer may see: for search, filters, exports and maps."""
    level_field = prefix + model.VISIBILITY[field]
    rank = audience_rank(viewer)
    q = Q(**{f"{level_field}__in": [lvl.value for lvl in LEVELS_BY_RANK if RANK[lvl] <= rank]})
    if model.VISIBILITY_OWNER and viewer is not None and getattr(viewer, "is_authenticated", False):
        q |= Q(**{f"{prefix}{model.VISIBILITY_OWNER}_id": viewer.pk})
    return q
