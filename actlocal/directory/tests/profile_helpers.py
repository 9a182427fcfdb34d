"""What the profile, group and resource tests share: a leader with a profile, image bytes."""

from __future__ import annotations

import io

from PIL import Image

from actlocal.directory.models import Person


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def make_leader_person(user, **fields) -> Person:
    defaults = {
        "first_name": "Lena",
        "last_name": "Leader",
        "email": user.email if user else "lena.private@example.org",
        "leader_type": Person.LeaderType.COMMUNITY,
        "zip_code": "53703",
        "city": "Madison",
        "state": "WI",
    }
    defaults.update(fields)
    return Person.objects.create(user=user, **defaults)


def read_streamed(response) -> bytes:
    """The body of a FileResponse, closing its file (``response.close()`` would also end the test's
    database connection through the request_finished signal)."""
    body = b"".join(response.streaming_content)
    for close in response._resource_closers:
        close()
    return body
