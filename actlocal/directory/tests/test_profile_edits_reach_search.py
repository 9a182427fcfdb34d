"""What a leader changes on her profile is what the directory search finds, at once and by its rule."""

from django.urls import reverse

from .profile_helpers import make_leader_person

PROFILE = reverse("directory:my_profile")


def _profile_form(**overrides):
    data = {"first_name": "Lena", "last_name": "Leader", "leader_type": "community", "zip_code": "53703"}
    return {**data, **overrides}


def _finds(client, user, q):
    client.force_login(user)
    return "Lena Leader" in client.get(reverse("directory:leaders"), {"q": q}).text


def test_a_new_bio_is_found_and_a_bio_made_private_is_not(client, leader, group_admin):
    person = make_leader_person(leader, bio_visibility="members")
    client.force_login(leader)
    client.post(PROFILE, _profile_form(bio="Expert in cooperative housing"))
    assert _finds(client, group_admin, "cooperative")

    client.force_login(leader)
    privacy = {
        "name_visibility": "members",
        "place_visibility": "members",
        "photo_visibility": "members",
        "bio_visibility": "private",
        "email_visibility": "staff",
        "phone_visibility": "staff",
        "address_visibility": "private",
        "listed": "on",
    }
    assert client.post(reverse("directory:my_privacy"), privacy).status_code == 302
    person.refresh_from_db()
    assert person.bio_visibility == "private"
    assert not _finds(client, group_admin, "cooperative")


def test_unlisting_takes_her_out_of_search_at_once(client, leader, group_admin):
    make_leader_person(leader)
    assert _finds(client, group_admin, "Lena")
    client.force_login(leader)
    privacy = {
        "name_visibility": "members",
        "place_visibility": "members",
        "photo_visibility": "members",
        "bio_visibility": "members",
        "email_visibility": "staff",
        "phone_visibility": "staff",
        "address_visibility": "private",
    }
    client.post(reverse("directory:my_privacy"), privacy)
    assert not _finds(client, group_admin, "Lena")
