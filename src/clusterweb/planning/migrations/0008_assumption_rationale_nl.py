"""An assumption has its rationale in Dutch beside the English (``rationale_nl``; empty:
Dutch pages show the English)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0007_planrevision_kept_from_edits"),
    ]

    operations = [
        migrations.AddField(
            model_name="assumption",
            name="rationale_nl",
            field=models.TextField(blank=True, verbose_name="rationale (Dutch)"),
        ),
        migrations.AlterField(
            model_name="assumption",
            name="rationale",
            field=models.TextField(verbose_name="rationale (English)"),
        ),
    ]
