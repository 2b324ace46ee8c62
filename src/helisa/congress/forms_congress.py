"""Forms of the programme, registration, check-in and debate pages."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Organisation

from .models import QuestionStatus, RegistrationCategory


class RegistrationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=RegistrationCategory.objects.none(), empty_label=None
    )
    name_on_badge = forms.CharField(label=_("Name on the badge"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of emails and documents"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, categories, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["organisation"].queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides (PDF, PPTX or ODP, at most 30 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.pptx,.odp"}),
    )


class CheckinCodeForm(forms.Form):
    code = forms.UUIDField(label=_("Badge code"))


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerationForm(forms.Form):
    status = forms.ChoiceField(choices=QuestionStatus.choices)


class PollForm(forms.Form):
    """A poll in the organiser's current language; other languages are added in the admin."""

    question = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(
        label=_("Answers, one a line"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def language(self):
        return (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    def question_texts(self):
        return {self.language(): self.cleaned_data["question"]}

    def option_texts(self):
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        return [{self.language(): line} for line in lines if line]
