"""Forms of B2B matchmaking. They only read input; services decide."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helisa.congress.models import MatchmakingSettings, MeetingMode, MeetingOutcome
from helisa.congress.slots import local_label
from helisa.core.translated import in_language

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def profile_languages(registration):
    """The participant's own language first, then English and Polish."""
    return list(dict.fromkeys([registration.language or "en", "en", "pl"]))


class ProfileForm(forms.Form):
    max_meetings = forms.IntegerField(label=_("Most meetings"), min_value=1, max_value=50)

    def __init__(self, *args, participant, slots_by_session, **kwargs):
        super().__init__(*args, **kwargs)
        time_zone = participant.congress.time_zone
        self.languages = profile_languages(participant.registration)
        for code in self.languages:
            name = LANGUAGE_NAMES.get(code, code.upper())
            self.fields[f"offer_{code}"] = forms.CharField(
                label=_("What we offer (%(language)s)") % {"language": name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=participant.offer.get(code, ""),
            )
            self.fields[f"looking_for_{code}"] = forms.CharField(
                label=_("What we are looking for (%(language)s)") % {"language": name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=participant.looking_for.get(code, ""),
            )
        all_slots = [slot.id for _session, slots in slots_by_session for slot in slots]
        ticked = set(participant.available_slots or all_slots)
        self.sessions = []
        for session, slots in slots_by_session:
            name = f"slots_{session.pk}"
            self.fields[name] = forms.MultipleChoiceField(
                label=session.label,
                required=False,
                choices=[(slot.id, local_label(slot, time_zone)) for slot in slots],
                widget=forms.CheckboxSelectMultiple,
                initial=[slot.id for slot in slots if slot.id in ticked],
            )
            self.sessions.append((session, name, slots))
        self.fields["max_meetings"].initial = participant.max_meetings

    def session_fields(self):
        return [(session, self[name]) for session, name, _slots in self.sessions]

    def text_fields(self):
        return [field for field in self if not field.name.startswith("slots_")]

    def texts(self, prefix):
        return {code: self.cleaned_data.get(f"{prefix}_{code}", "") for code in self.languages}

    def available_slots(self):
        return [slot for _s, name, _slots in self.sessions for slot in self.cleaned_data[name]]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you would like to meet. Your contact details are not shared."),
    )


class PlaceForm(forms.Form):
    mode = forms.ChoiceField(label=_("Where"), choices=MeetingMode.choices)
    video_link = forms.URLField(label=_("Video-call link"), required=False, assume_scheme="https")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=MeetingOutcome.choices, required=False)


class FollowUpForm(forms.Form):
    negotiation_started = forms.BooleanField(label=_("Negotiation started"), required=False)
    agreement_reached = forms.BooleanField(label=_("Agreement reached"), required=False)
    agreement_type = forms.ChoiceField(
        label=_("Type of agreement"),
        required=False,
        choices=[("", "—")],
    )

    def __init__(self, *args, **kwargs):
        from helisa.congress.models import AgreementType

        super().__init__(*args, **kwargs)
        self.fields["agreement_type"].choices = [("", "—"), *AgreementType.choices]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MatchmakingSettings
        fields = [
            "meeting_minutes",
            "tables",
            "max_requests_per_participant",
            "default_max_meetings",
            "requests_open",
        ]


class SessionForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=100, help_text=_("Morning, afternoon..."))
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        help_text=_("Local times, one per line or comma-separated: 10:30-10:45"),
    )

    def clean_breaks(self):
        pairs = []
        for part in self.cleaned_data["breaks"].replace(",", "\n").splitlines():
            part = part.strip()
            if not part:
                continue
            start, _dash, end = part.partition("-")
            if not end:
                raise forms.ValidationError(_("Write each break as HH:MM-HH:MM."))
            pairs.append([start.strip(), end.strip()])
        return pairs


class MeetingForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    mode = forms.ChoiceField(label=_("Where"), choices=MeetingMode.choices)
    video_link = forms.URLField(label=_("Video-call link"), required=False, assume_scheme="https")

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants
        self.fields["participants"].label_from_instance = lambda p: (
            f"{p.registration.name_on_badge} ({p.organisation or '—'})"
        )


class LockForm(forms.Form):
    slot = forms.ChoiceField(label=_("Slot"))
    table = forms.IntegerField(label=_("Table"), min_value=1, required=False)  # none online

    def __init__(self, *args, slots, time_zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (
                s.id,
                f"{s.starts_at.astimezone(ZoneInfo(time_zone)):%d.%m} {local_label(s, time_zone)}",
            )
            for s in slots
        ]


class RunForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=30
    )


def name_of(congress):
    return str(in_language(congress.name))
