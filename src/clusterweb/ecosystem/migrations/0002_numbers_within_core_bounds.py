"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="jobs",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("headcount")],
                verbose_name="jobs",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="revenue_meur",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("money")],
                verbose_name="revenue (M EUR)",
            ),
        ),
    ]
