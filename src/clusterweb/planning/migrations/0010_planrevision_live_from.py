"""A plan revision says when it last became the live plan (``live_from``), so "the previous
plan" is one that was live, never an upload not made live. Every existing revision was made
live when it was loaded, or kept from the live plan, as far as the platform knew: each
takes its ``loaded_at``."""

from django.db import migrations, models
from django.db.models import F


def existing_were_live(apps, schema_editor):  # noqa: ANN001, ANN201
    revision = apps.get_model("planning", "PlanRevision")
    revision.objects.filter(kept_from_edits=False).update(live_from=F("loaded_at"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0009_numbers_within_core_bounds")]

    operations = [
        migrations.AddField(
            model_name="planrevision",
            name="live_from",
            field=models.DateTimeField(
                blank=True,
                help_text="When the revision last became the live plan; empty: it never was.",
                null=True,
                verbose_name="live from",
            ),
        ),
        migrations.RunPython(existing_were_live, migrations.RunPython.noop),
    ]
