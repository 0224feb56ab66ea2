"""Stored numbers are validated by the core's declared bounds (clusterplan.plan.bounds), by name."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="slot_minutes",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("slot-minutes")],
                verbose_name="slot length (minutes)",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="slots",
            field=models.PositiveIntegerField(
                validators=[clusterweb.fields.WithinBound("event-slots")],
                verbose_name="number of slots",
            ),
        ),
        migrations.AlterField(
            model_name="participant",
            name="max_meetings",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("event-slots")],
                verbose_name="maximum number of meetings",
            ),
        ),
    ]
