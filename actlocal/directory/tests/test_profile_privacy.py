"""Each profile field reaches exactly the viewers its visibility allows, on every page that shows it;
the privacy panel offers only the levels each field allows."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Affiliation

from .profile_helpers import make_leader_person, png_bytes, read_streamed

PRIVACY_URL = reverse("directory:my_privacy")
EMAIL = "lena.secret@example.org"


@pytest.fixture
def lena(leader):
    return make_leader_person(
        leader,
        email=EMAIL,
        phone="608-555-0142",
        street_address="12 Hidden Lane",
        bio="Tenant organizer since 2009.",
        name_visibility="public",
        place_visibility="public",
        bio_visibility="public",
        photo_visibility="public",
        email_visibility="staff",
        phone_visibility="staff",
        address_visibility="private",
    )


@pytest.fixture
def viewers(client, django_user_model, staff, outsider, group_admin, leader):
    """Who looks, and how: (name, user or None)."""
    return {"public": None, "outsider": outsider, "member": group_admin, "staff": staff, "herself": leader}


def _page(client, user, person):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.text


def _seen_by(client, viewers, person, needle):
    return {who for who, user in viewers.items() if needle in _page(client, user, person)}


def test_staff_only_email_is_seen_by_staff_and_herself_only(client, viewers, lena):
    assert _seen_by(client, viewers, lena, EMAIL) == {"staff", "herself"}


def test_staff_only_phone_is_seen_by_staff_and_herself_only(client, viewers, lena):
    assert _seen_by(client, viewers, lena, "555-0142") == {"staff", "herself"}


def test_the_street_address_is_seen_by_nobody_but_her(client, viewers, lena):
    assert _seen_by(client, viewers, lena, "12 Hidden Lane") == {"herself"}


def test_only_me_email_and_bio_are_hidden_even_from_staff(client, viewers, lena):
    lena.email_visibility = lena.bio_visibility = "private"
    lena.save()
    assert _seen_by(client, viewers, lena, EMAIL) == {"herself"}
    assert _seen_by(client, viewers, lena, "Tenant organizer") == {"herself"}


def test_a_members_only_bio_and_city_reach_members_and_staff_not_the_public(client, viewers, lena):
    lena.bio_visibility = lena.place_visibility = "members"
    lena.save()
    everyone_signed_in_as_member = {"member", "staff", "herself"}
    assert _seen_by(client, viewers, lena, "Tenant organizer") == everyone_signed_in_as_member
    assert _seen_by(client, viewers, lena, "Madison, WI") == everyone_signed_in_as_member


def test_a_staff_only_photo_is_neither_linked_nor_served_to_members(client, viewers, lena, tmp_media):
    lena.photo.save("x.jpg", ContentFile(png_bytes()), save=False)
    lena.photo_visibility = "staff"
    lena.save()
    photo_url = reverse("directory:leader_photo", args=[lena.pk])
    assert _seen_by(client, viewers, lena, photo_url) == {"staff", "herself"}
    for who, user in viewers.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(photo_url)
        assert response.status_code == (200 if who in {"staff", "herself"} else 404), who
        if response.streaming:
            read_streamed(response)


def test_a_members_only_name_hides_the_whole_profile_from_the_public(client, lena, outsider):
    lena.name_visibility = "members"
    lena.save()
    assert client.get(lena.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(lena.get_absolute_url()).status_code == 404


def test_the_staff_only_email_appears_on_no_other_page_a_member_sees(
    client, lena, group_admin, partner_group
):
    Affiliation.objects.create(person=lena, group=partner_group, role="Chair")
    client.force_login(group_admin)
    for url in [
        reverse("directory:leaders"),
        reverse("directory:leaders") + "?q=Lena",
        partner_group.get_absolute_url(),
        reverse("directory:leader_contact", args=[lena.pk]),
        lena.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert EMAIL not in response.text and "555-0142" not in response.text, url


def test_an_unlisted_profile_is_out_of_the_directory_but_still_hers_and_staffs(
    client, lena, group_admin, staff
):
    lena.listed = False
    lena.save()
    client.force_login(group_admin)
    assert client.get(lena.get_absolute_url()).status_code == 404
    assert "Lena Leader" not in client.get(reverse("directory:leaders")).text
    client.force_login(staff)
    assert "This profile is unlisted" in client.get(lena.get_absolute_url()).text
    client.force_login(lena.user)
    assert client.get(lena.get_absolute_url()).status_code == 200


def test_the_privacy_panel_offers_no_public_level_for_email_phone_or_address(client, lena):
    client.force_login(lena.user)
    form = client.get(reverse("directory:my_profile")).context["privacy_form"]
    assert "public" not in dict(form.fields["email_visibility"].choices)
    assert "public" not in dict(form.fields["phone_visibility"].choices)
    assert set(dict(form.fields["address_visibility"].choices)) == {"staff", "private"}
    assert "public" in dict(form.fields["bio_visibility"].choices)


def _privacy(**overrides):
    data = {
        "name_visibility": "public",
        "place_visibility": "members",
        "photo_visibility": "members",
        "bio_visibility": "members",
        "email_visibility": "staff",
        "phone_visibility": "private",
        "address_visibility": "private",
        "listed": "on",
        "contact_via_platform": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_forged_public_email_level_is_refused_beside_the_field(client, lena):
    client.force_login(lena.user)
    response = client.post(PRIVACY_URL, _privacy(email_visibility="public", address_visibility="members"))
    assert response.status_code == 400
    assert response.text.count("Select a valid choice.") == 2
    lena.refresh_from_db()
    assert (lena.email_visibility, lena.address_visibility) == ("staff", "private")


def test_saving_privacy_settings_changes_levels_and_toggles_and_is_logged(client, lena):
    client.force_login(lena.user)
    response = client.post(PRIVACY_URL, _privacy(listed=None, contact_via_platform=None))
    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.phone_visibility == "private" and not lena.listed and not lena.contact_via_platform
    entry = audit_trail(lena).get(action="person.set_visibility")
    assert entry.changes["phone_visibility"] == "private" and entry.changes["listed"] is False


def test_someone_without_a_profile_has_no_privacy_panel_to_post_to(client, outsider):
    client.force_login(outsider)
    assert client.post(PRIVACY_URL, _privacy()).status_code == 403


def test_the_previews_show_what_each_audience_sees(client, lena):
    lena.email_visibility = "staff"
    lena.place_visibility = "members"
    lena.save()
    client.force_login(lena.user)
    previews = dict(client.get(reverse("directory:my_profile")).context["previews"])
    public, members, staff = previews["The public"], previews["Network members"], previews["Network staff"]
    assert (public["email"], public["city"]) == ("", "")
    assert (members["email"], members["city"]) == ("", "Madison")
    assert staff["email"] == EMAIL and staff["street_address"] == ""


def test_the_previews_say_when_an_audience_cannot_see_the_profile(client, lena):
    lena.name_visibility = "members"
    lena.save()
    client.force_login(lena.user)
    response = client.get(reverse("directory:my_profile"))
    assert dict(response.context["previews"])["The public"] is None
    assert "Cannot see your profile at all." in response.text
