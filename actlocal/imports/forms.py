from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.imports.mapping import FIELDS
from actlocal.imports.models import Kind
from actlocal.imports.reading import MAX_IMPORT_BYTES


class UploadForm(forms.Form):
    source = forms.CharField(
        label=_("Where does this list come from?"),
        max_length=100,
        help_text=_(
            "The organization and tool, e.g. “Madison Action Network”. Re-import to the same source to update it."
        ),
    )
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=[
            (Kind.PEOPLE, _("People")),
            (Kind.GROUPS, _("Partner groups")),
            (Kind.EVENTS, _("Events")),
            (Kind.RSVPS, _("RSVPs (import the events first)")),
        ],
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Any delimiter and encoding; the first row names the columns. At most %(size)s MB.")
        % {"size": MAX_IMPORT_BYTES // (1024 * 1024)},
    )


class MappingForm(forms.Form):
    """One choice per column of the file: which field it fills, or nothing."""

    def __init__(self, *args, headers: list[str], kind: str, initial_mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(ignore this column)")), *[(k, v) for k, v in FIELDS[kind].items()]]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("Column %(n)s") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=initial_mapping.get(str(index), ""),
            )

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value for name, value in self.cleaned_data.items() if value}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("merge", _("Merge")), ("distinct", _("Keep both"))])
