"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("startups", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="fundinground",
            name="amount_meur",
            field=models.FloatField(
                validators=[clusterweb.fields.WithinBound("money")], verbose_name="amount (M EUR)"
            ),
        ),
        migrations.AlterField(
            model_name="jobsyear",
            name="jobs",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("headcount")], verbose_name="jobs"
            ),
        ),
        migrations.AlterField(
            model_name="jobsyear",
            name="year",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("year")], verbose_name="year"
            ),
        ),
        migrations.AlterField(
            model_name="startup",
            name="founded",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("year")], verbose_name="founded in"
            ),
        ),
        migrations.AlterField(
            model_name="startup",
            name="status_year",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("year")],
                verbose_name="year of the status change",
            ),
        ),
    ]
