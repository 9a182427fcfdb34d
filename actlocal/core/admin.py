from django.contrib import admin

from actlocal.core.models import AuditEntry, CountyProfile


class NetworkStaffMayView:
    """Network staff (``is_staff``, which is also what lets anyone into the admin) may read these records
    without holding Django model permissions; changing them still takes a superuser or a permission.
    Mix it in before ``admin.ModelAdmin``."""

    def _is_network_staff(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self._is_network_staff(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_network_staff(request) or super().has_view_permission(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(NetworkStaffMayView, admin.ModelAdmin):
    """The audit log is evidence: it can be read and searched, never written or pruned from here."""

    list_display = ("created_at", "actor_repr", "action", "target_type", "target_repr", "ip_address")
    list_filter = ("action", "target_type")
    search_fields = ("actor_repr", "action", "target_repr", "target_id")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CountyProfile)
class CountyProfileAdmin(NetworkStaffMayView, admin.ModelAdmin):
    list_display = ("county", "state", "area_type", "lean", "source", "year")
    list_filter = ("state", "area_type", "lean", "year")
    search_fields = ("county", "state")
