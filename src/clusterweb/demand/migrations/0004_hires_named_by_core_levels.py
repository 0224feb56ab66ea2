"""A target's hires per level are named by the core's words for the level (only the
verbose names change; the columns stay)."""

from django.db import migrations, models

import clusterweb.fields


class Migration(migrations.Migration):
    dependencies = [
        ("demand", "0003_numbers_within_core_bounds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="talenttarget",
            name="hbo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="Hires per year: HBO (applied sciences)",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="mbo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="Hires per year: MBO (vocational)",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="other",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="Hires per year: Other",
            ),
        ),
        migrations.AlterField(
            model_name="talenttarget",
            name="wo",
            field=models.FloatField(
                blank=True,
                null=True,
                validators=[clusterweb.fields.WithinBound("people-per-year")],
                verbose_name="Hires per year: WO (university)",
            ),
        ),
    ]
