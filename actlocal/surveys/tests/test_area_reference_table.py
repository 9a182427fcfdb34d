"""Staff load and edit the county table that gives each response its area type and lean."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actlocal.core.models import CountyProfile
from actlocal.surveys.models import AnswerTally, Response

pytestmark = pytest.mark.django_db


def test_staff_see_each_county_with_its_source_and_year(client, staff, counties):
    client.force_login(staff)

    page = client.get("/surveys/areas/?state=WI").content.decode()

    assert "Dane County, WI" in page
    assert "Test table" in page and "2016" in page
    assert "Stillwater County" not in page


def test_a_csv_updates_and_adds_counties_and_reports_bad_rows(client, staff, counties):
    client.force_login(staff)
    text = ("state,county,area_type,lean,source,year\n"
            "WI,Dane County,urban,purple,Cook PVI,2020\n"
            "MN,Hennepin County,urban,blue,Cook PVI,2020\n"
            "XX,Nowhere County,urban,blue,Cook PVI,2020\n"
            "MN,Cook County,remote,teal,,20\n")  # fmt: skip

    page = client.post(
        "/surveys/areas/", {"file": SimpleUploadedFile("c.csv", text.encode(), "text/csv")}
    ).content.decode()

    assert "1 counties added, 1 updated." in page
    assert "Row 4: “XX” is not a state abbreviation." in page
    assert "Row 5: area type must be rural, suburban or urban." in page
    assert "Row 5: year must be a year such as 2016." in page
    assert CountyProfile.objects.get(state="WI").lean == "purple"
    assert CountyProfile.objects.filter(state="MN", county="Hennepin County").exists()


def test_an_edit_can_be_reapplied_to_earlier_answers(client, staff, answered):
    client.force_login(staff)
    dane = CountyProfile.objects.get(state="WI")

    client.post(f"/surveys/areas/{dane.pk}/", {"area_type": "suburban", "lean": "purple", "source": "Recount",
                                               "year": "2024", "reapply": "on"})  # fmt: skip

    assert set(Response.objects.filter(county="Dane County").values_list("area_type", flat=True)) == {
        "suburban"
    }
    assert not AnswerTally.objects.filter(area_type="urban").exists()
    cells = AnswerTally.objects.filter(
        question__key="priorities", bucket="", area_type="suburban", lean="purple"
    )
    assert {c.state: c.count for c in cells} == {"WI": 4, "GA": 4}


def test_a_leader_cannot_see_or_edit_the_table(client, leader, counties):
    client.force_login(leader)
    dane = CountyProfile.objects.get(state="WI")

    assert client.get("/surveys/areas/").status_code == 403
    assert client.post(f"/surveys/areas/{dane.pk}/", {"area_type": "rural", "lean": "red", "source": "x",
                                                      "year": "2020"}).status_code == 403  # fmt: skip
    assert CountyProfile.objects.get(pk=dane.pk).lean == "blue"
