"""Forms for creating and editing organisations, cluster profiles and memberships.

Forms only read and check input; the views hand the cleaned values to the services.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import clean_translations

from .models import (
    Cluster,
    HelixRole,
    MembershipStatus,
    NaceSector,
    NutsRegion,
    Organisation,
    Topic,
)
from .queries_topics import topics_named
from .widgets import TopicPicker, TopicValues

NO_SUCH_ORGANISATION = _("No organisation has this number.")
_MAIN_LANGUAGES = ("en", "pl")
_VAT = re.compile(r"^[A-Z]{2}[0-9A-Z+*]{2,13}$")


def language_name(code):
    return get_language_info(code)["name_translated"]


class SpacedFields:
    """Each field in its own block, so that labels, help and errors sit with their input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = "registry/editing/_field.html"


class SectorField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=NaceSector.objects.filter(level__in=(2, 4)),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("NACE divisions and classes; hold Ctrl (Cmd on a Mac) to choose several."),
            **kwargs,
        )


class TopicField(forms.ModelMultipleChoiceField):
    """Topics at any level of EuroSciVoc; call topics a profile already has stay valid."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Topic.objects.all(),
            required=False,
            widget=TopicPicker(),
            help_text=_(
                "Search the European Science Vocabulary, at any level, and tick the topics that "
                "fit; untick one to remove it."
            ),
            **kwargs,
        )

    def clean(self, value):
        typed = getattr(value, "typed", "")
        added, unknown = topics_named(typed) if typed.strip() else ([], [])
        if unknown:
            raise ValidationError(
                _("No topic has the name or code: %(names)s."),
                code="unknown_topic",
                params={"names": "; ".join(unknown)},
            )
        return super().clean([*(value or ()), *(str(topic.pk) for topic in added)])

    def has_changed(self, initial, data):
        return bool(getattr(data, "typed", "").strip()) or super().has_changed(initial, data)

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(value, TopicValues):  # keep what was typed, to show it again
            prepared = TopicValues(prepared)
            prepared.typed = value.typed
        return prepared


class DescriptionFields:
    """A text input per UI language plus language-and-text pairs for the other content languages."""

    def add_description_fields(self, description, data):
        description = description or {}
        for code in _MAIN_LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": language_name(code)},
                required=False,
                initial=description.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        others = [(code, text) for code, text in description.items() if code not in _MAIN_LANGUAGES]
        count = len(others) + 1
        while data and f"description_other_{count}_language" in data:
            count += 1
        choices = [("", _("Choose a language"))] + [
            (code, language_name(code))
            for code in settings.CONTENT_LANGUAGES
            if code not in _MAIN_LANGUAGES
        ]
        for index in range(count):
            code, text = others[index] if index < len(others) else ("", "")
            self.fields[f"description_other_{index}_language"] = forms.ChoiceField(
                label=_("Other language"), choices=choices, required=False, initial=code
            )
            self.fields[f"description_other_{index}_text"] = forms.CharField(
                label=_("Description in that language"),
                required=False,
                initial=text,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.other_language_count = count
        for name in self.fields:
            if name.startswith("description_"):
                self.fields[name].template_name = "registry/editing/_field.html"

    def other_language_pairs(self):
        return [
            (self[f"description_other_{index}_language"], self[f"description_other_{index}_text"])
            for index in range(self.other_language_count)
        ]

    def main_language_fields(self):
        return [self[f"description_{code}"] for code in _MAIN_LANGUAGES]

    def translated_description(self):
        data = self.cleaned_data
        values = {code: data.get(f"description_{code}", "") for code in _MAIN_LANGUAGES}
        for index in range(self.other_language_count):
            code = data.get(f"description_other_{index}_language")
            text = (data.get(f"description_other_{index}_text") or "").strip()
            if text and not code:
                self.add_error(
                    f"description_other_{index}_language",
                    _("Choose the language this description is written in."),
                )
            elif code and text:
                if code in values and values[code]:
                    self.add_error(
                        f"description_other_{index}_language",
                        _("There is already a description in this language."),
                    )
                values[code] = text
        return clean_translations(values)


class OrganisationForm(SpacedFields, DescriptionFields, forms.ModelForm):
    region = forms.ModelChoiceField(
        queryset=NutsRegion.objects.filter(level=3),
        required=False,
        label=_("region"),
        widget=forms.TextInput(attrs={"placeholder": "PL911", "autocomplete": "off"}),
        help_text=_("NUTS 3 code, e.g. PL911. Left empty, it is found from the coordinates."),
        error_messages={"invalid_choice": _("There is no NUTS 3 region with this code.")},
    )
    latitude = forms.FloatField(
        label=_("latitude"), required=False, min_value=-90, max_value=90, help_text="52.2297"
    )
    longitude = forms.FloatField(
        label=_("longitude"), required=False, min_value=-180, max_value=180, help_text="21.0122"
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    sectors = SectorField(label=_("sectors"))
    topics = TopicField(label=_("topics"))
    controlled_by = forms.ModelChoiceField(
        queryset=Organisation.objects.only("pk", "legal_name", "short_name"),
        required=False,
        label=_("controlled by"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "The registry number of the organisation that controls this one or heads its group "
            "(the number in the address of its page). Affiliated organisations count as one "
            "independent legal entity in calls such as Horizon Europe."
        ),
        error_messages={"invalid_choice": NO_SUCH_ORGANISATION},
    )
    not_a_duplicate = forms.BooleanField(
        label=_("This is a different organisation"),
        required=False,
        help_text=_("Tick this when none of the similar organisations shown is yours."),
    )

    class Meta:
        model = Organisation
        fields = [
            "legal_name",
            "short_name",
            "helix_role",
            "business_size",
            "country",
            "region",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "website",
            "vat_number",
            "pic",
            "sectors",
            "topics",
            "controlled_by",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_description_fields(self.instance.description, self.data)
        if self.instance.region_id:
            self.initial["region"] = self.instance.region_id
        # What is saved, read before a submission is copied onto the instance: the page says
        # who controls the organisation now, not who was just typed.
        self.saved_controller = (
            self.instance.controlled_by if self.instance.controlled_by_id else None
        )

    def clean_vat_number(self):
        value = re.sub(r"[\s.\-]", "", self.cleaned_data["vat_number"]).upper()
        if value and not _VAT.match(value):
            raise ValidationError(
                _("A VAT number starts with its country code, e.g. PL5260250995.")
            )
        return value

    def clean_pic(self):
        value = self.cleaned_data["pic"].strip()
        if value and not (value.isdigit() and len(value) == 9):
            raise ValidationError(_("A PIC has 9 digits."))
        return value

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        region, country = data.get("region"), data.get("country")
        if region and country and region.country_id != country.pk:
            self.add_error("region", _("This region is not in the country chosen."))
        if data.get("business_size") and data.get("helix_role") != HelixRole.BUSINESS:
            self.add_error("business_size", _("Only a business has a business size."))
        data["description"] = self.translated_description()
        return data

    def organisation_fields(self):
        """The cleaned values as the services take them."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["description"] = self.cleaned_data["description"]
        coordinates_moved = {"latitude", "longitude"} & set(self.changed_data)
        if fields["region"] is None or (coordinates_moved and "region" not in self.changed_data):
            # Let the service find the region from the coordinates.
            fields.pop("region")
        return fields


