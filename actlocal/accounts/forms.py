from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.utils.translation import gettext_lazy as _

from actlocal.accounts import selectors
from actlocal.accounts.models import Invitation, User


class SignupExtraForm(forms.Form):
    """Fields allauth's signup form gains: the name people see."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class InvitationForm(forms.Form):
    """Who to invite, and to what. The role and group choices are only those the inviter may give."""

    email = forms.EmailField(
        label=_("Their e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Invite them as"))
    group = forms.ModelChoiceField(
        label=_("Partner group"),
        queryset=None,
        required=False,
        help_text=_("Only for a partner-group admin: the group they will help run."),
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        roles = selectors.invitation_roles_for(inviter)
        self.fields["role"].choices = [
            (value, label) for value, label in Invitation.Role.choices if value in roles
        ]
        self.fields["group"].queryset = selectors.groups_administered_by(inviter).order_by("name")
        if roles == [Invitation.Role.GROUP_ADMIN]:
            # Group admins can only invite co-admins, so the group is what they must choose.
            self.fields["group"].required = True
            self.fields["group"].help_text = _("The group they will help run with you.")

    def clean(self):
        data = super().clean()
        role, group = data.get("role"), data.get("group")
        if role == Invitation.Role.GROUP_ADMIN and group is None and "group" not in self.errors:
            self.add_error("group", _("Choose the partner group they will help run."))
        elif role and role != Invitation.Role.GROUP_ADMIN and group is not None:
            self.add_error("group", _("Leave this empty unless you are inviting a partner-group admin."))
        return data


class InvitationSignupForm(forms.Form):
    """Create an account from an invitation; the address is the invitation's and cannot be changed."""

    email = forms.EmailField(
        label=_("E-mail address"),
        disabled=True,
        required=False,
        help_text=_("The address this invitation was sent to."),
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["email"].initial = invitation.email

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords differ."))
            else:
                try:
                    # Checked here too (the service checks again) so the error sits beside the field.
                    validate_password(password1, User(email=self.invitation.email, name=data.get("name", "")))
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return data
