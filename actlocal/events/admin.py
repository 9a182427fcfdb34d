from django.contrib import admin

from actlocal.events.models import AgendaTopic, CoHost, Event, EventSeries, Rsvp


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


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "status", "created_at", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["event__title", "person__first_name", "person__last_name"]
    autocomplete_fields = ["event", "person"]


@admin.register(AgendaTopic)
class AgendaTopicAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "picked", "hidden", "created_at"]
    list_filter = ["picked", "hidden"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    raw_id_fields = ["proposed_by"]
