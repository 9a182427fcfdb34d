import pytest

from actlocal.core import places


def test_a_zip_becomes_city_state_county_time_zone_and_point():
    place = places.place_for_zip("53703")
    assert (place.city, place.state, place.county) == ("Madison", "WI", "Dane County")
    assert place.timezone == "America/Chicago"
    assert place.lat == pytest.approx(43.08, abs=0.05) and place.lng == pytest.approx(-89.38, abs=0.05)
    assert place.state_name == "Wisconsin"


def test_zip_plus_four_and_spaces_are_accepted():
    assert places.place_for_zip(" 53703-1234 ").zip_code == "53703"


@pytest.mark.parametrize("raw", ["", "5370", "abcde", "537031", "53703'; DROP TABLE", "５３７０３"])
def test_a_malformed_zip_gets_a_clear_message(raw):
    with pytest.raises(places.PlaceError, match="not a US ZIP code"):
        places.place_for_zip(raw)


def test_an_unknown_zip_gets_a_clear_message():
    with pytest.raises(places.PlaceError, match="don’t know the ZIP code 00000"):
        places.place_for_zip("00000")


def test_distance_in_miles_between_madison_and_milwaukee():
    madison, milwaukee = places.place_for_zip("53703"), places.place_for_zip("53202")
    miles = places.distance_miles(madison.lat, madison.lng, milwaukee.lat, milwaukee.lng)
    assert 70 < miles < 80


def test_the_bounding_box_contains_every_point_within_the_radius():
    origin = places.place_for_zip("53703")
    box = places.bounding_box(origin.lat, origin.lng, 25)
    for place in places.zips_in_state("WI"):
        if places.distance_miles(origin.lat, origin.lng, place.lat, place.lng) <= 25:
            assert box.min_lat <= place.lat <= box.max_lat and box.min_lng <= place.lng <= box.max_lng


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("-5", "more than 0"),
        ("0", "more than 0"),
        ("9999", "at most"),
        ("nan", "not a distance"),
        ("ten", "not a distance"),
        ("inf", "not a distance"),
    ],
)
def test_a_negative_or_absurd_distance_gets_a_clear_message(raw, message):
    with pytest.raises(places.PlaceError, match=message):
        places.parse_radius(raw)


def test_state_choices_hold_every_state_once():
    codes = [code for code, _name in places.state_choices()]
    assert len(codes) == len(set(codes))
    assert {"WI", "OH", "DC", "PR"} <= set(codes)
