"""Forms for the Leaders Network: they parse input; the services hold the rules (and check them again)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.network.models import Space, SpaceMembership, Thread
from actlocal.network.services._common import BODY_MAX, TITLE_MAX
from actlocal.network.services.attachments import MAX_FILES

HONEYPOT = "website"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/png,image/jpeg,application/pdf", "multiple": True}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class HoneypotForm(forms.Form):
    # Hidden from people (CSS and aria-hidden), filled in by form-filling bots: the view saves nothing.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


def _files_field():
    return MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to %(n)s images (PNG, JPEG) or PDF files.") % {"n": MAX_FILES},
    )


class ThreadForm(HoneypotForm):
    kind = forms.ChoiceField(
        label=_("This is a"),
        choices=Thread.Kind.choices,
        initial=Thread.Kind.DISCUSSION,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Markdown works: **bold**, *italic*, [links](https://example.org), lists. Mention a leader with @first.last."
        ),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Up to five, separated by commas.")
    )
    files = _files_field()
    field_order = ["kind", "title", "body", "tags", "files", HONEYPOT]


class ThreadEditForm(HoneypotForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(label=_("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10}))
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300)
    field_order = ["title", "body", "tags", HONEYPOT]


class ReplyForm(HoneypotForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown works. Mention a leader with @first.last."),
    )
    files = _files_field()
    field_order = ["body", "files", HONEYPOT]


class ReplyEditForm(HoneypotForm):
    body = forms.CharField(
        label=_("Your reply"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    field_order = ["body", HONEYPOT]


class ReportForm(HoneypotForm):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the space's moderators see your report."),
    )
    field_order = ["reason", HONEYPOT]


class MoveForm(forms.Form):
    space = forms.ModelChoiceField(label=_("Move to"), queryset=Space.objects.none())

    def __init__(self, *args, spaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces if spaces is not None else Space.objects.none()


class PromoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of resource"), choices=())
    summary = forms.CharField(
        label=_("Summary"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown in the resource directory. Leave empty to use the start of the thread."),
    )

    def __init__(self, *args, **kwargs):
        from actlocal.directory.models import Resource

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Resource.Kind.choices


class SpaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    access = forms.ChoiceField(
        label=_("Who can see this space"), choices=Space.Access.choices, widget=forms.RadioSelect
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("Leader's e-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=SpaceMembership.Role.choices, initial=SpaceMembership.Role.MEMBER
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        help_text=_("Leave empty to suspend until lifted."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