class ClusterForm(SpacedFields, forms.ModelForm):
    focus_sectors = SectorField(label=_("focus sectors"))
    focus_topics = TopicField(label=_("focus topics"))
    regions = forms.ModelMultipleChoiceField(
        queryset=NutsRegion.objects.filter(level=2),
        required=False,
        label=_("regions"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("NUTS 2 regions where the cluster works."),
    )
    staff_fte = forms.DecimalField(
        label=_("staff (FTE)"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        initial=0,
        help_text=_("Full-time equivalents of the cluster organisation's staff; ECCP asks 0.5."),
    )
    eccp_url = forms.URLField(label=_("ECCP profile"), required=False, assume_scheme="https")
    founded_year = forms.IntegerField(label=_("founding year"), required=False, min_value=1800)
    esca_valid_until = forms.DateField(
        label=_("ESCA label valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Cluster
        fields = [
            "name",
            "kind",
            "focus_sectors",
            "focus_topics",
            "regions",
            "staff_fte",
            "founded_year",
            "eccp_url",
            "esca_label",
            "esca_valid_until",
        ]

    def clean_founded_year(self):
        year = self.cleaned_data["founded_year"]
        if year and year > timezone.localdate().year:
            raise ValidationError(_("The founding year cannot be in the future."))
        return year

    def clean(self):
        data = super().clean()
        if data.get("esca_label") and not data.get("esca_valid_until"):
            self.add_error("esca_valid_until", _("Give the date until which the label is valid."))
        if data.get("esca_valid_until") and not data.get("esca_label"):
            self.add_error("esca_label", _("Choose the label this date belongs to."))
        return data

    def cluster_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ExistingOrganisationForm(SpacedFields, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("One of my organisations"),
        empty_label=_("None: describe a new organisation below"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class NewMemberForm(SpacedFields, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    not_a_duplicate = forms.BooleanField(
        label=_("This is a different organisation"),
        required=False,
        help_text=_("Tick this when none of the similar organisations shown is the new member."),
    )

    class Meta:
        model = Organisation
        fields = ["legal_name", "short_name", "helix_role", "country", "city", "website"]

    def organisation_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AddMemberForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This organisation is no longer in the registry.")},
    )


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=MembershipStatus.choices)
