"""A profile, the profile editor with its privacy panel, a group page and the resource form in a real
browser: no WCAG 2.1 AA violation by axe-core, and the profile editor works by keyboard."""

import pytest

from actlocal.core.browser import axe_violations, browser_page, sign_in_as
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Topic
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    lena = make_user("lena@actlocal.test", name="Lena Leader", is_member=True)
    group = PartnerGroup.objects.create(
        name="Madison Rising",
        slug="madison-rising",
        state="WI",
        city="Madison",
        mission="Neighbors together.",
        social_links={"facebook": "https://facebook.com/mr"},
        contact_email="hi@mr.example.org",
    )
    person = Person.objects.create(
        user=lena,
        first_name="Lena",
        last_name="Leader",
        leader_type="community",
        email="lena@actlocal.test",
        city="Madison",
        state="WI",
        zip_code="53703",
        bio="Tenant organizer.",
        name_visibility="public",
        place_visibility="public",
        bio_visibility="public",
    )
    Affiliation.objects.create(person=person, group=group, role="Chair")
    Topic.objects.create(kind="issue", slug="housing", name="Housing")
    Topic.objects.create(kind="skill", slug="canvassing", name="Canvassing")
    return {"url": live_server.url, "lena": lena, "person": person, "group": group}


def test_a_profile_and_a_group_page_pass_axe(site):
    with browser_page() as page:
        assert page.goto(site["url"] + site["person"].get_absolute_url()).status == 200
        assert page.locator("h1").inner_text() == "Lena Leader"
        assert axe_violations(page) == []
        assert page.goto(site["url"] + site["group"].get_absolute_url()).status == 200
        assert "Lena Leader" in page.locator("main").inner_text()
        assert axe_violations(page) == []


def test_the_profile_editor_and_the_resource_form_pass_axe(site):
    with browser_page(width=390, height=844) as page:
        sign_in_as(page, site["url"], site["lena"])
        assert page.goto(site["url"] + "/leaders/me/").status == 200
        assert page.locator("h1").inner_text() == "My profile"
        assert page.locator("#privacy-title").is_visible()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.goto(site["url"] + "/resources/submit/").status == 200
        assert axe_violations(page) == []


def test_the_profile_editor_works_by_keyboard(site):
    with browser_page() as page:
        sign_in_as(page, site["url"], site["lena"])
        page.goto(site["url"] + "/leaders/me/")
        page.locator("#id_pronouns").focus()
        page.keyboard.type("she/her")
        page.keyboard.press("Tab")  # leader type
        page.keyboard.press("Tab")  # ZIP code
        page.keyboard.press("Control+A")
        page.keyboard.type("10001")
        page.keyboard.press("Tab")  # first issue checkbox
        page.keyboard.press("Space")
        page.locator("#id_bio").focus()
        page.keyboard.press("Enter")  # a new line in the bio, not a submit
        page.locator("form[action='/leaders/me/'] button[type=submit]").focus()
        with page.expect_navigation():  # the page posts to, and returns to, the same address
            page.keyboard.press("Enter")
        assert "Your profile was saved." in page.locator(".messages").inner_text()
        # The privacy panel, by keyboard: e-mail to "Only me".
        page.locator("#id_email_visibility").focus()
        page.keyboard.press("End")
        page.locator("form[action='/leaders/me/privacy/'] button[type=submit]").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/leaders/me/")
        assert "Your privacy settings were saved." in page.locator(".messages").inner_text()
    person = Person.objects.get(pk=site["person"].pk)
    assert (person.pronouns, person.city) == ("she/her", "New York")
    assert [t.slug for t in person.topics.all()] == ["housing"]
    assert person.email_visibility == "private"
