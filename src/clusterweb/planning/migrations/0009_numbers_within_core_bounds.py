"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0008_assumption_rationale_nl"),
    ]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="amount_meur",
            field=models.FloatField(
                validators=[clusterweb.fields.WithinBound("money")], verbose_name="amount (M EUR)"
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="year",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("year")],
                verbose_name="year",
            ),
        ),
        migrations.AlterField(
            model_name="phase",
            name="end",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("year")],
                verbose_name="end year",
            ),
        ),
        migrations.AlterField(
            model_name="phase",
            name="start",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("year")],
                verbose_name="start year",
            ),
        ),
        migrations.AlterField(
            model_name="projectcost",
            name="amount_meur",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("money")],
                verbose_name="cost (M EUR)",
            ),
        ),
        migrations.AlterField(
            model_name="projectcost",
            name="year",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("year")], verbose_name="year"
            ),
        ),
    ]
