from django.contrib import admin

from actlocal.network.models import Space


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "access", "state"]
    list_filter = ["kind", "access"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
