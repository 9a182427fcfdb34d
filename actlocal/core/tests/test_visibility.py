"""One visibility rule per field: the owner sees everything, 'only me' hides even from staff."""

import pytest
from django.contrib.auth.models import AnonymousUser

from actlocal.core.visibility import Visibility, can_view, visible_fields, visible_q
from actlocal.directory.models import Person


@pytest.fixture
def lena_person(leader):
    return Person.objects.create(
        user=leader,
        first_name="Lena",
        last_name="Leader",
        leader_type="community",
        email="lena@home.test",
        phone="555-0101",
        street_address="1 Elm St",
        bio="Organizes tenants.",
        name_visibility=Visibility.PUBLIC,
        email_visibility=Visibility.STAFF,
        phone_visibility=Visibility.MEMBERS,
        address_visibility=Visibility.PRIVATE,
        bio_visibility=Visibility.MEMBERS,
    )


def test_the_public_sees_only_public_fields(lena_person):
    seen = visible_fields(lena_person, AnonymousUser())
    assert seen["first_name"] == "Lena"
    assert {"email", "phone", "street_address", "bio"}.isdisjoint(seen)


def test_a_member_sees_members_fields_but_not_staff_ones(lena_person, group_admin):
    assert can_view(lena_person, "phone", group_admin)
    assert can_view(lena_person, "bio", group_admin)
    assert not can_view(lena_person, "email", group_admin)


def test_an_outsider_who_is_signed_in_is_still_the_public(lena_person, outsider):
    assert not can_view(lena_person, "phone", outsider)
    assert can_view(lena_person, "first_name", outsider)


def test_staff_see_staff_fields_but_not_only_me_fields(lena_person, staff):
    assert can_view(lena_person, "email", staff)
    assert not can_view(lena_person, "street_address", staff)


def test_the_owner_sees_everything_including_only_me(lena_person, leader):
    assert set(visible_fields(lena_person, leader)) == set(Person.VISIBILITY)


def test_the_query_filter_agrees_with_the_per_object_rule(lena_person, staff, outsider, group_admin, leader):
    other = Person.objects.create(
        first_name="Omar", leader_type="faith", email="o@x.test", email_visibility=Visibility.MEMBERS
    )
    for viewer in (AnonymousUser(), outsider, group_admin, staff, leader):
        for field in ("email", "phone", "street_address", "bio", "first_name"):
            in_sql = set(Person.objects.filter(visible_q(Person, field, viewer)).values_list("pk", flat=True))
            in_python = {p.pk for p in (lena_person, other) if can_view(p, field, viewer)}
            assert in_sql == in_python, (viewer, field)


def test_email_can_never_be_made_public(lena_person):
    from django.core.exceptions import ValidationError

    lena_person.email_visibility = Visibility.PUBLIC
    with pytest.raises(ValidationError, match="cannot be more open"):
        lena_person.full_clean()


def test_an_undeclared_field_has_no_rule_and_is_refused(lena_person, staff):
    with pytest.raises(KeyError, match="no visibility rule"):
        can_view(lena_person, "languages", staff)
