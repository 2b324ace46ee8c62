"""The forms of a project: its facts and its partners, one row each, one of them coordinating;
changing one, and recording a project that already exists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helisa.core.widgets import date_input
from helisa.registry.forms import NO_SUCH_ORGANISATION, SpacedFields
from helisa.registry.models import Organisation

from .models import PartnerRole, ProjectStatus

FACTS = ("title", "acronym", "budget", "start_date", "end_date")


class OrganisationNumberField(forms.IntegerField):
    """An organisation by its number in the registry: the picker of both project forms."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("The number at the end of the organisation's address in the directory."),
        )
        super().__init__(required=False, min_value=1, **kwargs)

    def clean(self, value):
        pk = super().clean(value)
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError(NO_SUCH_ORGANISATION)
        return organisation


def _date_field(label):
    return forms.DateField(label=label, required=False, widget=date_input())


class ProjectFacts(SpacedFields, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    start_date = _date_field(_("Start date"))
    end_date = _date_field(_("End date"))

    def fact_fields(self):
        return [self[n] for n in FACTS]

    def add_service_errors(self, error):
        """A service's refusal, each message by the field it is about."""
        for field, errors in error.message_dict.items():
            for message in errors:
                self.add_error(field if field in self.fields else None, message)


class ProjectForm(ProjectFacts):
    add = OrganisationNumberField(label=_("Add a partner (its number in the registry)"))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(project.partners.all())
        for name in FACTS:
            self.fields[name].initial = getattr(project, name)
        coordinator = next(
            (p.organisation_id for p in self.partners if p.role == PartnerRole.COORDINATOR), None
        )
        self.fields["coordinator"] = forms.TypedChoiceField(
            label=_("Coordinator"),
            coerce=int,
            choices=[(p.organisation_id, str(p.organisation)) for p in self.partners],
            initial=coordinator,
        )
        for partner in self.partners:
            pk = partner.organisation_id
            self.fields[f"keep_{pk}"] = forms.BooleanField(
                label=_("Keep %(organisation)s") % {"organisation": partner.organisation},
                required=False,
                initial=True,
            )
            self.fields[f"contribution_{pk}"] = forms.DecimalField(
                label=_("EU contribution of %(organisation)s (EUR)")
                % {"organisation": partner.organisation},
                max_digits=14,
                decimal_places=2,
                min_value=0,
                required=False,
                initial=partner.contribution,
            )

    def partner_rows(self):
        return [
            (p, self[f"keep_{p.organisation_id}"], self[f"contribution_{p.organisation_id}"])
            for p in self.partners
        ]

    def values(self):
        """The form's values in the shape change_project takes."""
        data = self.cleaned_data
        coordinator = data["coordinator"]
        partners = []
        for partner in self.partners:
            pk = partner.organisation_id
            if not data.get(f"keep_{pk}") and pk != coordinator:
                continue
            role = PartnerRole.COORDINATOR if pk == coordinator else PartnerRole.PARTNER
            partners.append((partner.organisation, role, data.get(f"contribution_{pk}")))
        added = data.get("add")
        if added is not None and added.pk not in {o.pk for o, _r, _c in partners}:
            partners.append((added, PartnerRole.PARTNER, None))
        facts = {n: data.get(n) for n in FACTS[2:]}
        return {
            "title": data.get("title", ""),
            "acronym": data.get("acronym", ""),
            **facts,
            "partners": partners,
        }


ROWS, MORE_ROWS, MAX_ROWS = 5, 5, 60


def rows_wanted(data):
    """As many partner rows as were shown and filled, and more when asked for."""
    try:
        shown = int(data.get("rows", ROWS))
    except (TypeError, ValueError):
        shown = ROWS
    filled = [int(k[8:]) + 1 for k, v in data.items() if k.startswith("partner_") and v]
    wanted = max([shown, ROWS, *filled]) + (MORE_ROWS if "more" in data else 0)
    return min(wanted, MAX_ROWS)


class NewProjectForm(ProjectFacts):
    """A project that already exists, recorded by someone of one of its partners."""

    call = forms.ModelChoiceField(
        label=_("Call"), queryset=None, required=False, empty_label=_("No call listed here")
    )
    call_topic = forms.CharField(
        label=_("Call topic"),
        max_length=120,
        required=False,
        help_text=_(
            "The topic code, such as HORIZON-CL5-2024-D3-01-01; the call's when left empty."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ProjectStatus.choices, initial=ProjectStatus.RUNNING
    )
    organisation = forms.ModelChoiceField(label=_("Your organisation"), queryset=None)
    role = forms.ChoiceField(
        label=_("Its role"), choices=PartnerRole.choices, initial=PartnerRole.COORDINATOR
    )

    def __init__(self, *args, organisations, calls, rows=ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(only := list(organisations[:2])) == 1:  # one's own organisation, chosen already
            self.fields["organisation"].initial = only[0].pk
        self.fields["call"].queryset = calls
        self.rows = rows
        for i in range(rows):
            self.fields[f"partner_{i}"] = forms.IntegerField(
                label=_("Partner %(n)s: its number in the registry") % {"n": i + 1},
                required=False,
                min_value=1,
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("Role of partner %(n)s") % {"n": i + 1},
                choices=PartnerRole.choices,
                initial=PartnerRole.PARTNER,
                required=False,  # an empty row needs none
            )

    def clean(self):
        """Each row's number as the organisation it names, all looked up at once."""
        data = super().clean()
        numbers = {}
        for i in range(self.rows):
            if (pk := data.get(f"partner_{i}")) is not None:
                numbers[i] = pk
        found = Organisation.objects.in_bulk(set(numbers.values()))
        for i, pk in numbers.items():
            if pk in found:
                data[f"partner_{i}"] = found[pk]
            else:
                self.add_error(f"partner_{i}", NO_SUCH_ORGANISATION)
        return data

    def call_fields(self):
        return [self[n] for n in ("call", "call_topic", "status")]

    def partner_rows(self):
        """Each row's fields and, once checked, the organisation its number names."""
        found = getattr(self, "cleaned_data", {})
        return [
            (self[f"partner_{i}"], self[f"role_{i}"], found.get(f"partner_{i}"))
            for i in range(self.rows)
        ]

    def values(self):
        """The form's values in the shape create_project takes."""
        data = self.cleaned_data
        partners = [(data["organisation"], data["role"], None)]
        for i in range(self.rows):
            if (organisation := data.get(f"partner_{i}")) is not None:
                role = data.get(f"role_{i}") or PartnerRole.PARTNER
                partners.append((organisation, role, None))
        names = (*FACTS, "call", "call_topic", "status")
        return {**{n: data.get(n) for n in names}, "partners": partners}
