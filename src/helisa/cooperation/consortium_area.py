"""Whether a partner lies in an Interreg programme area, read from NUTS codes (plain data)."""

from helisa.core.countries import to_eu


def in_programme_area(region, codes):
    """Whether a NUTS region lies in the area. NUTS writes EL and UK where ISO, and so a call's
    country-level codes, may write GR and GB: both sides are read in NUTS's spelling."""
    if not region:
        return False
    region = nuts_spelling(region)
    return any(region.startswith(nuts_spelling(code)) for code in codes)


def nuts_spelling(code):
    code = code.strip().upper()
    return to_eu(code[:2]) + code[2:]
