from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.social.models import MAX_MESSAGE_LENGTH, MAX_PARTICIPANTS
from actlocal.social.services.messages import MAX_REASON_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_MESSAGE_LENGTH}),
        help_text=_("Plain text, up to 5,000 characters. They see your name, never your e-mail address."),
        error_messages={"required": _("Write a message before sending.")},
    )


class GroupMessageForm(MessageForm):
    recipients = forms.MultipleChoiceField(
        label=_("Who to write to"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to %(n)s of your connections.") % {"n": MAX_PARTICIPANTS - 1},
        error_messages={"required": _("Choose who to write to.")},
    )
    field_order = ["recipients", "body"]

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = choices


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message? (optional)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_REASON_LENGTH}),
        help_text=_("Network staff see this message and your note, nothing else of the conversation."),
    )
