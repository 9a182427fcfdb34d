"""Unique slugs for records made by services and importers: one rule for every app."""

from __future__ import annotations

from django.utils.text import slugify


def unique_slug(
    text: str,
    *,
    model,
    taken: set[str] | None = None,
    reserved=(),
    fallback: str = "item",
    max_length: int = 200,
) -> str:
    """``slugify(text)``, numbered (``-2``, ``-3``…) while ``model`` already has it, it is ``reserved`` (a
    page of its own in the URLs), or it is in ``taken`` (slugs handed out in this batch and not saved
    yet; updated)."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 1
    while (
        slug in reserved or (taken is not None and slug in taken) or model.objects.filter(slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    if taken is not None:
        taken.add(slug)
    return slug
