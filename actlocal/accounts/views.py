from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.accounts import selectors, services
from actlocal.accounts.forms import InvitationForm, InvitationSignupForm
from actlocal.accounts.models import Invitation


def _add_service_errors(form, exc: ValidationError) -> None:
    field = "group" if getattr(exc, "code", None) in {"group", "group_required"} else None
    form.add_error(field, exc)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request):
    if not selectors.user_can_invite(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                group=form.cleaned_data["group"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:invitation_list")
    return render(request, "accounts/invitation_form.html", {"form": form})


@login_required
@require_safe
def invitation_list(request):
    if not selectors.user_can_invite(request.user):
        raise PermissionDenied
    page = Paginator(selectors.invitations_managed_by(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/invitation_list.html", {"page_obj": page})


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = selectors.invitation_for_manager(user=request.user, invitation_id=pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("accounts:invitation_list")


def _unusable(request, invitation: Invitation | None):
    """The page for a link that cannot be used, with the status that says why, or None if usable."""
    if invitation is None:
        state, status = "invalid", 404
    elif invitation.status == "pending":
        return None
    else:
        # accepted, revoked or expired: the link existed and is gone for good.
        state, status = invitation.status, 410
    context = {"state": state, "invitation": invitation}
    return render(request, "accounts/invitation_unusable.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Where an invitation e-mail's link lands: create an account, or accept with the current one."""
    invitation = selectors.invitation_for_token(token)
    if (response := _unusable(request, invitation)) is not None:
        return response
    context = {"invitation": invitation}
    user = request.user

    if user.is_authenticated:
        if not selectors.user_owns_email(user=user, email=invitation.email):
            context["state"] = "wrong_account"
            return render(request, "accounts/invitation_accept.html", context, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except ValidationError:
                # Used or withdrawn between the page load and the click: say which.
                invitation.refresh_from_db()
                return _unusable(request, invitation)
            messages.success(request, _("Welcome! Your invitation is accepted."))
            return redirect(_after_accepting(invitation))
        context["state"] = "confirm"
        return render(request, "accounts/invitation_accept.html", context)

    if selectors.account_exists_for_email(invitation.email):
        context["state"] = "sign_in"
        context["login_url"] = reverse("account_login") + "?" + urlencode({"next": request.path})
        return render(request, "accounts/invitation_accept.html", context)

    form = InvitationSignupForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.user_create_from_invitation(
                invitation=invitation, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            get_adapter(request).login(request, new_user)
            messages.success(request, _("Welcome to ActLocal! Your account is ready."))
            return redirect(_after_accepting(invitation))
    context.update(state="sign_up", form=form)
    return render(request, "accounts/invitation_accept.html", context)


def _after_accepting(invitation) -> str:
    """Where a new member lands: the leader profile she just claimed, her group, or the home page."""
    if invitation.person_id is not None:
        return reverse("directory:my_profile")
    if invitation.group is not None:
        return invitation.group.get_absolute_url()
    return reverse("home")
