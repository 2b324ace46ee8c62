"""Reference data (countries, NUTS, NACE, topics) comes from a data migration; a transactional
test's flush empties it, so it is put back for the tests that follow."""


def ensure_reference_data():
    from helisa.registry.models import Country
    from helisa.registry.reference import load_reference_data

    if not Country.objects.exists():
        load_reference_data()
