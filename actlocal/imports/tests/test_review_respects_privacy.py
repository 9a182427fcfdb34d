"""The side-by-side review shows each value under the one visibility rule: a leader's "only me" phone stays
hidden even from the staff member deciding the pair."""

from actlocal.directory.models import Person
from actlocal.imports.models import DuplicatePair


def test_an_only_me_field_is_not_shown_to_the_reviewer(client, staff, db):
    Person.objects.create(first_name="Bill", last_name="Tanaka", zip_code="53704", phone="+16085550199",
                          phone_visibility="private")  # fmt: skip
    Person.objects.create(first_name="William", last_name="Tanaka", zip_code="53704", phone="+16085550142",
                          phone_visibility="staff")  # fmt: skip
    client.force_login(staff)
    client.post("/imports/review/people/find/")
    pair = DuplicatePair.objects.get(kind="people")
    page = client.get(f"/imports/review/{pair.pk}/").content.decode()
    assert "+16085550142" in page
    assert "+16085550199" not in page and "only the leader sees this" in page
