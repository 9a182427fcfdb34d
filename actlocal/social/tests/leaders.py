"""Leaders with profiles, for the social and notification tests."""

from __future__ import annotations

from actlocal.directory.models import Person
from conftest import make_user


def make_leader(
    user,
    *,
    first_name: str,
    last_name: str = "Leader",
    zip_code="53703",
    city="Madison",
    state="WI",
    **fields,
):
    lat, lng = {"53703": (43.0775, -89.3831), "75201": (32.7876, -96.7994), "53711": (43.0345, -89.4567)}.get(
        zip_code, (None, None)
    )
    defaults = {
        "first_name": first_name,
        "last_name": last_name,
        "email": user.email if user else "",
        "leader_type": Person.LeaderType.COMMUNITY,
        "zip_code": zip_code,
        "city": city,
        "state": state,
        "lat": lat,
        "lng": lng,
    }
    defaults.update(fields)
    return Person.objects.create(user=user, **defaults)


def make_member_leader(email: str, first_name: str, **fields) -> Person:
    user = make_user(email, name=f"{first_name} Account", is_member=True)
    return make_leader(user, first_name=first_name, **fields)
