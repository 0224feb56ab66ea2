"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("demand", "0002_supplyimport"),
    ]

    operations = [
        migrations.AlterField(
            model_name="talenttarget",
            name="hbo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="HBO hires per year",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="mbo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="MBO hires per year",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="other",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="Other hires per year",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="wo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="WO hires per year",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="year",
            field=models.PositiveIntegerField(
                unique=True, validators=[clusterweb.fields.WithinBound("year")], verbose_name="year"
            ),
        ),
    ]
