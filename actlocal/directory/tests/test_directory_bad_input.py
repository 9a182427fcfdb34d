"""Hand-made URLs and forged form posts on the directory's write pages get clear answers, never a 500."""

import pytest
from django.urls import reverse

HUGE = 10**30


@pytest.mark.parametrize(
    "path",
    [
        f"/leaders/{HUGE}/",
        f"/leaders/{HUGE}/photo/",
        f"/leaders/{HUGE}/contact/",
        f"/resources/{HUGE}/",
        f"/resources/{HUGE}/download/",
    ],
)
def test_absurd_ids_are_not_found(client, staff, path):
    client.force_login(staff)
    assert client.get(path).status_code == 404


def test_forged_link_and_review_posts_are_refused_politely(client, staff, partner_group):
    client.force_login(staff)
    add = reverse("directory:group_affiliation_add", args=[partner_group.slug])
    assert client.post(add, {"person": str(HUGE)}).status_code in {302, 404}
    assert client.post(add, {"person": "abc"}).status_code == 302
    assert client.post(f"/resources/{HUGE}/review/", {"decision": "approve"}).status_code == 404
    assert client.post(f"/leaders/{HUGE}/invite/").status_code == 404


def test_wrong_methods_are_refused(client, staff):
    client.force_login(staff)
    assert client.get(reverse("directory:my_privacy")).status_code == 405
    assert client.post(reverse("directory:leader_detail", args=[1])).status_code == 405
