from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actlocal.accounts import services
from actlocal.accounts.models import Invitation, User
from actlocal.core.admin import NetworkStaffMayView
from actlocal.core.audit import audit_log


class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "name")
        field_classes = {}


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        field_classes = {}


@admin.register(User)
class UserAdmin(NetworkStaffMayView, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ("email", "name", "is_staff", "is_member", "is_active", "date_joined")
    list_filter = ("is_staff", "is_member", "is_active", "is_superuser", "language")
    search_fields = ("email", "name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "language")}),
        (
            _("Roles"),
            {"fields": ("is_active", "is_member", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "name", "usable_password", "password1", "password2")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if not request.user.is_superuser:
            # Whoever may edit users but is not a superuser must not be able to hand out superpowers.
            readonly += ["is_superuser", "groups", "user_permissions"]
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin writes outside the services, so it leaves its own trail (field names, never values:
        # one of them may be the password).
        audit_log(
            action="user.admin_change" if change else "user.admin_create",
            actor=request.user,
            target=obj,
            changes={"fields": sorted(form.changed_data)},
        )


@admin.register(Invitation)
class InvitationAdmin(NetworkStaffMayView, admin.ModelAdmin):
    """Read-only: invitations are created through the site, which e-mails the only copy of the token."""

    list_display = ("email", "role", "group", "status_label", "invited_by", "created_at", "expires_at")
    list_filter = (
        "role",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("email", "group__name")
    list_select_related = ("group", "invited_by")
    readonly_fields = (
        "email",
        "role",
        "group",
        "person",
        "message",
        "token_hash",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    )
    actions = ["revoke"]

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return obj.get_status_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The bulk delete would bypass the audit log; withdrawing is what staff need.
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Withdraw the selected invitations"))
    def revoke(self, request, queryset):
        done = 0
        for invitation in queryset:
            try:
                services.invitation_revoke(invitation=invitation, actor=request.user)
            except ValidationError:
                continue  # already accepted: nothing to withdraw
            done += 1
        self.message_user(request, _("%(n)d invitation(s) withdrawn.") % {"n": done}, messages.SUCCESS)
