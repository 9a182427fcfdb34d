from __future__ import annotations

from django import forms

from actlocal.notifications.kinds import KINDS
from actlocal.notifications.models import Delivery


class PreferencesForm(forms.Form):
    """One choice per kind of notification: how (and whether) it reaches the person by e-mail."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=current.get(key, kind.default)
            )

    def choices(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in KINDS}
