"""Staff look into cases in the admin; threads, reports and suspensions are read-only there."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["space", "thread", "report", "suspension", "tag"])
def test_staff_open_the_network_admin_lists(client, staff, model, troubleshooting):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get(f"/admin/network/{model}/").status_code == 200


def test_threads_cannot_be_added_in_the_admin(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get("/admin/network/thread/add/").status_code == 403
