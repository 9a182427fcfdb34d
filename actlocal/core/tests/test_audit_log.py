from django.http import HttpResponse
from django.test import RequestFactory

from actlocal.core.audit import audit_log, audit_trail
from actlocal.core.middleware import RequestContextMiddleware
from actlocal.directory.models import PartnerGroup


def test_an_audit_entry_records_who_did_what_to_which_record_and_from_where(staff, partner_group):
    def view(request):
        audit_log(action="group.update", actor=staff, target=partner_group, changes={"name": ["Old", "New"]})
        return HttpResponse()

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone/1.0")
    RequestContextMiddleware(view)(request)

    entry = audit_trail(partner_group).get()
    assert entry.actor == staff and entry.actor_repr == staff.email
    assert entry.action == "group.update"
    assert entry.target_type == "directory.partnergroup" and entry.target_id == str(partner_group.pk)
    assert entry.changes == {"name": ["Old", "New"]}
    assert entry.ip_address == "203.0.113.9" and entry.user_agent == "Phone/1.0"
    assert entry.created_at is not None


def test_system_actions_have_no_actor_and_no_origin(db):
    group = PartnerGroup.objects.create(name="G", slug="g")
    entry = audit_log(action="group.seed", target=group)
    assert entry.actor is None and entry.ip_address is None
