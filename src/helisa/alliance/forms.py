from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helisa.alliance.documents import check_document, read_head
from helisa.alliance.models import AllianceDocument, MemberCategory, MemberState, VoteChoice


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
