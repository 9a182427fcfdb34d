"""Images and PDFs can be attached: checked by content, size-limited, streamed only to readers."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actlocal.directory.tests.profile_helpers import read_streamed
from actlocal.network.models import Attachment, Thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(name="chart.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _post(client, space, files, title="With files"):
    return client.post(
        reverse("network:thread_new", args=[space.slug]),
        {"kind": "discussion", "title": title, "body": "See attached.", "files": files},
    )


def test_an_image_and_a_pdf_are_attached_and_shown_to_readers(client, leader, marco, troubleshooting):
    client.force_login(leader)
    response = _post(
        client,
        troubleshooting,
        [_png(), SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf")],
    )
    assert response.status_code == 302
    image, pdf = Attachment.objects.order_by("id")
    assert (image.file_type, pdf.file_type) == ("image/png", "application/pdf")
    client.force_login(marco)
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    assert 'alt="chart.png"' in page and "flyer.pdf" in page
    download = client.get(reverse("network:attachment", args=[pdf.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    assert "sandbox" in download["Content-Security-Policy"]
    assert read_streamed(download) == PDF
    inline = client.get(reverse("network:attachment", args=[image.pk]))
    read_streamed(inline)
    assert inline["Content-Disposition"].startswith("inline")


def test_a_file_that_lies_about_its_type_is_refused_and_the_text_kept(client, leader, troubleshooting):
    client.force_login(leader)
    fake = SimpleUploadedFile(
        "photo.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = _post(client, troubleshooting, [fake], title="Keep my title")
    assert response.status_code == 400
    page = response.content.decode()
    assert "not one of the allowed types" in page and "Keep my title" in page
    assert not Thread.objects.exists() and not Attachment.objects.exists()


def test_a_word_document_is_refused(client, leader, troubleshooting):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    client.force_login(leader)
    response = _post(client, troubleshooting, [SimpleUploadedFile("notes.docx", out.getvalue())])
    assert response.status_code == 400 and not Thread.objects.exists()


def test_a_file_over_the_limit_is_refused(client, leader, troubleshooting, settings):
    settings.NETWORK_ATTACHMENT_MAX_BYTES = 20
    client.force_login(leader)
    response = _post(client, troubleshooting, [_png()])
    assert response.status_code == 400 and "the limit is 20" in response.content.decode()


def test_attachments_are_not_in_public_media(client, leader, troubleshooting, settings):
    client.force_login(leader)
    _post(client, troubleshooting, [_png()])
    attachment = Attachment.objects.get()
    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))
    client.logout()
    assert client.get(reverse("network:attachment", args=[attachment.pk])).status_code == 404
