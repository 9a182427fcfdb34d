from django.contrib import admin

from actlocal.surveys.models import Choice, Question, Survey


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "audience", "anonymous", "created_at"]
    list_filter = ["status", "audience"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "required"]
    list_filter = ["kind", "survey"]
    inlines = [ChoiceInline]
