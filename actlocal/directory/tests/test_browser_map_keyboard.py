"""The leaders map in a real browser on a phone: the SVG map renders, a state is reached by Tab and
followed with Enter, the table is there, Leaflet adds city markers without tiles (no network in tests),
and axe-core finds no WCAG 2.1 AA violations."""

import pytest

from actlocal.core import places
from actlocal.core.browser import axe_violations, browser_page
from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    for i, zip_code in enumerate(["53703", "53703", "53202", "35203"]):
        person = Person(
            first_name=f"Leader{i}",
            leader_type="community",
            name_visibility=Visibility.PUBLIC,
            place_visibility=Visibility.PUBLIC,
        )
        person.set_place(places.place_for_zip(zip_code))
        person.save()
    group = PartnerGroup(name="Madison Rising", slug="madison-rising")
    group.set_place(places.place_for_zip("53703"))
    group.save()
    return live_server.url


def open_map(page, url):
    # No network in tests: every tile request fails, as it would offline.
    page.route("https://**/*", lambda route: route.abort())
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_load_state("load")


def test_the_leaders_map_works_by_keyboard_on_a_phone_and_passes_axe(site):
    with browser_page(width=360, height=780) as page:
        open_map(page, site + "/leaders/map/")
        svg = page.locator("svg.statemap-svg")
        assert svg.is_visible()
        assert svg.bounding_box()["width"] <= 360
        assert page.locator("svg.statemap-svg a").count() == 51
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert "Wisconsin" in page.locator("table.statemap-table").inner_text()
        # Leaflet came up with one marker per city, even though no tile loaded.
        assert page.locator("#city-map").is_visible()
        assert page.locator(".city-marker").count() == 3
        assert page.locator(".city-marker[aria-label='Madison, WI: 2 leaders']").count() == 1
        assert axe_violations(page) == []
        # From the filter's Apply button, Tab reaches the first state; Enter opens its filtered list.
        page.locator("form.filters button[type=submit]").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Alabama: 1 leader"
        page.keyboard.press("Enter")
        page.wait_for_url("**/leaders/?state=AL")
        assert "Leader3" in page.locator(".results").inner_text()


@pytest.mark.parametrize("path", ["/groups/map/", "/resources/map/"])
def test_the_other_maps_pass_axe_on_a_phone(site, path):
    with browser_page(width=360, height=780) as page:
        open_map(page, site + path)
        assert page.locator("svg.statemap-svg a").count() == 51
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(page) == []
