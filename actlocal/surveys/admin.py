from django.contrib import admin

from actlocal.surveys.models import Choice, Finding, Question, Survey


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    raw_id_fields = ["choice"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "audience", "anonymous", "created_at"]
    list_filter = ["status", "audience"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline, FindingInline]
    raw_id_fields = ["event", "previous_version", "created_by"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "required"]
    list_filter = ["kind", "survey"]
    inlines = [ChoiceInline]
