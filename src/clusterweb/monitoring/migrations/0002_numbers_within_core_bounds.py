"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actual",
            name="year",
            field=models.PositiveSmallIntegerField(
                validators=[clusterweb.fields.WithinBound("year")], verbose_name="year"
            ),
        ),
    ]
