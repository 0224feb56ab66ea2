"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("acquisition", "0002_lead_event"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lead",
            name="area_m2",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("area")],
                verbose_name="space (m2)",
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="capex_meur",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("money")],
                verbose_name="capex (M EUR)",
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="landing_year",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("year")],
                verbose_name="expected landing year",
            ),
        ),
        migrations.AlterField(
            model_name="lead",
            name="probability",
            field=models.FloatField(
                blank=True,
                help_text="Empty: the stage's default (an assumption).",
                null=True,
                validators=[clusterweb.fields.WithinBound("share")],
                verbose_name="own probability",
            ),
        ),
    ]
