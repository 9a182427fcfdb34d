"""Staff keep the county reference table: area type and lean per county, with source and year."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from actlocal.core.listing import paginate
from actlocal.core.models import CountyProfile
from actlocal.core.models_area import AreaType, Lean
from actlocal.core.places import is_state, state_choices
from actlocal.surveys.services import areas


class ProfileUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file: state, county, area_type, lean, source, year"))


class ProfileForm(forms.Form):
    area_type = forms.ChoiceField(label=gettext_lazy("Area type"), choices=AreaType.choices)
    lean = forms.ChoiceField(label=gettext_lazy("Partisan lean"), choices=Lean.choices)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900, max_value=2100)
    reapply = forms.BooleanField(
        label=gettext_lazy("Also apply to answers already given from this county (re-counts their analysis)"),
        required=False,
    )


def _staff_only(view):
    # Staff only; signed-in others get a 403 rather than the admin's sign-in page.
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@_staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def area_profiles(request):
    form = ProfileUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = areas.county_profiles_import(actor=request.user, content=form.cleaned_data["file"].read())
    state = request.GET.get("state", "").upper()
    profiles = CountyProfile.objects.all()
    if state and is_state(state):
        profiles = profiles.filter(state=state)
    context = {
        "form": form,
        "report": report,
        "page": paginate(profiles.order_by("state", "county"), request.GET.get("page", "1"), per_page=50),
        "states": state_choices(),
        "state": state,
    }
    return render(request, "surveys/areas.html", context, status=400 if form.errors else 200)


@_staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def area_profile_edit(request, pk: int):
    profile = get_object_or_404(CountyProfile, pk=pk)
    initial = {
        "area_type": profile.area_type,
        "lean": profile.lean,
        "source": profile.source,
        "year": profile.year,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            areas.county_profile_update(actor=request.user, profile=profile, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(county)s saved.") % {"county": str(profile)})
            return redirect(f"/surveys/areas/?state={profile.state}")
    return render(request, "surveys/area_edit.html", {"form": form, "profile": profile},
                  status=400 if form.errors else 200)  # fmt: skip
