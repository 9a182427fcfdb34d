from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person
from actlocal.directory.services import person_match_or_create


def test_a_new_address_makes_a_new_person_placed_by_zip(db):
    person, created = person_match_or_create(email=" Ana@Example.org ", first_name="Ana", zip_code="53703")
    assert created and person.email == "ana@example.org"
    assert (person.city, person.state) == ("Madison", "WI")
    assert audit_trail(person).filter(action="person.create").exists()


def test_the_same_address_in_other_capitals_is_the_same_person(db):
    first, _ = person_match_or_create(email="ana@example.org", first_name="Ana")
    again, created = person_match_or_create(email="ANA@example.org", first_name="Ana")
    assert not created and again.pk == first.pk
    assert Person.objects.count() == 1


def test_a_stranger_typing_a_known_address_only_fills_blanks(db):
    person, _ = person_match_or_create(
        email="ana@example.org", first_name="Ana", last_name="Ruiz", zip_code="53703"
    )
    person_match_or_create(
        email="ana@example.org", first_name="Mallory", last_name="X", zip_code="10001", phone="555-0100"
    )
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.city) == ("Ana", "Ruiz", "Madison")
    assert person.phone == "555-0100"  # was blank, so it is filled
