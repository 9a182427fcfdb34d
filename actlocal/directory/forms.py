"""Forms for writing to the directory. They parse and validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from actlocal.core import places
from actlocal.core.places import state_choices
from actlocal.directory import uploads
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic
from actlocal.directory.selectors import SOCIAL_NETWORKS

# Only web links: ftp:// and the like are useless here, and the pages link them directly.
http_url = URLValidator(schemes=["http", "https"])


class WebURLField(forms.URLField):
    default_validators = [http_url]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def _zip_field():
    return forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        required=False,
        help_text=_("We show your city, never your address; the map uses the ZIP's center."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )


def _clean_zip(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return places.place_for_zip(value).zip_code
    except places.PlaceError as exc:
        raise ValidationError(str(exc), code="zip") from None


def _topic_field(kind: str, label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Topic.objects.filter(kind=kind).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ServiceModelForm(forms.ModelForm):
    """A ModelForm for its fields and labels only: it never touches its instance, because the service
    compares the instance with the input to log what changed (and a half-valid form must change nothing)."""

    def _post_clean(self):
        pass

    def save(self, commit=True):  # pragma: no cover - a programming error, not user input
        raise NotImplementedError("save through a directory service")


class ProfileForm(ServiceModelForm):
    """A leader's own profile (also used by staff adding a leader)."""

    zip_code = _zip_field()
    issues = _topic_field(Topic.Kind.ISSUE, _("Issue priorities"))
    skills = _topic_field(Topic.Kind.SKILL, _("Skills"))
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP image up to 5 MB. We shrink it and remove its location data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    website = WebURLField(label=_("Website"))

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "pronouns",
            "leader_type",
            "zip_code",
            "issues",
            "skills",
            "languages",
            "bio",
            "email",
            "phone",
            "street_address",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "bio": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        help_texts = {
            "bio": _("Up to 2,000 characters."),
            "languages": _("Separate languages with commas, e.g. English, Spanish."),
            "email": _("Messages sent to you through ActLocal arrive here."),
        }

    # Declared fields (a model URLField's form field would warn about Django 6's default scheme).
    field_order = [
        "first_name",
        "last_name",
        "pronouns",
        "leader_type",
        "zip_code",
        "issues",
        "skills",
        "languages",
        "bio",
        "website",
        "email",
        "phone",
        "street_address",
        "photo",
        "remove_photo",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader_type"].required = True
        if self.instance.pk:
            self.initial["zip_code"] = self.instance.zip_code
            chosen = list(self.instance.topics.all())
            self.initial["issues"] = [t.pk for t in chosen if t.kind == Topic.Kind.ISSUE]
            self.initial["skills"] = [t.pk for t in chosen if t.kind == Topic.Kind.SKILL]
        if not (self.instance.pk and self.instance.photo):
            del self.fields["remove_photo"]

    def clean_zip_code(self):
        return _clean_zip(self.cleaned_data["zip_code"])

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return uploads.clean_photo(upload) if upload else None

    def profile_data(self) -> dict:
        """What ``person_update`` and friends take."""
        data = {name: self.cleaned_data.get(name) for name in self.field_order if name in self.cleaned_data}
        data["topics"] = [*data.pop("issues", []), *data.pop("skills", [])]
        data["remove_photo"] = bool(data.get("remove_photo"))
        return data


class PrivacyForm(ServiceModelForm):
    """Who sees each field. Each choice lists only the levels its field allows (e-mail is never public)."""

    class Meta:
        model = Person
        fields = [
            "name_visibility",
            "place_visibility",
            "photo_visibility",
            "bio_visibility",
            "email_visibility",
            "phone_visibility",
            "address_visibility",
            "listed",
            "contact_via_platform",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith("_visibility"):
                field.choices = Person._meta.get_field(name).allowed_levels()
                field.widget = forms.Select(choices=field.choices)


class ClaimInvitationForm(forms.Form):
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        help_text=_("Up to 5,000 characters. The leader sees your name, not your e-mail address."),
    )
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling bots.
    homepage = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))


class GroupForm(ServiceModelForm):
    zip_code = _zip_field()
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", "—"), *state_choices()],
        help_text=_("For a group without a ZIP code (statewide groups)."),
    )
    issues = _topic_field(Topic.Kind.ISSUE, _("Issue areas"))
    website = WebURLField(label=_("Website"))

    class Meta:
        model = PartnerGroup
        fields = [
            "name",
            "kind",
            "area_served",
            "zip_code",
            "state",
            "mission",
            "issues",
            "meeting_times",
            "languages",
            "contact_email",
            "contact_email_visibility",
            "contact_phone",
            "contact_phone_visibility",
        ]
        widgets = {"mission": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields[:9], "website"])
        for key, label in SOCIAL_NETWORKS.items():
            self.fields[f"social_{key}"] = WebURLField(label=label)
            if self.instance.pk and isinstance(self.instance.social_links, dict):
                self.initial[f"social_{key}"] = self.instance.social_links.get(key, "")
        if self.instance.pk:
            self.initial["zip_code"] = self.instance.zip_code
            self.initial["issues"] = [t.pk for t in self.instance.topics.all()]

    def clean_zip_code(self):
        return _clean_zip(self.cleaned_data["zip_code"])

    def group_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in [*self.Meta.fields, "website"]}
        data["topics"] = list(data.pop("issues") or [])
        data["social_links"] = {
            key: self.cleaned_data[f"social_{key}"]
            for key in SOCIAL_NETWORKS
            if self.cleaned_data.get(f"social_{key}")
        }
        return data


class AffiliationForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    is_contact = forms.BooleanField(label=_("Contact person for the group"), required=False)


class ResourceForm(ServiceModelForm):
    issues = _topic_field(Topic.Kind.ISSUE, _("Topics"))
    url = WebURLField(label=_("Link"))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG; up to 20 MB."),
    )
    states = forms.MultipleChoiceField(
        label=_("States where it applies"),
        required=False,
        choices=state_choices(),
        help_text=_("Leave empty if it applies nationwide."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "kind",
            "issues",
            "provider",
            "audience",
            "language",
            "states",
            "url",
            "file",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields[:8], "url", "file"])
        self.fields["provider"].queryset = PartnerGroup.objects.order_by("name")
        self.fields["provider"].help_text = _("The group that made it, if any; its admins can approve it.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            uploads.detect_resource_type(upload)
        return upload

    def clean(self):
        data = super().clean()
        if (
            not data.get("url")
            and not data.get("file")
            and "file" not in self.errors
            and "url" not in self.errors
        ):
            raise ValidationError(_("Give a link, upload a file, or both."), code="no_content")
        return data

    def resource_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in [*self.Meta.fields, "url"]}
        data["topics"] = list(data.pop("issues") or [])
        data["states"] = ",".join(data.get("states") or [])
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the person who submitted it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
