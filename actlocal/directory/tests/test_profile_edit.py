"""A leader edits her own profile at /leaders/me/; a member without a profile creates one."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person, Topic

from .profile_helpers import make_leader_person, png_bytes, read_streamed

URL = reverse("directory:my_profile")


def _form(**overrides):
    data = {
        "first_name": "Lena",
        "last_name": "Leader",
        "pronouns": "she/her",
        "leader_type": "community",
        "zip_code": "53703",
        "languages": "English, Spanish",
        "bio": "I organize tenants.",
        "website": "https://lena.example.org",
        "email": "lena@actlocal.test",
        "phone": "608-555-0101",
        "street_address": "12 Main St",
    }
    data.update(overrides)
    return data


def test_the_public_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_outsider_without_a_profile_cannot_create_one(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form()).status_code == 403
    assert not Person.objects.exists()


def test_a_member_without_a_profile_creates_one_and_becomes_a_leader(client, leader):
    client.force_login(leader)
    page = client.get(URL)
    assert page.status_code == 200 and "Create my leader profile" in page.text
    response = client.post(URL, _form())
    assert response.status_code == 302
    person = Person.objects.get(user=leader)
    assert person.is_leader and (person.city, person.state) == ("Madison", "WI")
    assert client.get(person.get_absolute_url()).status_code == 200


def test_creating_a_profile_takes_over_the_record_already_known_by_her_address(client, leader):
    known = Person.objects.create(first_name="L.", email="lena@actlocal.test")  # from an RSVP, say
    client.force_login(leader)
    client.post(URL, _form())
    assert Person.objects.count() == 1
    known.refresh_from_db()
    assert known.user == leader and known.first_name == "Lena"
    assert audit_trail(known).filter(action="person.claim").exists()


def test_a_leader_edits_every_field_and_the_zip_places_her(client, leader):
    person = make_leader_person(leader)
    issue = Topic.objects.create(kind="issue", slug="housing", name="Housing")
    skill = Topic.objects.create(kind="skill", slug="canvassing", name="Canvassing")
    client.force_login(leader)
    response = client.post(
        URL, _form(first_name="Elena", zip_code="10001", issues=[issue.pk], skills=[skill.pk], bio="New bio")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.city, person.state, person.bio) == (
        "Elena",
        "New York",
        "NY",
        "New bio",
    )
    assert set(person.topics.all()) == {issue, skill}
    assert person.pronouns == "she/her" and person.website == "https://lena.example.org"


def test_the_audit_log_names_changed_fields_but_never_their_private_values(client, leader):
    person = make_leader_person(leader)
    client.force_login(leader)
    client.post(URL, _form(phone="608-555-0199", street_address="99 Secret Lane"))
    entry = audit_trail(person).get(action="person.update")
    assert "phone" in entry.changes["fields"] and "street_address" in entry.changes["fields"]
    assert "555-0199" not in str(entry.changes) and "Secret" not in str(entry.changes)


def test_an_unknown_zip_is_explained_beside_the_field_and_nothing_typed_is_lost(client, leader):
    person = make_leader_person(leader)
    client.force_login(leader)
    response = client.post(URL, _form(zip_code="00000", bio="Keep this text"))
    assert response.status_code == 400
    assert "We don’t know the ZIP code 00000." in response.text
    assert "Keep this text" in response.text
    person.refresh_from_db()
    assert person.zip_code == "53703" and person.bio == ""


def test_a_bio_over_the_limit_is_refused(client, leader):
    make_leader_person(leader)
    client.force_login(leader)
    response = client.post(URL, _form(bio="x" * 2001))
    assert response.status_code == 400 and "at most 2000 characters" in response.text


def test_a_javascript_website_is_refused(client, leader):
    make_leader_person(leader)
    client.force_login(leader)
    response = client.post(URL, _form(website="javascript:alert(1)"))
    assert response.status_code == 400 and "Enter a valid URL." in response.text


def test_a_real_photo_is_shrunk_stored_under_a_random_name_and_served_through_the_rule(
    client, leader, tmp_media
):
    person = make_leader_person(leader, photo_visibility="members")
    client.force_login(leader)
    upload = SimpleUploadedFile("lena at home.png", png_bytes(size=(2000, 1000)), content_type="image/png")
    assert client.post(URL, {**_form(), "photo": upload}).status_code == 302
    person.refresh_from_db()
    assert person.photo.name.startswith("people/") and "lena" not in person.photo.name
    with Image.open(person.photo.path) as image:
        assert image.format == "JPEG" and max(image.size) == 800
    photo_url = reverse("directory:leader_photo", args=[person.pk])
    assert photo_url in client.get(person.get_absolute_url()).text
    served = client.get(photo_url)
    assert served["Content-Type"] == "image/jpeg" and read_streamed(served)[:2] == b"\xff\xd8"
    client.logout()
    assert client.get(photo_url).status_code == 404  # the public may not see a members-only photo


def test_a_file_pretending_to_be_a_photo_is_refused(client, leader, tmp_media):
    make_leader_person(leader)
    client.force_login(leader)
    fake = SimpleUploadedFile("me.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg")
    response = client.post(URL, {**_form(), "photo": fake})
    assert response.status_code == 400
    assert "This file is not a photo we can read." in response.text


def test_a_photo_over_5_mb_is_refused(client, leader, tmp_media):
    make_leader_person(leader)
    client.force_login(leader)
    big = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post(URL, {**_form(), "photo": big})
    assert response.status_code == 400 and "the limit is 5.0" in response.text


def test_a_leader_replaces_then_removes_her_photo_and_old_files_go(client, post, leader, tmp_media):
    person = make_leader_person(leader)
    client.force_login(leader)
    post(URL, {**_form(), "photo": SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")})
    person.refresh_from_db()
    first = person.photo.path
    post(URL, {**_form(), "photo": SimpleUploadedFile("b.png", png_bytes(), content_type="image/png")})
    person.refresh_from_db()
    second = person.photo.path
    assert second != first and not os.path.exists(first)
    post(URL, {**_form(), "remove_photo": "on"})
    person.refresh_from_db()
    assert not person.photo and not os.path.exists(second)
