from django.contrib import admin

from actlocal.network.models import Report, Space, SpaceMembership, Suspension, Tag, Thread


class MembershipInline(admin.TabularInline):
    model = SpaceMembership
    fk_name = "space"
    raw_id_fields = ["user", "added_by"]
    extra = 0


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "access", "state"]
    list_filter = ["kind", "access"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["group", "event"]
    inlines = [MembershipInline]


# Threads, reports and suspensions are changed through the pages (services log every action); the admin
# shows them read-only for staff looking into a case.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "space", "kind", "reply_count", "is_hidden", "is_locked", "last_activity_at"]
    list_filter = ["kind", "is_hidden", "is_locked", "is_pinned"]
    search_fields = ["title"]
    raw_id_fields = ["space", "author", "accepted_reply", "last_reply_by", "resource"]
    exclude = ["body_html"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "space", "thread", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["space", "thread", "reply", "reporter", "resolved_by"]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["user", "starts_at", "ends_at", "lifted_at"]
    raw_id_fields = ["user", "created_by", "lifted_by"]


admin.site.register(Tag)
