from django.contrib import admin

from actlocal.directory.models import Affiliation, PartnerGroup, Person, Resource, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "name_es"]
    list_filter = ["kind"]
    search_fields = ["name", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person", "group"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "leader_type", "city", "state", "listed", "user"]
    list_filter = ["leader_type", "listed", "state"]
    search_fields = ["first_name", "last_name", "email", "city"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["topics"]
    inlines = [AffiliationInline]
    list_select_related = ["user"]


@admin.register(PartnerGroup)
class PartnerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area_served", "city", "state"]
    list_filter = ["kind", "area_served", "state"]
    search_fields = ["name", "mission", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "admins"]
    inlines = [AffiliationInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "provider", "status", "last_checked"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["provider"]
