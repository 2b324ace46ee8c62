from django.db import migrations


def load(apps, schema_editor):
    from helisa.registry.reference import load_reference_data

    models = {
        name: apps.get_model("registry", name)
        for name in ("Country", "NutsRegion", "NaceSector", "Topic")
    }
    load_reference_data(models=models)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
