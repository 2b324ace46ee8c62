"""Forms for claims, invitations and personal data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Person, RoleKind, Visibility


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the secretariat (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell the secretariat how you are connected to this organisation."),
    )


class DecideClaimForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept")), ("0", _("Reject"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("accept") is False and not data.get("reason", "").strip():
            self.add_error("reason", _("Please give the claimant a reason for the rejection."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person to invite"))
    kind = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, RoleKind(kind).label) for kind in kinds]


class PersonForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree to be listed as a contact of my organisations"),
        required=False,
        help_text=_("You can withdraw this consent at any time."),
    )

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "phone", "visibility"]
        widgets = {"visibility": forms.RadioSelect(choices=Visibility.choices)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].initial = self.instance.consent_given_at is not None


class AffiliationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    function = forms.CharField(label=_("Your function there"), max_length=150, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
