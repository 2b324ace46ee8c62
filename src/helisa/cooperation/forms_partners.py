"""The "Find partners" form: a free text in any language, optional codes and wishes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helisa.registry.forms import SectorField, SpacedFields, TopicField
from helisa.registry.models import Country, HelixRole, Organisation

from .services.recommendations import DEFAULT_LIMIT, MAX_LIMIT


class FindPartnersForm(SpacedFields, forms.Form):
    text = forms.CharField(
        label=_("What do you look for?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In any language: the subject, the technology, the project idea."),
    )
    topics = TopicField(label=_("Topics"))
    sectors = SectorField(label=_("Sectors"))
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries sought"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    helix_roles = forms.MultipleChoiceField(
        label=_("Helix roles sought"),
        choices=HelixRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Your organisation: earlier cooperation counts, and it is left out."),
    )
    limit = forms.TypedChoiceField(
        label=_("Show"),
        choices=[(20, "20"), (MAX_LIMIT, str(MAX_LIMIT))],
        coerce=int,
        initial=DEFAULT_LIMIT,
        required=False,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["start_organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if not (data.get("text", "").strip() or data.get("topics") or data.get("sectors")):
            raise forms.ValidationError(
                _("Describe what you look for, or choose a topic or sector.")
            )
        return data

    def values(self):
        data = self.cleaned_data
        return {
            "text": data.get("text", ""),
            "topics": list(data.get("topics") or ()),
            "sectors": list(data.get("sectors") or ()),
            "countries": [country.code for country in data.get("countries") or ()],
            "helix_roles": list(data.get("helix_roles") or ()),
            "start_organisation": data.get("start_organisation"),
            "limit": data.get("limit") or DEFAULT_LIMIT,
        }
