"""A talent target adopted as derived keeps no reason of its own: the job path it was derived
from says why, in the reader's language (it was stored as a sentence in the adopter's). The
sentences adoption wrote before are emptied where the target names its path."""

import re

from django.db import migrations, models

WRITTEN = (
    re.compile(r"Adopted as derived from the .+ job path\."),
    re.compile(r"Overgenomen zoals afgeleid van het banenpad .+\."),
)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    target = apps.get_model("demand", "TalentTarget")
    for row in target.objects.exclude(derived=""):
        if any(pattern.fullmatch(row.reason) for pattern in WRITTEN):
            row.reason = ""
            row.save(update_fields=["reason"])


class Migration(migrations.Migration):
    dependencies = [("demand", "0004_hires_named_by_core_levels")]

    operations = [
        migrations.AlterField(
            model_name="talenttarget",
            name="reason",
            field=models.TextField(
                blank=True,
                help_text="Empty only for a target adopted as derived: its job path says why.",
                verbose_name="why this target",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
