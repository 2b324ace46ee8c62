from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helisa.alliance.documents import check_document, read_head
from helisa.alliance.models import AllianceDocument, MemberCategory, MemberState, VoteChoice
from helisa.alliance.services.alliances import secretariat_users


class ApplicationForm(forms.Form):
    cluster = forms.ModelChoiceField(queryset=None, label=_("Cluster organisation that applies"))
    category = forms.ChoiceField(
        label=_("Membership category"), choices=MemberCategory.choices, initial="full"
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the cluster wants to join, and what it brings to the alliance."),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class DecisionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the activity log and sent to the cluster's managers."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(state, MemberState(state).label) for state in targets]


class BallotForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Voting closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise ValidationError(_("The deadline must be in the future."))
        return deadline


class VoteForm(forms.Form):
    voter = forms.ModelChoiceField(queryset=None, label=_("Vote on behalf of"))
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = voters
        self.fields["voter"].label_from_instance = lambda member: member.cluster.name


class NewsForm(forms.Form):
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Text in English"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    title_pl = forms.CharField(label=_("Title in Polish"), max_length=200, required=False)
    body_pl = forms.CharField(
        label=_("Text in Polish"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{code}") for code in ("en", "pl")):
            raise ValidationError(_("Give the news a title in at least one language."))
        return data

    def texts(self):
        data = self.cleaned_data
        return (
            {code: data[f"title_{code}"] for code in ("en", "pl")},
            {code: data[f"body_{code}"] for code in ("en", "pl")},
        )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AllianceDocument
        fields = ["kind", "title", "file", "is_public"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"})}
        help_texts = {"file": _("PDF, ODT or DOCX, at most 20 MB.")}

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_document(name=file.name, size=file.size, head=read_head(file))
        return file


class AllianceForm(forms.Form):
    """An alliance's name and mission in each language, its founding and its secretariat."""

    slug = forms.SlugField(
        label=_("Address"),
        required=False,
        max_length=50,
        help_text=_("Part of the web address; left empty, it is made from the English name."),
    )
    founded_on = forms.DateField(
        label=_("Founded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    founded_in = forms.CharField(label=_("Founded in (place)"), max_length=100, required=False)
    secretariat = forms.CharField(
        label=_("Secretariat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Email addresses of the people who run the alliance, one per line."),
    )

    def __init__(self, *args, alliance=None, **kwargs):
        if alliance is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "slug": alliance.slug,
                    "founded_on": alliance.founded_on,
                    "founded_in": alliance.founded_in,
                    "secretariat": "\n".join(
                        alliance.secretariat.order_by("email").values_list("email", flat=True)
                    ),
                    **{f"name_{code}": text for code, text in alliance.name.items()},
                    **{f"mission_{code}": text for code, text in alliance.mission.items()},
                }
            )
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        texts = {}
        for code in settings.CONTENT_LANGUAGES:
            language = names.get(code, code)
            texts[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )
        for code in settings.CONTENT_LANGUAGES:
            language = names.get(code, code)
            texts[f"mission_{code}"] = forms.CharField(
                label=_("Mission (%(language)s)") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )
        self.fields = {**texts, **self.fields}

    def clean_secretariat(self):
        try:
            return secretariat_users(self.cleaned_data["secretariat"].split())
        except ValidationError as error:
            raise ValidationError(error.message_dict["secretariat"]) from None

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in settings.CONTENT_LANGUAGES):
            raise ValidationError(_("Give the alliance a name in at least one language."))
        return data

    def changes(self):
        data = self.cleaned_data
        return {
            "slug": data["slug"],
            "name": {code: data[f"name_{code}"] for code in settings.CONTENT_LANGUAGES},
            "mission": {code: data[f"mission_{code}"] for code in settings.CONTENT_LANGUAGES},
            "founded_on": data["founded_on"],
            "founded_in": data["founded_in"],
            "secretariat": data["secretariat"],
        }
