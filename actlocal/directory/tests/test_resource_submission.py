"""Members submit resources (link and/or a file judged by its content); staff and the provider group
review them; only approved ones are public; files download as attachments."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.directory.models import PartnerGroup, Resource

from .profile_helpers import png_bytes, read_streamed

SUBMIT = reverse("directory:resource_submit")
QUEUE = reverse("directory:resource_review_queue")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _form(**overrides):
    data = {
        "title": "Tenant organizing toolkit",
        "summary": "How to start a tenants' union.",
        "kind": "toolkit",
        "audience": "Tenants",
        "language": "en",
        "states": ["WI", "MN"],
        "url": "https://example.org/toolkit",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _file(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_member_submits_a_link_and_it_waits_for_review(client, leader):
    client.force_login(leader)
    assert client.get(SUBMIT).status_code == 200
    response = client.post(SUBMIT, _form())
    resource = Resource.objects.get()
    assert response.status_code == 302 and resource.status == "pending"
    assert resource.states == "WI,MN" and resource.submitted_by == leader
    assert "Waiting for review" in client.get(resource.get_absolute_url()).text
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert "Tenant organizing toolkit" not in client.get(reverse("directory:resources")).text


@pytest.mark.parametrize("who", ["outsider", "public"])
def test_the_public_and_outsiders_cannot_submit(client, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
        assert client.post(SUBMIT, _form()).status_code == 403
    else:
        assert client.post(SUBMIT, _form()).status_code == 302
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "detected"),
    [
        ("guide.pdf", PDF, "pdf"),
        ("plan.docx", _docx(), "docx"),
        ("list.csv", b"name,zip\nAna,53703\n", "csv"),
        ("logo.png", png_bytes(), "png"),
    ],
)
def test_allowed_files_are_stored_under_a_random_name(client, leader, tmp_media, name, content, detected):
    client.force_login(leader)
    assert client.post(SUBMIT, _form(url="", file=_file(name, content))).status_code == 302
    resource = Resource.objects.get()
    assert resource.file.name.endswith("." + detected) and name.split(".")[0] not in resource.file.name
    assert resource.file_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "not one of the allowed types"),
        ("report.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "not one of the allowed types"),
        ("notes.txt", b"<html><body>hi</body></html>", "not one of the allowed types"),
        ("report.docx", PDF, "named “.docx” but its content is PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "damaged"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_files_that_lie_about_their_type_are_refused_beside_the_field(
    client, leader, tmp_media, name, content, message
):
    client.force_login(leader)
    response = client.post(SUBMIT, _form(file=_file(name, content)))
    assert response.status_code == 400
    assert message in response.text
    assert "Tenant organizing toolkit" in response.text  # what was typed is kept
    assert not Resource.objects.exists()


def test_a_file_over_20_mb_is_refused(client, leader, tmp_media):
    client.force_login(leader)
    response = client.post(SUBMIT, _form(file=_file("big.pdf", PDF + b"0" * (20 * 1024 * 1024))))
    assert response.status_code == 400 and "the limit is 20.0" in response.text


def test_neither_a_link_nor_a_file_is_explained(client, leader):
    client.force_login(leader)
    response = client.post(SUBMIT, _form(url=""))
    assert response.status_code == 400 and "Give a link, upload a file, or both." in response.text


def test_a_non_web_link_is_refused(client, leader):
    client.force_login(leader)
    response = client.post(SUBMIT, _form(url="javascript:alert(1)"))
    assert response.status_code == 400 and "Enter a valid URL." in response.text


def test_staff_approve_and_the_submitter_is_told(client, post, leader, staff):
    client.force_login(leader)
    client.post(SUBMIT, _form())
    resource = Resource.objects.get()
    client.force_login(staff)
    assert "Tenant organizing toolkit" in client.get(QUEUE).text
    response = post(
        reverse("directory:resource_review", args=[resource.pk]), {"decision": "approve", "note": "Great"}
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == "approved" and resource.reviewed_by == staff
    assert resource.last_checked == timezone.localdate()
    [email] = mail.outbox
    assert email.to == [leader.email] and "is now listed" in email.subject and "Great" in email.body
    assert audit_trail(resource).filter(action="resource.approve").exists()
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 200
    assert "Tenant organizing toolkit" in client.get(reverse("directory:resources")).text


def test_the_provider_groups_admin_reviews_only_her_groups_resources(
    client, post, leader, group_admin, partner_group
):
    other = PartnerGroup.objects.create(name="Other", slug="other")
    mine = Resource.objects.create(
        title="Ours", summary="s", kind="guide", provider=partner_group, submitted_by=leader
    )
    theirs = Resource.objects.create(title="Theirs", summary="s", kind="guide", provider=other)
    client.force_login(group_admin)
    queue = client.get(QUEUE).text
    assert "Ours" in queue and "Theirs" not in queue
    assert (
        post(reverse("directory:resource_review", args=[theirs.pk]), {"decision": "approve"}).status_code
        == 403
    )
    assert (
        post(
            reverse("directory:resource_review", args=[mine.pk]), {"decision": "reject", "note": "Outdated"}
        ).status_code
        == 302
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("rejected", "pending")
    [email] = mail.outbox
    assert "was not approved" in email.subject and "Outdated" in email.body


def test_members_and_outsiders_have_no_review_queue(client, leader, outsider):
    resource = Resource.objects.create(title="T", summary="s", kind="guide")
    for user in (leader, outsider):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403
        assert (
            client.post(
                reverse("directory:resource_review", args=[resource.pk]), {"decision": "approve"}
            ).status_code
            == 403
        )
    resource.refresh_from_db()
    assert resource.status == "pending"


def test_files_download_as_attachments_that_cannot_be_sniffed(client, leader, staff, tmp_media):
    client.force_login(leader)
    client.post(SUBMIT, _form(file=_file("guide.pdf", PDF)))
    resource = Resource.objects.get()
    resource.status = "approved"
    resource.save()
    client.logout()
    page = client.get(resource.get_absolute_url()).text
    download = reverse("directory:resource_download", args=[resource.pk])
    assert download in page and "Download (PDF)" in page and "/media/" not in page
    response = client.get(download)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert read_streamed(response) == PDF


def test_a_pending_file_is_not_downloadable_by_the_public(client, leader, tmp_media):
    client.force_login(leader)
    client.post(SUBMIT, _form(file=_file("guide.pdf", PDF)))
    client.logout()
    assert (
        client.get(reverse("directory:resource_download", args=[Resource.objects.get().pk])).status_code
        == 404
    )


def test_staff_mark_a_resource_checked_today_and_members_cannot(client, staff, leader):
    resource = Resource.objects.create(title="T", summary="s", kind="guide", status="approved")
    url = reverse("directory:resource_checked", args=[resource.pk])
    client.force_login(leader)
    assert "Mark as checked today" not in client.get(resource.get_absolute_url()).text
    assert client.post(url).status_code == 403
    client.force_login(staff)
    assert client.post(url).status_code == 302
    resource.refresh_from_db()
    assert resource.last_checked == timezone.localdate()
