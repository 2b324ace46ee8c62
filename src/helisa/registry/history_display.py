"""ChangeRecords as people read them: field labels, choice names, names instead of ids."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helisa.core.countries import country_name

from .models import Cluster, Membership, Organisation, Topic

_MODELS = {"organisation": Organisation, "cluster": Cluster, "membership": Membership}
_RECORD_NAMES = {
    "organisation": gettext_lazy("Organisation"),
    "cluster": gettext_lazy("Cluster profile"),
}
_EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    record: object
    subject: str
    changes: list


def describe(records):
    """HistoryEntry for each record, fetching the names it mentions in one query per kind."""
    records = list(records)
    names = _names_mentioned(records)
    return [
        HistoryEntry(
            record=record,
            subject=_subject(record, names),
            changes=[
                FieldChange(
                    label=_label(record.record_type, field),
                    before=_show(record.record_type, field, before, names),
                    after=_show(record.record_type, field, after, names),
                )
                for field, (before, after) in sorted(record.changes.items())
            ],
        )
        for record in records
    ]


def _field(record_type, name):
    model = _MODELS.get(record_type)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(record_type, name):
    field = _field(record_type, name)
    label = getattr(field, "verbose_name", None) or name.replace("_", " ")
    return str(label)[:1].upper() + str(label)[1:]


def _related_model(record_type, name):
    field = _field(record_type, name)
    return field.related_model if field is not None and field.is_relation else None


def _names_mentioned(records):
    wanted = {Organisation: set(), Topic: set(), get_user_model(): set()}
    memberships = set()
    for record in records:
        if record.record_type == "membership":
            memberships.add(_int(record.record_id))
        for field, values in record.changes.items():
            model = _related_model(record.record_type, field)
            if model not in wanted:
                continue
            for value in values:
                for pk in value if isinstance(value, list) else [value]:
                    wanted[model].add(_int(pk))
    names = {}
    for model, pks in wanted.items():
        pks.discard(None)
        if pks:
            names[model] = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=pks)}
    memberships.discard(None)
    if memberships:
        names[Membership] = {
            membership.pk: str(membership.member)
            for membership in Membership.objects.filter(pk__in=memberships).select_related("member")
        }
    return names


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _subject(record, names):
    if record.record_type != "membership":
        return str(_RECORD_NAMES.get(record.record_type, record.record_type))
    member = names.get(Membership, {}).get(_int(record.record_id))
    if member is None:
        before, after = record.changes.get("member", [None, None])
        member = names.get(Organisation, {}).get(_int(after or before), _("an organisation"))
    return _("Membership of %(member)s") % {"member": member}


def _show(record_type, name, value, names):
    if value is None or value == "" or value == []:
        return _EMPTY
    field = _field(record_type, name)
    if isinstance(value, dict):
        return "; ".join(f"{code.upper()}: {text}" for code, text in sorted(value.items()))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    model = _related_model(record_type, name)
    if model is not None and model.__name__ == "Country":
        return country_name(value)
    values = value if isinstance(value, list) else [value]
    if model in (Organisation, Topic, get_user_model()):
        known = names.get(model, {})
        return ", ".join(known.get(_int(pk), str(pk)) for pk in values)
    return ", ".join(str(item) for item in values)
