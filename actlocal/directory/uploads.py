"""Checks for files people upload: judged by their content, never by the name or type the browser claims.

A photo is re-encoded by Pillow (which drops EXIF data such as the GPS position a phone adds) and shrunk;
a resource file must be one of a few document types, and its extension must agree with its content, so a
``.pdf`` that is really a program or a web page is refused.
"""

from __future__ import annotations

import io
import posixpath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 800
RESOURCE_MAX_BYTES = 20 * 1024 * 1024

# Detected extension -> (MIME type, extensions an honest file of that type may carry).
RESOURCE_TYPES = {
    "pdf": ("application/pdf", {"pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", {"pptx"}),
    "png": ("image/png", {"png"}),
    "jpg": ("image/jpeg", {"jpg", "jpeg"}),
    "csv": ("text/csv", {"csv"}),
    "txt": ("text/plain", {"txt"}),
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, PPTX, CSV, TXT, PNG, JPEG"
# Markup that a browser would run if the file were ever opened inline.
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def _too_big(upload, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s; the limit is %(limit)s.")
        % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        code="too_big",
    )


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def clean_photo(upload) -> ContentFile:
    """A real image, at most 5 MB, returned as a JPEG no larger than 800 pixels a side."""
    if upload.size > PHOTO_MAX_BYTES:
        raise _too_big(upload, PHOTO_MAX_BYTES)
    data = _read(upload)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # catches truncated and corrupt files
        image = Image.open(io.BytesIO(data))
        if image.format not in {"JPEG", "PNG", "GIF", "WEBP"}:
            raise UnidentifiedImageError(image.format)
        # Decompression bombs: refuse absurd dimensions before decoding the pixels.
        if image.width * image.height > 40_000_000:
            raise UnidentifiedImageError("too many pixels")
        image = image.convert("RGB")
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can read. Upload a JPEG, PNG, GIF or WebP image."), code="image"
        ) from None
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)  # saving anew keeps no EXIF metadata
    return ContentFile(out.getvalue(), name="photo.jpg")


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    head = text[:2048].lstrip().lower().encode()
    return not any(marker in head for marker in _MARKUP)


def detect_resource_type(upload) -> tuple[str, str]:
    """``(extension, MIME type)`` of an allowed resource file, or a ValidationError that says why not."""
    if upload.size > RESOURCE_MAX_BYTES:
        raise _too_big(upload, RESOURCE_MAX_BYTES)
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    claimed = posixpath.splitext(upload.name or "")[1].lower().lstrip(".")
    data = _read(upload)
    kind = filetype.guess(data[:8192])
    detected = kind.extension if kind is not None else None
    if detected is None and claimed in {"csv", "txt"} and _looks_like_text(data):
        detected = claimed
    if detected not in RESOURCE_TYPES:
        raise ValidationError(
            _("This file's content is not one of the allowed types (%(types)s).") % {"types": ALLOWED_LABEL},
            code="file_type",
        )
    mime, honest_extensions = RESOURCE_TYPES[detected]
    if claimed not in honest_extensions:
        raise ValidationError(
            _("The file is named “.%(claimed)s” but its content is %(actual)s. Rename or re-export it.")
            % {"claimed": claimed or "?", "actual": detected.upper()},
            code="lying_extension",
        )
    if detected in {"png", "jpg"}:
        try:
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(_("This image file is damaged."), code="image") from None
    return detected, mime
