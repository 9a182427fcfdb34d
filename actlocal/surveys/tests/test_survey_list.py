"""The surveys page lists what each visitor may answer; builders get their tools, staff the area table."""

import pytest

from actlocal.surveys.models import Survey
from actlocal.surveys.tests.conftest import answer, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveys(counties):
    public = make_survey(slug="public-one")
    answer(public, {"priorities": ["climate"]})
    make_survey(slug="members-one", audience=Survey.Audience.MEMBERS)
    make_survey(slug="a-draft", status=Survey.Status.DRAFT)


def test_the_public_sees_open_public_surveys_with_counts(client, surveys):
    page = client.get("/surveys/").content.decode()

    assert "/surveys/public-one/" in page
    assert "8 questions" in page and "1 response" in page
    assert "/surveys/members-one/" not in page
    assert "/surveys/a-draft/" not in page
    assert "New survey" not in page


def test_a_member_also_sees_members_surveys_but_no_builder_tools(client, leader, surveys):
    client.force_login(leader)

    page = client.get("/surveys/").content.decode()

    assert "/surveys/members-one/" in page
    assert "/surveys/a-draft/" not in page
    assert "/surveys/public-one/results/" not in page
    assert "Needs and gaps" in page


def test_staff_see_drafts_results_links_and_the_area_table(client, staff, surveys):
    client.force_login(staff)

    page = client.get("/surveys/").content.decode()

    assert "/surveys/a-draft/" in page
    assert "/surveys/public-one/results/" in page
    assert 'href="/surveys/new/"' in page
    assert 'href="/surveys/areas/"' in page


def test_a_member_sees_which_surveys_they_answered(client, leader, surveys):
    from actlocal.surveys.models import Survey

    answer(Survey.objects.get(slug="members-one"), {"priorities": ["climate"]}, user=leader)
    client.force_login(leader)

    page = client.get("/surveys/").content.decode()

    assert page.count("You answered it") == 1
