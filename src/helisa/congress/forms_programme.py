"""Forms of the organiser's programme pages: the congress, its rooms, tracks, categories,
sessions and speakers. Forms only read and check input; the services decide."""

from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helisa.alliance.models import Alliance
from helisa.core.translated import clean_translations
from helisa.core.widgets import date_input
from helisa.registry.forms import SpacedFields, language_name
from helisa.registry.models import Country, Organisation

from .models import RegistrationKind, SessionKind, SpeakerRole

MAIN_LANGUAGES = ("en", "pl")
_EUROPEAN_ZONES = (
    "Atlantic/Canary",
    "Europe/Amsterdam",
    "Europe/Athens",
    "Europe/Belgrade",
    "Europe/Berlin",
    "Europe/Bratislava",
    "Europe/Brussels",
    "Europe/Bucharest",
    "Europe/Budapest",
    "Europe/Chisinau",
    "Europe/Copenhagen",
    "Europe/Dublin",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Europe/Kyiv",
    "Europe/Lisbon",
    "Europe/Ljubljana",
    "Europe/London",
    "Europe/Luxembourg",
    "Europe/Madrid",
    "Europe/Malta",
    "Europe/Oslo",
    "Europe/Paris",
    "Europe/Podgorica",
    "Europe/Prague",
    "Europe/Riga",
    "Europe/Rome",
    "Europe/Sarajevo",
    "Europe/Skopje",
    "Europe/Sofia",
    "Europe/Stockholm",
    "Europe/Tallinn",
    "Europe/Tirane",
    "Europe/Vienna",
    "Europe/Vilnius",
    "Europe/Warsaw",
    "Europe/Zagreb",
    "Europe/Zurich",
)


def time_zone_choices():
    known = available_timezones()
    return [(zone, zone.replace("_", " ")) for zone in _EUROPEAN_ZONES if zone in known]


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TranslatedFields:
    """Text per language: an input for English and Polish, plus language-and-text pairs for the
    other content languages (one empty pair more than filled, as in the registry's forms)."""

    translated_names = ()

    def add_translated(self, name, label, values, *, textarea=False, required=False):
        values = values or {}

        def text_field(field_label, initial, required_here=False):
            return forms.CharField(
                label=field_label,
                required=required_here,
                initial=initial,
                widget=forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput(),
            )

        for code in MAIN_LANGUAGES:
            self.fields[f"{name}_{code}"] = text_field(
                _("%(what)s in %(language)s") % {"what": label, "language": language_name(code)},
                values.get(code, ""),
                required and code == settings.LANGUAGE_CODE,
            )
        others = [(code, text) for code, text in values.items() if code not in MAIN_LANGUAGES]
        count = len(others) + 1
        typed = self.data or self.initial
        while f"{name}_other_{count}_language" in typed:
            count += 1
        choices = [("", _("Choose a language"))] + [
            (code, language_name(code))
            for code in settings.CONTENT_LANGUAGES
            if code not in MAIN_LANGUAGES
        ]
        for index in range(count):
            code, text = others[index] if index < len(others) else ("", "")
            self.fields[f"{name}_other_{index}_language"] = forms.ChoiceField(
                label=_("Other language"), choices=choices, required=False, initial=code
            )
            self.fields[f"{name}_other_{index}_text"] = text_field(
                _("%(what)s in that language") % {"what": label}, text
            )
        self.translated_names = (*self.translated_names, (name, count))
        for field_name in self.fields:
            if field_name.startswith(f"{name}_"):
                self.fields[field_name].template_name = "registry/editing/_field.html"

    def translated_group(self, name):
        count = dict(self.translated_names)[name]
        return {
            "main": [self[f"{name}_{code}"] for code in MAIN_LANGUAGES],
            "others": [
                (self[f"{name}_other_{i}_language"], self[f"{name}_other_{i}_text"])
                for i in range(count)
            ],
        }

    @property
    def translated_groups(self):
        return {name: self.translated_group(name) for name, _count in self.translated_names}

    def _clean_translated(self, name):
        data = self.cleaned_data
        values = {code: data.get(f"{name}_{code}") or "" for code in MAIN_LANGUAGES}
        for index in range(dict(self.translated_names)[name]):
            code = data.get(f"{name}_other_{index}_language")
            text = (data.get(f"{name}_other_{index}_text") or "").strip()
            if text and not code:
                self.add_error(
                    f"{name}_other_{index}_language",
                    _("Choose the language this text is written in."),
                )
            elif code and text:
                if values.get(code):
                    self.add_error(
                        f"{name}_other_{index}_language",
                        _("There is already a text in this language."),
                    )
                values[code] = text
        return clean_translations(values)

    def clean(self):
        data = super().clean()
        for name, _count in self.translated_names:
            data[name] = self._clean_translated(name)
        return data


