"""The review queue (pairs side by side, with the reasons) and the list of merges, each undoable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.core.visibility import can_view
from actlocal.imports import selectors, services
from actlocal.imports.forms import DecisionForm
from actlocal.imports.models import DuplicatePair, Kind

PERSON_FIELDS = ["first_name", "last_name", "email", "phone", "street_address", "zip_code", "city", "state",
                 "languages", "website"]  # fmt: skip
# Marks a value the reviewer may not see; the template says so instead of showing it.
HIDDEN = object()
GROUP_FIELDS = ["name", "website", "contact_email", "contact_phone", "zip_code", "city", "state"]


@login_required
@require_safe
def review_queue(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in {Kind.PEOPLE, Kind.GROUPS} else None
    pairs = selectors.pending_pairs(request.user, kind=kind)[:200]
    return render(request, "imports/review_queue.html", {"pairs": pairs, "kind": kind})


def _side(obj, fields, viewer):
    """One record's values as the reviewer may see them (a leader's "only me" field stays hidden, even
    from staff), each with where it came from (survivorship keeps the source of each field)."""
    records = selectors.records_of(obj)
    by_id = {r.pk: f"{r.source.name}: {r.external_id}" for r in records}
    provenance = getattr(obj, "field_sources", None) or {}
    origins = [by_id.get(provenance.get(f), "") for f in fields]
    values = [
        getattr(obj, f) if f not in obj.VISIBILITY or can_view(obj, f, viewer) else HIDDEN for f in fields
    ]
    return {"obj": obj, "values": values, "origins": origins, "records": records}


@login_required
@require_http_methods(["GET", "POST"])
def review_pair(request, pair_id: int):
    pair = selectors.pair_for(user=request.user, pair_id=pair_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge = services.pair_decide(
                pair=pair, same=form.cleaned_data["decision"] == "merge", actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if merge is None:
                messages.success(request, _("Kept as two separate records."))
            else:
                messages.success(request, _("Merged. You can undo it from the list of merges."))
            return redirect("imports:review")
    if pair.status != DuplicatePair.Status.PENDING:
        messages.info(request, _("This pair has already been decided."))
        return redirect("imports:review")
    fields = PERSON_FIELDS if pair.kind == Kind.PEOPLE else GROUP_FIELDS
    left, right = _side(pair.left, fields, request.user), _side(pair.right, fields, request.user)
    model = type(pair.left)
    rows = [
        {
            "field": model._meta.get_field(f).verbose_name,
            "left": lv,
            "right": rv,
            "left_origin": lo,
            "right_origin": ro,
            "left_hidden": lv is HIDDEN,
            "right_hidden": rv is HIDDEN,
            "differs": HIDDEN not in (lv, rv)
            and bool(lv)
            and bool(rv)
            and str(lv).casefold() != str(rv).casefold(),
        }
        for f, lv, rv, lo, ro in zip(
            fields, left["values"], right["values"], left["origins"], right["origins"], strict=True
        )
    ]
    context = {"pair": pair, "form": form, "left": left, "right": right, "rows": rows}
    return render(request, "imports/review_pair.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def merge_list(request):
    merges = list(selectors.merges_for(request.user))
    names = selectors.names_for_merges(merges)
    items = [{"merge": m, "name": names.get((m.kind, m.survivor_id), "")} for m in merges]
    return render(request, "imports/merge_list.html", {"items": items})


@login_required
@require_POST
def merge_undo(request, merge_id: int):
    merge = selectors.merge_for(user=request.user, merge_id=merge_id)
    try:
        services.person_unmerge(merge=merge, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Unmerged: both records exist again, each with its own links."))
    return redirect("imports:merges")


@login_required
@require_POST
def find_duplicates(request, kind: str):
    selectors.pending_pairs(request.user)  # the permission check
    if kind not in {Kind.PEOPLE, Kind.GROUPS}:
        raise Http404
    finder = services.people_find_duplicates if kind == Kind.PEOPLE else services.groups_find_duplicates
    made = finder(actor=request.user)
    messages.success(
        request, _("%(count)s new possible duplicates are waiting for review.") % {"count": made}
    )
    return redirect("imports:review")
