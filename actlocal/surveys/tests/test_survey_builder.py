"""Staff and event hosts build surveys: questions of every kind, skip logic, sections, two languages;
a survey with answers only changes by a new version."""

import pytest

from actlocal.surveys.models import Finding, Question, Survey
from actlocal.surveys.tests.conftest import answer, ended_event

pytestmark = pytest.mark.django_db


def create(client, **data):
    return client.post("/surveys/new/", {"title": "After the convening", "audience": "public",
                                         "one_per_person": "on", **data})  # fmt: skip


def add(client, survey, **data):
    return client.post(f"/surveys/{survey.slug}/questions/add/", data)


def test_staff_build_a_survey_with_choices_in_two_languages_and_open_it(client, staff):
    client.force_login(staff)

    response = create(client)

    survey = Survey.objects.get()
    assert response["Location"] == f"/surveys/{survey.slug}/edit/"
    assert survey.status == "draft" and survey.created_by == staff
    add(client, survey, text="What do you work on?", text_es="¿En qué trabaja?", kind="multiple",
        choices="Voting | Voto\nHousing | Vivienda\nClimate", required="on")  # fmt: skip
    add(client, survey, text="Usefulness", kind="scale", scale_min="1", scale_max="5",
        section="About the day", section_es="Sobre el día")  # fmt: skip
    first = survey.questions.get(key="what-do-you-work-on")
    assert [(c.value, c.label, c.label_es) for c in first.choices.all()] == [
        ("voting", "Voting", "Voto"),
        ("housing", "Housing", "Vivienda"),
        ("climate", "Climate", ""),
    ]
    assert first.text_es == "¿En qué trabaja?" and first.required

    client.post(f"/surveys/{survey.slug}/status/", {"status": "open"})

    survey.refresh_from_db()
    assert survey.status == "open"
    page = client.get(f"/surveys/{survey.slug}/").content.decode()
    assert "Page 1 of 2" in page


def test_skip_logic_depends_on_an_earlier_choice_only(client, staff, survey):
    client.force_login(staff)
    electing = survey.questions.get(key="priorities").choices.get(value="electing")

    response = add(client, survey, text="Which office?", kind="short_text", show_if_choice=electing.pk)

    assert response.status_code == 302
    assert survey.questions.get(key="which-office").show_if_choice == electing
    other = Survey.objects.create(title="Other", slug="other")
    assert add(client, other, text="Sneaky", kind="short_text", show_if_choice=electing.pk).status_code == 400


def test_bad_question_input_gets_clear_messages(client, staff, survey):
    client.force_login(staff)

    page = add(client, survey, text="Pick", kind="single", choices="Only one").content.decode()
    assert "Give at least two choices, one per line." in page
    page = add(client, survey, text="Rate", kind="scale", scale_min="5", scale_max="1").content.decode()
    assert "A rating scale needs a lowest and a highest value" in page
    page = add(
        client, survey, text="Need", kind="multiple", choices="Data | Datos | no-such-topic\nB"
    ).content.decode()
    assert "no resource topic is called “no-such-topic”" in page
    page = add(client, survey, text="Dup", kind="short_text", key="priorities").content.decode()
    assert "already uses the short name" in page


def test_a_survey_with_answers_keeps_its_structure_but_wording_can_change(client, staff, answered):
    client.force_login(staff)
    plan = answered.questions.get(key="plan")

    refused = client.post(f"/surveys/{answered.slug}/questions/{plan.pk}/",
                          {"text": "Executing a plan?", "kind": "multiple", "choices": "Yes\nNo"})  # fmt: skip
    assert refused.status_code == 400
    assert "Make a new version" in refused.content.decode()
    client.post(f"/surveys/{answered.slug}/questions/{plan.pk}/delete/")
    assert answered.questions.filter(pk=plan.pk).exists()
    assert add(client, answered, text="New?", kind="short_text").status_code == 400

    swapped = client.post(f"/surveys/{answered.slug}/questions/{plan.pk}/",
                          {"text": "Executing a plan?", "kind": "single", "choices": "No\nYes",
                           "show_if_choice": plan.show_if_choice_id})  # fmt: skip
    assert "Choices cannot change order once there are answers." in swapped.content.decode()

    fixed = client.post(f"/surveys/{answered.slug}/questions/{plan.pk}/",
                        {"text": "Are you executing a plan?", "text_es": "¿Ejecuta un plan?", "kind": "single",
                         "choices": "Yes, we are | Sí\nNo | No",
                         "show_if_choice": plan.show_if_choice_id})  # fmt: skip
    assert fixed.status_code == 302
    plan.refresh_from_db()
    assert plan.text == "Are you executing a plan?"
    assert [(c.value, c.label) for c in plan.choices.all()] == [("yes", "Yes, we are"), ("no", "No")]


def test_a_new_version_copies_questions_skip_logic_and_findings(client, staff, answered):
    client.force_login(staff)

    response = client.post(f"/surveys/{answered.slug}/new-version/")

    copy = Survey.objects.get(previous_version=answered)
    assert response["Location"] == f"/surveys/{copy.slug}/edit/"
    assert copy.version == 2 and copy.status == "draft"
    answered.refresh_from_db()
    assert answered.status == "closed"
    plan = copy.questions.get(key="plan")
    assert plan.show_if_choice.question.survey == copy
    assert Finding.objects.filter(survey=copy).count() == 2
    assert add(client, copy, text="New?", kind="short_text").status_code == 302
    assert answered.responses.count() == 12


def test_a_host_builds_a_survey_for_their_event(client, host):
    event = ended_event(host)
    client.force_login(host)

    page = client.get(f"/surveys/new/?event={event.slug}").content.decode()
    assert "After Madison follow-up" in page

    create(client, title="After Madison", event=event.pk)

    survey = Survey.objects.get()
    assert survey.event == event
    assert client.get(f"/surveys/{survey.slug}/edit/").status_code == 200
    assert client.get(f"/surveys/{survey.slug}/results/").status_code == 200


def test_a_host_must_attach_their_own_event(client, host, staff):
    ended_event(host)
    other = ended_event(staff, slug="someone-elses")
    client.force_login(host)

    response = create(client, event=other.pk)

    assert response.status_code == 400
    assert not Survey.objects.exists()


def test_a_leader_who_hosts_nothing_cannot_build(client, leader, survey):
    client.force_login(leader)

    assert client.get("/surveys/new/").status_code == 403
    assert client.get(f"/surveys/{survey.slug}/edit/").status_code == 403
    assert add(client, survey, text="Sneaky", kind="short_text").status_code == 403
    assert not Question.objects.filter(text="Sneaky").exists()


def test_findings_are_added_from_a_choice_of_the_survey(client, staff, survey):
    client.force_login(staff)
    housing = survey.questions.get(key="priorities").choices.get(value="housing")

    client.post(
        f"/surveys/{survey.slug}/findings/add/", {"choice": housing.pk, "statement": "work on housing"}
    )

    assert survey.findings.filter(statement="work on housing").exists()
    answer(survey, {"priorities": ["housing"]})
    page = client.get(f"/surveys/{survey.slug}/results/").content.decode()
    assert "work on housing" in page
