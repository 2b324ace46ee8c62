"""Lists by country, named and ordered in the reader's language."""

from anyascii import anyascii

from helisa.core.countries import country_name


def name_order(name):
    """A sort key that puts a letter with a diacritic next to its base letter (Łotwa after
    Litwa, not after Węgry), as a reader of a Latin-script language looks for a name."""
    return anyascii(name).casefold(), name


def group_by_country(items, code_of):
    """[(country name, [items in their order])], by country name in the active language."""
    groups = {}
    for item in items:
        groups.setdefault(code_of(item), []).append(item)
    named = [(country_name(code), rows) for code, rows in groups.items()]
    return sorted(named, key=lambda group: name_order(group[0]))
