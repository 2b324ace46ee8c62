from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from helisa.core.widgets import date_input
from helisa.registry.forms import SectorField, SpacedFields, TopicField
from helisa.registry.models import Country, HelixRole

from .models import Direction, ProfileKind
from .notification_kinds import KINDS, kinds_by_area
from .services.profile_expiry import latest_expiry

_MAIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _language_name(code):
    return get_language_info(code)["name_translated"]


class ProfileForm(SpacedFields, forms.Form):
    """Title and text in each UI language and in one other content language."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ProfileKind.choices)
    direction = forms.ChoiceField(
        label=_("Offer or request"),
        choices=[("", _("As the kind says")), *Direction.choices],
        required=False,
        help_text=_("Technology offers and requests need no choice here."),
    )
    sectors = SectorField(label=_("Sectors"))
    topics = TopicField(label=_("Topics"))
    countries_sought = forms.ModelMultipleChoiceField(
        label=_("Countries sought"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty to welcome partners from anywhere."),
    )
    helix_roles_sought = forms.MultipleChoiceField(
        label=_("Helix roles sought"),
        choices=HelixRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(
        label=_("Deadline for answers"),
        required=False,
        widget=date_input(),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=date_input(),
        help_text=_(
            "The last day the profile is listed; you are reminded two weeks before to renew it. "
            "Leave empty for six months from publication; at most 12 months ahead, and not "
            "before the deadline for answers."
        ),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        title = profile.title if profile else {}
        text = profile.text if profile else {}
        for code in _MAIN_LANGUAGES:
            name = _language_name(code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=False,
                max_length=200,
                initial=title.get(code, ""),
            )
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text in %(language)s") % {"language": name},
                required=False,
                initial=text.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        other = next((code for code in {**title, **text} if code not in _MAIN_LANGUAGES), "")
        self.fields["other_language"] = forms.ChoiceField(
            label=_("Other language"),
            required=False,
            initial=other,
            choices=[("", _("None"))]
            + [
                (code, _language_name(code))
                for code in settings.CONTENT_LANGUAGES
                if code not in _MAIN_LANGUAGES
            ],
        )
        self.fields["other_title"] = forms.CharField(
            label=_("Title in that language"),
            required=False,
            max_length=200,
            initial=title.get(other, ""),
        )
        self.fields["other_text"] = forms.CharField(
            label=_("Text in that language"),
            required=False,
            initial=text.get(other, ""),
            widget=forms.Textarea(attrs={"rows": 6}),
        )
        for name in ("other_language", "other_title", "other_text", *self._language_fields()):
            self.fields[name].template_name = "registry/editing/_field.html"
        _limit_to_a_year(self.fields["expires_on"])
        if profile is not None:
            for name in (
                "kind",
                "direction",
                "deadline",
                "expires_on",
                "contact_name",
                "contact_email",
                "contact_phone",
                "helix_roles_sought",
            ):
                self.fields[name].initial = getattr(profile, name)
            for name in ("sectors", "topics", "countries_sought"):
                self.fields[name].initial = list(getattr(profile, name).all())

    def _language_fields(self):
        return [f"{part}_{code}" for code in _MAIN_LANGUAGES for part in ("title", "text")]

    def language_fields(self):
        return [self[name] for name in self._language_fields()]

    def other_language_fields(self):
        return [self["other_language"], self["other_title"], self["other_text"]]

    def main_fields(self):
        return [
            self[name]
            for name in (
                "kind",
                "direction",
                "sectors",
                "topics",
                "countries_sought",
                "helix_roles_sought",
                "deadline",
                "expires_on",
            )
        ]

    def contact_fields(self):
        return [self[name] for name in ("contact_name", "contact_email", "contact_phone")]

    def clean(self):
        data = super().clean()
        other = data.get("other_language")
        if (data.get("other_title") or data.get("other_text")) and not other:
            self.add_error("other_language", _("Choose the language of this text."))
        return data

    def values(self):
        """The form's values in the shape the profile services take."""
        data = self.cleaned_data
        title = {code: data.get(f"title_{code}", "") for code in _MAIN_LANGUAGES}
        text = {code: data.get(f"text_{code}", "") for code in _MAIN_LANGUAGES}
        if other := data.get("other_language"):
            title[other] = data.get("other_title", "")
            text[other] = data.get("other_text", "")
        return {
            "kind": data["kind"],
            "direction": data.get("direction") or "",
            "title": title,
            "text": text,
            "sectors": list(data["sectors"]),
            "topics": list(data["topics"]),
            "countries_sought": list(data["countries_sought"]),
            "helix_roles_sought": data["helix_roles_sought"],
            "deadline": data.get("deadline"),
            "expires_on": data.get("expires_on"),
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
        }


def _limit_to_a_year(field):
    # Only an upper bound for the browser: an expired profile's past date must still submit.
    field.widget.attrs["max"] = latest_expiry(timezone.localdate()).isoformat()


class RenewForm(SpacedFields, forms.Form):
    expires_on = forms.DateField(
        label=_("Listed until"),
        required=False,
        widget=date_input(),
        help_text=_("Leave empty for six months from today; at most 12 months ahead."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_a_year(self.fields["expires_on"])


class OrganisationChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class InterestForm(SpacedFields, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    message = forms.CharField(
        label=_("Message to the profile's owner"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Your contact details are shared only if the owner accepts."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=100)


class PreferencesForm(forms.Form):
    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for code, kind in KINDS.items():
            self.fields[code] = forms.BooleanField(
                label=kind.label, required=False, initial=current.get(code, kind.default)
            )

    def groups(self):
        """[(area heading, [bound field, ...]), ...], as the page shows them."""
        return [(label, [self[kind.code] for kind in group]) for label, group in kinds_by_area()]
