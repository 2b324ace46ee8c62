from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("alliance", "0002_declarations_events")]

    operations = [
        migrations.RemoveConstraint(model_name="signature", name="one_signature_per_organisation"),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                condition=models.Q(revoked_at__isnull=True),
                fields=("version", "organisation"),
                name="one_signature_per_organisation",
            ),
        ),
    ]
