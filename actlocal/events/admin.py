from django.contrib import admin

from actlocal.events.models import AgendaTopic, CoHost, Event, EventSeries, Rsvp
from actlocal.events.services.rsvp import rsvp_counts_refresh


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "target_states"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CoHostInline(admin.TabularInline):
    model = CoHost
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "city", "state", "capacity"]
    list_filter = ["status", "kind", "mode", "series", "state", "recurrence"]
    search_fields = ["title", "description", "city", "slug"]
    # Occurrences are generated from their parent's rule: edit the parent (the site regenerates them).
    raw_id_fields = ["occurrence_of"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_person", "hosts"]
    inlines = [CoHostInline]
    readonly_fields = ["confirmed_count", "waitlist_count"]


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "status", "created_at", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["event__title", "person__first_name", "person__last_name"]
    autocomplete_fields = ["event", "person"]
    # Seats, the waitlist's order and the e-mails belong to the RSVP services (the site's pages and the
    # check-in page): the admin reads RSVPs, and a deletion here recounts the event's seats.
    readonly_fields = ["event", "person", "status", "source", "walk_in"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        event_id = obj.event_id
        super().delete_model(request, obj)
        rsvp_counts_refresh(events=Event.objects.filter(pk=event_id))

    def delete_queryset(self, request, queryset):
        event_ids = set(queryset.values_list("event_id", flat=True))
        super().delete_queryset(request, queryset)
        rsvp_counts_refresh(events=Event.objects.filter(pk__in=event_ids))


@admin.register(AgendaTopic)
class AgendaTopicAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "picked", "hidden", "created_at"]
    list_filter = ["picked", "hidden"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    raw_id_fields = ["proposed_by"]
