from django.db import migrations, models


def horizon_calls_count_independent_entities(apps, schema_editor):
    """Until now the flag followed the programme: every Horizon Europe call had it."""
    Call = apps.get_model("cooperation", "Call")
    Call.objects.filter(kind="horizon_europe").update(counts_independent_entities=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0007_coauthor_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="counts_independent_entities",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Organisations one controls, or one group holds, count once towards the "
                    "minima of partners, countries and partners in member states"
                ),
                verbose_name=(
                    "affiliated organisations count as one partner (independent legal entities)"
                ),
            ),
        ),
        migrations.RunPython(
            horizon_calls_count_independent_entities, migrations.RunPython.noop, elidable=True
        ),
    ]
