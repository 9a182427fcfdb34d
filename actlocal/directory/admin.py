from django.contrib import admin
from django.db import models

from actlocal.directory.forms import WebURLField
from actlocal.directory.models import Affiliation, ContactMessage, PartnerGroup, Person, Resource, Topic

# Only http(s) links, as on the site's own forms (pages link them directly).
WEB_LINKS = {models.URLField: {"form_class": WebURLField}}


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
    formfield_overrides = WEB_LINKS
    list_display = ["full_name", "leader_type", "city", "state", "listed", "user"]
    list_filter = ["leader_type", "listed", "state"]
    search_fields = ["first_name", "last_name", "email", "city"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["topics"]
    inlines = [AffiliationInline]
    list_select_related = ["user"]


@admin.register(PartnerGroup)
class PartnerGroupAdmin(admin.ModelAdmin):
    formfield_overrides = WEB_LINKS
    list_display = ["name", "kind", "area_served", "city", "state"]
    list_filter = ["kind", "area_served", "state"]
    search_fields = ["name", "mission", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "admins"]
    inlines = [AffiliationInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    formfield_overrides = WEB_LINKS
    list_display = ["title", "kind", "provider", "status", "last_checked"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["provider"]
    # Set by the upload check and the review queue (which e-mails the submitter), not typed here.
    readonly_fields = ["file_type", "submitted_by", "reviewed_by", "reviewed_at"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Who wrote to whom and when, for handling abuse reports. The text stays between the two leaders:
    it is not shown here, and nothing can be edited."""

    list_display = ["created_at", "sender", "person", "delivered_at"]
    fields = ["sender", "person", "created_at", "delivered_at"]
    readonly_fields = fields
    list_select_related = ["sender", "person"]
    search_fields = ["person__last_name", "sender__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
