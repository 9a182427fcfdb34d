"""Paper forms uploaded as CSV: good rows saved, each broken row reported, nothing good lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actlocal.surveys.models import AnswerTally, Response

pytestmark = pytest.mark.django_db
URL = "/surveys/leaders-2026/paper/"


def upload(client, text: str, encoding="utf-8"):
    return client.post(URL, {"file": SimpleUploadedFile("paper.csv", text.encode(encoding), "text/csv")})


def test_good_rows_are_saved_and_each_broken_row_is_reported(client, staff, survey):
    client.force_login(staff)
    csv_text = (
        "zip_code,priorities,plan,rating,hours,ranked,need\n"
        "53703,electing; Housing,yes,4,6,people > money,Childcare\n"  # good (labels and values both work)
        "59001,climate,,9,2,,\n"  # rating out of range
        "30301,,,,,,\n"  # priorities is required
        "53703,electing,yes;no,3,1,,\n"  # unknown choice "yes;no" for a single choice
        "53703,housing,,2,x,,\n"  # not a number
        "59001,climate,,5,1,,Más voluntarios,extra\n"  # more cells than columns
        "59001,Climate,,5,1,time > time,\n"  # a ranking place given twice
        "30301,climate,,1,3,,Ok\n"  # good
    )

    response = upload(client, csv_text)

    page = response.content.decode()
    assert "2 paper forms saved." in page
    assert "Row 3, rating: Choose a whole number from 1 to 5." in page
    assert "Row 4, priorities: an answer is required." in page
    assert "Row 5, plan:" in page
    assert "Row 6, hours: “x” is not a number." in page
    assert "Row 7: more cells than columns." in page
    assert "Row 8, ranked: Rank each option only once." in page
    saved = Response.objects.filter(source="paper").order_by("pk")
    assert [(r.state, r.area_type) for r in saved] == [("WI", "urban"), ("GA", "suburban")]
    assert AnswerTally.objects.get(question__key="priorities", bucket="", area_type="urban").count == 1


def test_a_latin1_file_and_unknown_columns_are_handled(client, staff, survey):
    client.force_login(staff)

    page = upload(
        client, "zip_code,priorities,need,shoe_size\n53703,climate,Más ayuda,9\n", "latin-1"
    ).content.decode()

    assert "1 paper form saved." in page
    assert "not questions of this survey and were ignored: shoe_size" in page
    assert survey.responses.get().answers.get(question__key="need").text == "Más ayuda"


def test_a_file_without_question_columns_is_refused_with_the_expected_names(client, staff, survey):
    client.force_login(staff)

    page = upload(client, "name,email\nAna,ana@example.org\n").content.decode()

    assert "must name the columns by the questions&#x27; short names: priorities, plan" in page
    assert not Response.objects.exists()


def test_the_template_lists_every_question(client, staff, survey):
    client.force_login(staff)

    body = client.get(URL + "?template=csv").content.decode()

    assert body.startswith("zip_code,priorities,plan,rating,hours,ranked,need,story,zip")


def test_a_leader_cannot_upload_paper_forms(client, leader, survey):
    client.force_login(leader)

    assert upload(client, "zip_code,priorities\n53703,climate\n").status_code == 403
    assert not Response.objects.exists()


def test_staff_type_in_one_paper_form_which_is_not_linked_to_them(client, staff, survey):
    client.force_login(staff)
    page = client.get("/surveys/leaders-2026/?paper=1").content.decode()
    assert "ZIP code written on the form" in page

    response = client.post(
        "/surveys/leaders-2026/?paper=1",
        {"survey": survey.pk, "action": "submit", "paper_zip": "59001", "q-priorities": ["climate"]},
    )

    assert response["Location"] == "/surveys/leaders-2026/?paper=1"
    saved = Response.objects.get()
    assert (saved.source, saved.user, saved.area_type, saved.lean) == ("paper", None, "rural", "red")
    # The next form starts empty, and the staff member may still answer the survey themselves.
    assert 'value="climate" checked' not in client.get("/surveys/leaders-2026/?paper=1").content.decode()
    assert 'name="q-priorities"' in client.get("/surveys/leaders-2026/").content.decode()


def test_paper_entry_works_on_a_closed_survey_and_checks_the_zip(client, staff, survey):
    survey.status = "closed"
    survey.save()
    client.force_login(staff)

    page = client.post(
        "/surveys/leaders-2026/?paper=1",
        {"survey": survey.pk, "action": "submit", "paper_zip": "9999", "q-priorities": ["climate"]},
    ).content.decode()

    assert "is not a US ZIP code" in page
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_a_respondent_cannot_switch_to_paper_mode(client, leader, survey):
    client.force_login(leader)

    client.post(
        "/surveys/leaders-2026/?paper=1",
        {"survey": survey.pk, "action": "submit", "q-priorities": ["climate"]},
    )

    assert Response.objects.get().source == "online"
    assert Response.objects.get().user == leader
