"""The import pages in a real browser: upload, map, check, import with the progress bar, review; axe-core
on each page; the progress panel updates itself while the task runs."""

from __future__ import annotations

import pytest

from actlocal.core.browser import axe_violations, browser_page, sign_in_as
from actlocal.imports.models import DuplicatePair, ImportBatch, Source
from actlocal.imports.tests.conftest import ACTION_NETWORK, MOBILIZE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch, staff):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


def upload(page, site, tmp_path, name, content, source):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.goto(site + "/imports/")
    page.locator("#id_source").fill(source)
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and map columns").click()
    page.wait_for_url("**/mapping/")


def test_two_lists_import_through_the_pages_and_every_page_passes_axe(site, staff, tmp_path):
    with browser_page() as page:
        sign_in_as(page, site, staff)
        page.goto(site + "/imports/")
        assert axe_violations(page) == []
        upload(page, site, tmp_path, "an.csv", ACTION_NETWORK, "Action Network")
        assert axe_violations(page) == []
        assert page.locator("#id_col_1").input_value() == "first_name"
        page.get_by_role("button", name="Check every row").click()
        page.get_by_role("button", name="Import", exact=True).click()
        page.wait_for_selector("text=New people or groups")
        assert page.locator("#import-bar").get_attribute("value") == "100"
        assert axe_violations(page) == []

        upload(
            page,
            site,
            tmp_path,
            "mobilize.csv",
            MOBILIZE.replace("m-13;Ana;Ruiz", "m-13;Anna;Ruiz"),
            "Mobilize",
        )
        page.locator("#id_col_0").focus()
        page.keyboard.press("Tab")  # the mapping table is reachable by keyboard
        page.get_by_role("button", name="Check every row").click()
        page.get_by_role("button", name="Import", exact=True).click()
        page.wait_for_selector("text=Pairs waiting for review")
        page.goto(site + "/imports/review/")
        assert axe_violations(page) == []
        assert DuplicatePair.objects.filter(status="pending").count() == 1  # Anna Ruiz, with another e-mail
        page.locator(".results a").first.click()
        assert axe_violations(page) == []
        page.locator("#decision-merge").check()
        page.get_by_role("button", name="Record decision").click()
        page.wait_for_url("**/imports/review/")
        assert DuplicatePair.objects.filter(status="pending").count() == 0
        page.goto(site + "/imports/merges/")
        assert axe_violations(page) == []


def test_the_progress_bar_follows_a_running_import_without_reloading(site, staff):
    batch = ImportBatch.objects.create(source=Source.objects.create(name="S"), original_name="big.csv", sha256="0",
                                       status="running", phase="writing", total_rows=1000, processed_rows=100)  # fmt: skip
    with browser_page() as page:
        sign_in_as(page, site, staff)
        page.goto(f"{site}/imports/{batch.pk}/")
        assert page.locator("#import-bar").get_attribute("value") == "10"
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=600)
        page.wait_for_function("document.querySelector('#import-bar').value == 60", timeout=5000)
        ImportBatch.objects.filter(pk=batch.pk).update(status="done", processed_rows=1000)
        page.wait_for_function("document.querySelector('#import-bar').value == 100", timeout=5000)
        assert "Imported" in page.locator("#import-progress").inner_text()
