"""The needs-and-gaps report: needs leaders name (choices tied to topics) beside the directory's resources,
per state and area type, largest unmet needs first; for network members only."""

import pytest

from actlocal.directory.models import Resource, Topic
from actlocal.surveys.models import Choice
from actlocal.surveys.tests.conftest import add_question, answer, counties, make_survey  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/insights/needs/"


@pytest.fixture
def needs_survey(counties):  # noqa: F811
    survey = make_survey()
    data = Topic.objects.create(kind="skill", slug="data", name="Data and voter files", name_es="Datos")
    legal = Topic.objects.create(kind="skill", slug="legal", name="Legal", name_es="Asesoría legal")
    question = add_question(
        survey, "support", "multiple", "Support needed?", choices=["data", "legal"], position=8
    )
    Choice.objects.filter(question=question, value="data").update(topic=data)
    Choice.objects.filter(question=question, value="legal").update(topic=legal)
    # Rural Montana: 3 of 4 need data help, 2 legal; urban Wisconsin: 2 of 2 need legal help.
    for support in (["data"], ["data"], ["data", "legal"], ["legal"]):
        answer(survey, {"priorities": ["climate"], "zip": ["59001"], "support": support})
    for _ in range(2):
        answer(survey, {"priorities": ["climate"], "zip": ["53703"], "support": ["legal"]})
    legal_wi = Resource.objects.create(
        title="Legal clinic", summary="x", kind="legal", states="WI", status="approved"
    )
    legal_wi.topics.add(legal)
    pending = Resource.objects.create(title="Data pending", summary="x", kind="data", states="MT")
    pending.topics.add(data)
    return survey


def rows(page: str) -> list[str]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [r for r in body.split("<tr>") if r.strip()]


def test_the_largest_unmet_need_comes_first(client, leader, needs_survey):
    client.force_login(leader)

    page = client.get(URL).content.decode()

    ranked = rows(page)
    assert "Data and voter files" in ranked[0] and "Montana, rural" in ranked[0]
    assert '<td class="num">3</td>' in ranked[0] and "75%" in ranked[0]
    assert 'gap-none">none' in ranked[0]  # the only data resource for Montana is not approved
    wi = next(r for r in ranked if "Wisconsin" in r)
    assert "Legal" in wi and '<td class="num">1</td>' in wi
    assert "2 with no resource for their state" in page


def test_the_report_filters_by_state_and_area_type(client, leader, needs_survey):
    client.force_login(leader)

    page = client.get(URL, {"state": "WI", "area_type": "urban"}).content.decode()

    assert len(rows(page)) == 1
    assert "Montana" not in page.split("<tbody>")[1]


def test_tampered_filters_are_ignored(client, leader, needs_survey):
    client.force_login(leader)

    response = client.get(URL, {"state": "<x>", "area_type": "moon", "survey": "999"})

    assert response.status_code == 200
    assert len(rows(response.content.decode())) == 3


def test_an_outsider_is_refused(client, outsider, needs_survey):
    client.force_login(outsider)

    assert client.get(URL).status_code == 403


def test_the_public_is_sent_to_sign_in(client, needs_survey):
    assert client.get(URL).status_code == 302
