"""A leader's own profile and privacy panel; staff adding leaders and inviting them to claim a record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.accounts.selectors import user_is_member, user_is_staff
from actlocal.core.places import PlaceError
from actlocal.directory import selectors, services
from actlocal.directory.forms import ClaimInvitationForm, PrivacyForm, ProfileForm


def _render_profile(request, person, form, privacy_form, status=200):
    context = {
        "person": person,
        "form": form,
        "privacy_form": privacy_form,
        "previews": selectors.profile_previews(person) if person else [],
    }
    return render(request, "directory/profile_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    person = selectors.my_person(request.user)
    if person is None and not user_is_member(request.user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST":
        if form.is_valid():
            try:
                if person is None:
                    services.person_create_for_user(user=request.user, data=form.profile_data())
                    messages.success(request, _("Your leader profile is ready. Check who sees what below."))
                else:
                    services.person_update(person=person, actor=request.user, data=form.profile_data())
                    messages.success(request, _("Your profile was saved."))
            except (ValidationError, PlaceError) as exc:
                form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
            else:
                return redirect("directory:my_profile")
        # The photo cannot be kept across a failed post; everything else the person typed is.
        return _render_profile(request, person, form, PrivacyForm(instance=person) if person else None, 400)
    return _render_profile(request, person, form, PrivacyForm(instance=person) if person else None)


@login_required
@require_POST
def my_privacy(request):
    person = selectors.my_person(request.user)
    if person is None:
        raise PermissionDenied
    privacy_form = PrivacyForm(request.POST, instance=person)
    if privacy_form.is_valid():
        try:
            services.person_set_visibility(person=person, actor=request.user, data=privacy_form.cleaned_data)
        except ValidationError as exc:
            privacy_form.add_error(None, exc)
        else:
            messages.success(request, _("Your privacy settings were saved."))
            return redirect("directory:my_profile")
    return _render_profile(request, person, ProfileForm(instance=person), privacy_form, 400)


@login_required
@require_http_methods(["GET", "POST"])
def leader_new(request):
    """Staff add a leader who has no account; the next step is inviting her to claim the record."""
    if not user_is_staff(request.user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_create_by_staff(actor=request.user, data=form.profile_data())
        messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "directory/leader_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def leader_invite(request, pk: int):
    person = selectors.leader_for_staff(user=request.user, pk=pk)
    form = ClaimInvitationForm(request.POST)
    if form.is_valid():
        try:
            services.person_invite_to_claim(
                person=person, actor=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("An invitation to claim this profile was sent."))
    else:
        messages.error(request, _("The message is too long."))
    return redirect(person)
