"""The form of a call: its name and description per UI language, and its consortium rules."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from helisa.registry.forms import SpacedFields
from helisa.registry.models import Country, HelixRole

from .models import CountryList, ProgrammeKind

_LANGUAGES = [code for code, _name in settings.LANGUAGES]
_COUNTS = (
    ("min_partners", _("Minimum partners (the coordinator included)")),
    ("max_partners", _("Maximum partners")),
    ("min_countries", _("Minimum distinct countries")),
    ("min_in_member_states", _("Minimum partners in EU member states")),
    ("min_cluster_organisations", _("Minimum cluster organisations")),
    ("min_cluster_countries", _("Minimum countries of the cluster organisations")),
)


class CallForm(SpacedFields, forms.Form):
    kind = forms.ChoiceField(label=_("Programme"), choices=ProgrammeKind.choices)
    topic_code = forms.CharField(label=_("Call topic"), max_length=120, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    eligible_list = forms.ChoiceField(
        label=_("Eligible country list"), choices=CountryList.choices, required=False
    )
    eligible_countries = forms.ModelMultipleChoiceField(
        label=_("Further eligible countries"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("With no list and no countries every country is eligible."),
    )
    counts_independent_entities = forms.BooleanField(
        label=_("Affiliated organisations count as one partner (independent legal entities)"),
        required=False,
        help_text=_(
            "Organisations one controls, or one group holds, count once towards the minima of "
            "partners, countries and partners in member states, as in Horizon Europe."
        ),
    )
    programme_regions = forms.CharField(
        label=_("Programme area (NUTS codes)"),
        required=False,
        help_text=_("Separated by commas or spaces, of any level: PL9, DE3, CZ010."),
    )

    def __init__(self, *args, kinds, initial_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        for name, label in _COUNTS:
            self.fields[name] = forms.IntegerField(label=label, min_value=0, max_value=99)
        for role in HelixRole:
            self.fields[f"role_{role.value}"] = forms.IntegerField(
                label=_("At least this many: %(role)s") % {"role": role.label},
                min_value=0,
                max_value=99,
                required=False,
            )
        for code in _LANGUAGES:
            language = get_language_info(code)["name_translated"]
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                max_length=300,
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self._set_initial(initial_values)

    def _set_initial(self, values):
        names = ("kind", "topic_code", "deadline", "eligible_list", "counts_independent_entities")
        for name in (*names, *dict(_COUNTS)):
            if name in values:
                self.fields[name].initial = values[name]
        for code in _LANGUAGES:
            self.fields[f"name_{code}"].initial = (values.get("name") or {}).get(code, "")
            self.fields[f"description_{code}"].initial = (values.get("description") or {}).get(
                code, ""
            )
        self.fields["eligible_countries"].initial = list(values.get("eligible_countries") or ())
        self.fields["programme_regions"].initial = ", ".join(values.get("programme_regions") or ())
        for role, minimum in (values.get("required_roles") or {}).items():
            if f"role_{role}" in self.fields:
                self.fields[f"role_{role}"].initial = minimum

    def text_fields(self):
        return [self[f"{part}_{code}"] for code in _LANGUAGES for part in ("name", "description")]

    def call_fields(self):
        return [self[name] for name in ("kind", "topic_code", "deadline")]

    def rule_fields(self):
        names = [name for name, _label in _COUNTS]
        names += [
            "eligible_list",
            "eligible_countries",
            "programme_regions",
            "counts_independent_entities",
        ]
        return [self[name] for name in names]

    def role_fields(self):
        return [self[f"role_{role.value}"] for role in HelixRole]

    def values(self):
        """The form's values in the shape the call services take."""
        data = self.cleaned_data
        values = {name: data[name] for name in dict(_COUNTS)}
        values |= {
            "kind": data["kind"],
            "name": {code: data.get(f"name_{code}", "") for code in _LANGUAGES},
            "description": {code: data.get(f"description_{code}", "") for code in _LANGUAGES},
            "topic_code": data.get("topic_code", ""),
            "deadline": data.get("deadline"),
            "eligible_list": data.get("eligible_list") or "",
            "counts_independent_entities": data.get("counts_independent_entities", False),
            "eligible_countries": [c.code for c in data["eligible_countries"]],
            "programme_regions": (data.get("programme_regions") or "").replace(",", " ").split(),
            "required_roles": {
                role.value: data[f"role_{role.value}"]
                for role in HelixRole
                if data.get(f"role_{role.value}")
            },
        }
        return values

    def add_service_errors(self, error):
        """Errors a service raised, each beside its field when the form has one."""
        for field, messages in error.message_dict.items():
            if field == "name":
                field = f"name_{_LANGUAGES[0]}"
            if field not in self.fields:
                field = None
            for message in messages:
                self.add_error(field, message)
