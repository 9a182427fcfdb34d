"""Answering a survey by its public link: page by page, saved as you go, area context from the ZIP."""

import pytest

from actlocal.core.models import AuditEntry
from actlocal.surveys.models import Answer, AnswerTally, Response, Survey
from actlocal.surveys.tests.conftest import add_question, ended_event, make_survey

pytestmark = pytest.mark.django_db
URL = "/surveys/leaders-2026/"


def post(client, survey, data, *, page=1, action="next"):
    return client.post(
        f"/surveys/{survey.slug}/?page={page}", {"survey": survey.pk, "action": action, **data}
    )


def test_anyone_with_the_link_can_answer_and_the_area_comes_from_the_zip(client, survey):
    page = client.get(URL).content.decode()
    assert 'name="q-priorities"' in page
    assert "Executing a plan?" in page  # same page as its condition: shown with a note
    assert "Answer only if you chose" in page

    response = post(
        client, survey, {"q-priorities": ["electing", "climate"], "q-plan": "yes", "q-rating": "4",
                         "q-hours": "6", "q-ranked-people": "1", "q-ranked-time": "2", "q-zip": "53703"},
        action="submit",
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == "/surveys/leaders-2026/thanks/"
    saved = Response.objects.get()
    assert saved.submitted_at is not None
    assert (saved.state, saved.county, saved.area_type, saved.lean) == ("WI", "Dane County", "urban", "blue")
    assert saved.draft is None
    ranked = Answer.objects.filter(question__key="ranked").order_by("number")
    assert [(a.choice.value, a.number) for a in ranked] == [("people", 1.0), ("time", 2.0)]
    assert AnswerTally.objects.filter(question__key="priorities", bucket="").get().count == 1


def test_an_answer_to_a_question_skipped_by_skip_logic_is_not_kept(client, survey):
    post(client, survey, {"q-priorities": ["climate"], "q-plan": "yes"}, action="submit")

    assert not Answer.objects.filter(question__key="plan").exists()


def test_sections_are_pages_and_answers_are_saved_before_submission(client, survey):
    survey.questions.filter(position__gte=3).update(section="About you", section_es="Sobre usted")
    first = client.get(URL).content.decode()
    assert "Page 1 of 2" in first
    assert 'name="q-hours"' not in first

    response = post(client, survey, {"q-priorities": ["housing"]})

    assert response["Location"] == "/surveys/leaders-2026/?page=2"
    draft = Response.objects.get()
    assert draft.submitted_at is None
    assert draft.draft["priorities"] == ["housing"]
    # The plan question was skipped (no "electing" on page 1), so page 2 does not ask it.
    second = client.get(URL + "?page=2").content.decode()
    assert "About you" in second
    assert 'name="q-plan"' not in second

    post(client, survey, {"q-hours": "3"}, page=2, action="submit")

    assert Response.objects.get().submitted_at is not None
    assert Answer.objects.filter(question__key="priorities", choice__value="housing").exists()


def test_save_and_finish_later_keeps_the_answers_for_the_next_visit(client, survey):
    post(client, survey, {"q-need": "A mentor"}, action="save")

    page = client.get(URL).content.decode()

    assert 'value="A mentor"' in page
    assert "Come back to this page to finish" in page


def test_a_missing_required_answer_is_named_and_the_rest_kept(client, survey):
    response = post(client, survey, {"q-need": "Childcare"}, action="submit")

    assert response.status_code == 400
    assert "Please answer: Your priorities?" in response.content.decode()
    assert Response.objects.get().draft["need"] == ["Childcare"]


def test_the_spanish_page_shows_the_spanish_text(client, survey):
    client.cookies["django_language"] = "es"

    page = client.get(URL, headers={"accept-language": "es"}).content.decode()

    assert "ES Your priorities?" in page
    assert "Líderes 2026" in page


def test_an_anonymous_survey_stores_no_identity(client, leader, survey):
    survey.anonymous = True
    survey.save()
    client.force_login(leader)

    post(client, survey, {"q-priorities": ["climate"], "q-zip": "53703"}, action="submit")

    saved = Response.objects.get()
    assert saved.user is None and saved.person is None
    assert saved.zip_code == "" and saved.county == "Dane County"
    assert not AuditEntry.objects.filter(action="survey.response.submit").exists()


def test_a_signed_in_answer_is_linked_and_audited(client, leader, survey):
    client.force_login(leader)

    post(client, survey, {"q-priorities": ["climate"]}, action="submit")

    assert Response.objects.get().user == leader
    assert AuditEntry.objects.filter(action="survey.response.submit", actor=leader).exists()


def test_one_answer_per_person_when_the_survey_says_so(client, leader, survey):
    client.force_login(leader)
    post(client, survey, {"q-priorities": ["climate"]}, action="submit")

    page = client.get(URL).content.decode()

    assert "You have already answered this survey" in page
    assert 'name="q-priorities"' not in page


def test_several_answers_per_person_when_allowed(client, survey):
    survey.one_per_person = False
    survey.save()
    for _ in range(2):
        post(client, survey, {"q-priorities": ["climate"]}, action="submit")

    assert Response.objects.filter(submitted_at__isnull=False).count() == 2


def test_a_members_only_survey_refuses_an_outsider(client, outsider, survey):
    survey.audience = Survey.Audience.MEMBERS
    survey.save()
    client.force_login(outsider)

    response = client.get(URL)

    assert response.status_code == 403
    assert "for network members" in response.content.decode()
    assert post(client, survey, {"q-priorities": ["climate"]}, action="submit").status_code == 403
    assert not Response.objects.exists()


def test_a_member_answers_a_members_only_survey_linked_to_their_profile(client, leader, survey):
    from actlocal.directory.models import Person

    person = Person.objects.create(first_name="Lena", user=leader, leader_type="faith", zip_code="59001",
                                   state="MT", county="Stillwater County")  # fmt: skip
    survey.audience = Survey.Audience.MEMBERS
    survey.save()
    client.force_login(leader)

    post(client, survey, {"q-priorities": ["climate"]}, action="submit")

    saved = Response.objects.get()
    assert saved.person == person
    assert (saved.leader_type, saved.area_type, saved.lean) == ("faith", "rural", "red")


def test_an_event_survey_records_the_event(client, host, counties):
    survey = make_survey(slug="after-madison")
    survey.event = ended_event(host)
    survey.save()

    post(client, survey, {"q-priorities": ["climate"]}, action="submit")

    assert Response.objects.get().event == survey.event


def test_a_closed_survey_takes_no_answers(client, survey):
    survey.status = Survey.Status.CLOSED
    survey.save()

    page = client.get(URL).content.decode()

    assert "no longer taking answers" in page
    assert 'name="q-priorities"' not in page


def test_the_respondents_own_area_type_is_used_when_the_zip_gives_none(client, survey):
    question = add_question(survey, "place", "single", "Where do you live?", choices=["rural", "urban"],
                            position=9, context_field="area_type")  # fmt: skip
    assert question.context_field == "area_type"

    post(client, survey, {"q-priorities": ["climate"], "q-place": "rural"}, action="submit")

    assert Response.objects.get().area_type == "rural"