class CongressForm(SpacedFields, TranslatedFields, forms.Form):
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    starts_on = forms.DateField(label=_("First day"), widget=date_input())
    ends_on = forms.DateField(label=_("Last day"), widget=date_input())
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        initial="Europe/Warsaw",
        help_text=_("Session times are entered and shown in this zone."),
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliance"), queryset=Alliance.objects.all(), required=False
    )
    registration_open = forms.BooleanField(label=_("Registration open"), required=False)

    FIELDS = (
        "venue",
        "city",
        "country",
        "starts_on",
        "ends_on",
        "time_zone",
        "alliance",
        "registration_open",
    )

    def __init__(self, *args, congress=None, **kwargs):
        if congress is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(congress, name) for name in self.FIELDS}
                | {"country": congress.country_id, "alliance": congress.alliance_id},
            )
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.add_translated("name", _("Name"), congress and congress.name, required=True)
        self.add_translated(
            "description", _("Description"), congress and congress.description, textarea=True
        )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return data

    def congress_fields(self):
        names = (*self.FIELDS, "name", "description")
        return {name: self.cleaned_data[name] for name in names}


class OrganiserForm(SpacedFields, forms.Form):
    email = forms.EmailField(
        label=_("Email of the new organiser"),
        help_text=_("The person must already have an account on Helisa."),
    )


class RoomForm(SpacedFields, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=1, required=False, help_text=_("Empty: not known")
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {"name": instance.name, "capacity": instance.capacity})
        super().__init__(*args, **kwargs)

    def values(self):
        return dict(self.cleaned_data)


class TrackForm(SpacedFields, TranslatedFields, forms.Form):
    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated("name", _("Name"), instance and instance.name, required=True)

    def values(self):
        return {"name": self.cleaned_data["name"]}


class CategoryForm(SpacedFields, TranslatedFields, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RegistrationKind.choices)
    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, required=False, help_text=_("Empty: no limit")
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {"kind": instance.kind, "capacity": instance.capacity})
        super().__init__(*args, **kwargs)
        self.add_translated("name", _("Name"), instance and instance.name)

    def values(self):
        return {name: self.cleaned_data[name] for name in ("kind", "name", "capacity")}


class SessionForm(SpacedFields, TranslatedFields, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    language = forms.ChoiceField(label=_("Language spoken"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False)
    track = forms.ModelChoiceField(label=_("Track"), queryset=None, required=False)
    day = forms.DateField(label=_("Day"), widget=date_input())
    start = forms.TimeField(label=_("Starts at"), widget=_time_input())
    end = forms.TimeField(label=_("Ends at"), widget=_time_input())

    FIELDS = ("kind", "language", "room", "track", "day", "start", "end")

    def __init__(self, *args, congress, session=None, local_times=None, **kwargs):
        if session is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": session.kind,
                    "language": session.language,
                    "room": session.room_id,
                    "track": session.track_id,
                    **(local_times or {}),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in settings.CONTENT_LANGUAGES
        ]
        self.fields["room"].queryset = congress.rooms.all()
        self.fields["track"].queryset = congress.tracks.all()
        self.fields["day"].help_text = _("From %(first)s to %(last)s; times in %(zone)s.") % {
            "first": congress.starts_on.isoformat(),
            "last": congress.ends_on.isoformat(),
            "zone": congress.time_zone,
        }
        self.add_translated("title", _("Title"), session and session.title, required=True)
        self.add_translated(
            "description", _("Description"), session and session.description, textarea=True
        )

    def session_fields(self):
        names = (*self.FIELDS, "title", "description")
        return {name: self.cleaned_data[name] for name in names}


class AppearanceForm(SpacedFields, forms.Form):
    speaker = forms.ModelChoiceField(label=_("Speaker"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = congress.speakers.all()


class SpeakerForm(SpacedFields, TranslatedFields, forms.Form):
    """The organisation is picked from the registry: the organiser searches, and the matches
    fill the select, so that it works without JavaScript."""

    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=150, required=False)
    organisation_query = forms.CharField(
        label=_("Find an organisation in the registry"),
        required=False,
        help_text=_("Type part of its name and press “Search”."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("This organisation is no longer in the registry.")},
    )
    person_email = forms.EmailField(
        label=_("Email of the person in the registry"),
        required=False,
        help_text=_("Optional: links the speaker to the registry's person with this email."),
    )

    FIELDS = ("name", "function", "organisation", "person_email")

    def __init__(self, *args, instance=None, organisations=(), **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": instance.name,
                    "function": instance.function,
                    "organisation": instance.organisation_id,
                    "person_email": instance.person.email if instance.person else "",
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.choices = [("", _("None"))] + [
            (organisation.pk, f"{organisation.legal_name} ({organisation.country_id})")
            for organisation in organisations
        ]
        self.add_translated("bio", _("Biography"), instance and instance.bio, textarea=True)

    def speaker_fields(self):
        return {name: self.cleaned_data[name] for name in (*self.FIELDS, "bio")}
