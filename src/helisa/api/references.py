"""Turn the codes and ids a client sends into the records they name.

An unknown code is a field error like any other, reported together with the rest.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helisa.core.countries import to_iso
from helisa.core.translated import clean_translations
from helisa.registry.forms import NO_SUCH_ORGANISATION
from helisa.registry.models import Country, NaceSector, NutsRegion, Organisation, Topic

_MANY = {
    "sectors": NaceSector,
    "focus_sectors": NaceSector,
    "topics": Topic,
    "focus_topics": Topic,
    "regions": NutsRegion,
}
# Fields a client may clear with null although the database keeps them as blank text.
_BLANK = {"short_name", "street", "postcode", "city", "website", "vat_number", "pic", "eccp_url"}
_REQUIRED = {"legal_name", "helix_role", "country", "name", "kind", "staff_fte"}


def resolve(data):
    """The values of a payload ready for a service: records instead of codes, blanks for nulls."""
    values, errors = {}, {}
    for name, value in data.items():
        try:
            values[name] = _resolve_one(name, value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return values


def _resolve_one(name, value):
    if value is None:
        if name in _REQUIRED:
            raise ValidationError(_("This field cannot be empty."))
        if name in _MANY:
            return []
        if name == "description":
            return {}
        return "" if name in _BLANK or name in ("business_size", "esca_label") else None
    if name == "country":
        return _country(value)
    if name == "region":
        return _one(NutsRegion, value.strip().upper())
    if name == "controlled_by":  # an organisation's registry number
        record = Organisation.objects.filter(pk=value).first()
        if record is None:
            raise ValidationError(NO_SUCH_ORGANISATION)
        return record
    if name in _MANY:
        return _many(_MANY[name], value)
    if name == "description":
        return clean_translations(value)
    return value


def _country(code):
    try:
        code = to_iso(code)
    except ValueError:
        raise ValidationError(_("Unknown country code.")) from None
    return _one(Country, code)


def _one(model, key):
    record = model.objects.filter(pk=key).first()
    if record is None:
        raise ValidationError(_("Unknown code: %(code)s.") % {"code": key})
    return record


def _many(model, keys):
    keys = list(dict.fromkeys(key.strip().upper() if isinstance(key, str) else key for key in keys))
    found = model.objects.in_bulk(keys)
    missing = [str(key) for key in keys if key not in found]
    if missing:
        raise ValidationError(_("Unknown: %(codes)s.") % {"codes": ", ".join(missing)})
    return [found[key] for key in keys]
