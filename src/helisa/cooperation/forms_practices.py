from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from helisa.registry.forms import SectorField, SpacedFields, TopicField
from helisa.registry.models import Cluster, Country

from .models.practices import SECTIONS, CoAuthorStatus

_MAIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXTS = (("title", _("Title")), *SECTIONS)


def _language_name(code):
    return get_language_info(code)["name_translated"]


class PracticeForm(SpacedFields, forms.Form):
    """Every section in each UI language and in one other content language."""

    authors = forms.ModelMultipleChoiceField(
        label=_("Authors (cluster organisations)"),
        queryset=Cluster.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "At least one cluster you manage. Others are invited as co-authors and named once "
            "one of their managers accepts."
        ),
    )
    indicators = forms.CharField(
        label=_("Indicators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: name | value | unit, e.g. “Companies served | 42 | firms”."),
    )
    sectors = SectorField(label=_("Sectors"))
    topics = TopicField(label=_("Topics"))
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Where the practice was carried out."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, practice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = list(
            Country.objects.order_by("name_en").values_list("code", "name_en")
        )
        values = {name: getattr(practice, name) if practice else {} for name, _l in TEXTS}
        for code in _MAIN_LANGUAGES:
            language = _language_name(code)
            for name, label in TEXTS:
                self.fields[f"{name}_{code}"] = self._text_field(
                    name, f"{label} ({language})", values[name].get(code, "")
                )
        used = {code for value in values.values() for code in value}
        other = next((code for code in sorted(used) if code not in _MAIN_LANGUAGES), "")
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
        for name, label in TEXTS:
            self.fields[f"{name}_other"] = self._text_field(
                name,
                _("%(section)s (other language)") % {"section": label},
                values[name].get(other, ""),
            )
        for field in self.fields.values():
            field.template_name = "registry/editing/_field.html"
        if practice is not None:
            pending = practice.coauthor_invitations.filter(status=CoAuthorStatus.PENDING)
            self.fields["authors"].initial = [
                *practice.authors.all(),
                *Cluster.objects.filter(pk__in=pending.values("cluster_id")),
            ]
            self.fields["sectors"].initial = list(practice.sectors.all())
            self.fields["topics"].initial = list(practice.topics.all())
            self.fields["countries"].initial = practice.countries
            self.fields["contact_name"].initial = practice.contact_name
            self.fields["contact_email"].initial = practice.contact_email
            self.fields["indicators"].initial = "\n".join(
                f"{row['name']} | {row['value']} | {row['unit']}" for row in practice.indicators
            )

    @staticmethod
    def _text_field(name, label, initial):
        if name == "title":
            return forms.CharField(label=label, required=False, max_length=200, initial=initial)
        return forms.CharField(
            label=label, required=False, initial=initial, widget=forms.Textarea(attrs={"rows": 4})
        )

    def language_groups(self):
        """(legend, fields) for each language, so that one language is written in one go."""
        groups = [
            (_language_name(code), [self[f"{name}_{code}"] for name, _l in TEXTS])
            for code in _MAIN_LANGUAGES
        ]
        other = [self["other_language"], *(self[f"{name}_other"] for name, _l in TEXTS)]
        return [*groups, (_("Another language"), other)]

    def main_fields(self):
        return [self[name] for name in ("authors", "indicators", "sectors", "topics", "countries")]

    def contact_fields(self):
        return [self["contact_name"], self["contact_email"]]

    def clean_indicators(self):
        rows = []
        for line in (self.cleaned_data.get("indicators") or "").splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            parts += [""] * (3 - len(parts))
            if not parts[0] or not parts[1]:
                raise forms.ValidationError(_("Write each indicator as: name | value | unit."))
            rows.append({"name": parts[0], "value": parts[1], "unit": " ".join(parts[2:]).strip()})
        return rows

    def clean(self):
        data = super().clean()
        has_other = any(data.get(f"{name}_other") for name, _l in TEXTS)
        if has_other and not data.get("other_language"):
            self.add_error("other_language", _("Choose the language of this text."))
        return data

    def values(self):
        """The form's values in the shape the practice services take."""
        data = self.cleaned_data
        values = {}
        for name, _label in TEXTS:
            values[name] = {code: data.get(f"{name}_{code}", "") for code in _MAIN_LANGUAGES}
            if other := data.get("other_language"):
                values[name][other] = data.get(f"{name}_other", "")
        return {
            **values,
            "authors": list(data["authors"]),
            "indicators": data["indicators"],
            "sectors": list(data["sectors"]),
            "topics": list(data["topics"]),
            "countries": data["countries"],
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp"}),
    )
    name = forms.CharField(label=_("Name shown"), max_length=200, required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the authors"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AdoptForm(SpacedFields, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    message = forms.CharField(
        label=_("Message to the authors"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("The authors' cluster managers receive it with your email address."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class FeedbackForm(SpacedFields, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    text = forms.CharField(
        label=_("How you adopted it and what came of it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
