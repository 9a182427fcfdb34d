"""Hostile or mistaken answers get a clear message; valid answers on the same page are never lost."""

import pytest

from actlocal.surveys.models import Answer, Response

pytestmark = pytest.mark.django_db
URL = "/surveys/leaders-2026/"


def post(client, survey, data, action="submit"):
    return client.post(URL, {"survey": survey.pk, "action": action, **data})


def test_an_answer_to_a_question_that_does_not_exist_is_reported(client, survey):
    response = post(client, survey, {"q-priorities": ["climate"], "q-made-up": "x"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "does not have (made-up)" in page
    assert Response.objects.get().draft["priorities"] == ["climate"]
    assert not Answer.objects.exists()


def test_an_out_of_range_scale_value_is_refused(client, survey):
    response = post(client, survey, {"q-priorities": ["climate"], "q-rating": "9"})

    assert response.status_code == 400
    assert "Choose a whole number from 1 to 5." in response.content.decode()
    assert "rating" not in Response.objects.get().draft


def test_a_second_answer_where_one_is_allowed_is_refused(client, survey):
    response = post(client, survey, {"q-priorities": ["electing"], "q-plan": ["yes", "no"]})

    assert response.status_code == 400
    assert "Choose only one answer." in response.content.decode()


def test_a_choice_that_is_not_an_option_is_refused(client, survey):
    response = post(client, survey, {"q-priorities": ["electing", "<script>"]})

    page = response.content.decode()
    assert response.status_code == 400
    assert "is not one of the options" in page
    assert "<script>" not in page


def test_a_tampered_survey_id_saves_nothing(client, survey):
    response = client.post(URL, {"survey": survey.pk + 99, "action": "submit", "q-priorities": ["climate"]})

    assert response.status_code == 400
    assert "belongs to a different survey" in response.content.decode()
    assert not Response.objects.exists()


def test_an_unknown_survey_slug_is_not_found(client, survey):
    assert client.post("/surveys/no-such-survey/", {"survey": survey.pk}).status_code == 404


def test_a_ten_thousand_character_short_answer_is_refused_and_kept_in_the_box(client, survey):
    long_text = "x" * 10_000

    response = post(client, survey, {"q-priorities": ["climate"], "q-need": long_text})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Keep this answer to 200 characters; it has 10,000." in page
    assert f'value="{long_text}"' in page
    assert Response.objects.get().draft["priorities"] == ["climate"]


def test_not_a_number_and_an_absurd_number_are_refused(client, survey):
    page = post(client, survey, {"q-priorities": ["climate"], "q-hours": "lots"}).content.decode()
    assert "“lots” is not a number." in page
    page = post(client, survey, {"q-priorities": ["climate"], "q-hours": "1e400"}).content.decode()
    assert "out of range" in page


def test_a_ranking_with_a_place_given_twice_is_refused(client, survey):
    page = post(client, survey, {"q-priorities": ["climate"], "q-ranked-money": "1", "q-ranked-time": "1"})

    assert "Give each place in the ranking to one option only." in page.content.decode()


def test_a_submitted_response_cannot_be_submitted_again(survey):
    from django.core.exceptions import ValidationError

    from actlocal.surveys.services import responses as services

    response = services.response_start(survey=survey)
    services.response_submit(response=response, values={"priorities": ["climate"]})

    with pytest.raises(ValidationError):
        services.response_submit(response=response, values={"priorities": ["housing"]})
    assert Answer.objects.count() == 1
