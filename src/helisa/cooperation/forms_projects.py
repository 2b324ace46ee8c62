"""The form of a project: its facts and its partners, one row each, one of them coordinating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helisa.registry.forms import SpacedFields
from helisa.registry.models import Organisation

from .models import PartnerRole


class ProjectForm(SpacedFields, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    add = forms.IntegerField(
        label=_("Add a partner (its number in the registry)"),
        required=False,
        min_value=1,
        help_text=_("The number at the end of the organisation's address in the directory."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(project.partners.all())
        for name in ("title", "acronym", "budget", "start_date", "end_date"):
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

    def fact_fields(self):
        return [self[n] for n in ("title", "acronym", "budget", "start_date", "end_date")]

    def partner_rows(self):
        return [
            (p, self[f"keep_{p.organisation_id}"], self[f"contribution_{p.organisation_id}"])
            for p in self.partners
        ]

    def clean_add(self):
        pk = self.cleaned_data.get("add")
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError(_("No organisation has this number."))
        return organisation

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
        facts = {n: data.get(n) for n in ("budget", "start_date", "end_date")}
        return {
            "title": data.get("title", ""),
            "acronym": data.get("acronym", ""),
            **facts,
            "partners": partners,
        }
