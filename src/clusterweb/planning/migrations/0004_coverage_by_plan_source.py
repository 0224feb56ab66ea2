"""Coverage becomes one JSON mapping (funding source id -> M EUR) instead of four columns;
growth dimension and commitment source take any id of the plan (checked by the core)."""

from django.db import migrations, models

import clusterweb.fields

FORMER_SOURCES = ("private", "subsidies", "national", "regional")
"""The four coverage columns this migration folds into ``coverage_meur`` (frozen here: a
migration must not depend on the plan that is loaded later)."""


def columns_to_mapping(apps, schema_editor):  # type: ignore[no-untyped-def]
    Project = apps.get_model("planning", "Project")
    for row in Project.objects.all():
        row.coverage_meur = {s: getattr(row, f"coverage_{s}_meur") for s in FORMER_SOURCES}
        row.save(update_fields=["coverage_meur"])


def mapping_to_columns(apps, schema_editor):  # type: ignore[no-untyped-def]
    Project = apps.get_model("planning", "Project")
    for row in Project.objects.all():
        mapping = dict(row.coverage_meur or {})
        other = sorted(set(mapping) - set(FORMER_SOURCES))
        if other:
            raise RuntimeError(
                f"project {row.key}: coverage by source(s) {', '.join(other)} has no column "
                "to go back to; the reverse migration would lose it"
            )
        for s in FORMER_SOURCES:
            setattr(row, f"coverage_{s}_meur", mapping.get(s))
        row.save(update_fields=[f"coverage_{s}_meur" for s in FORMER_SOURCES])


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0003_project_business_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="coverage_meur",
            field=clusterweb.fields.OrderedJSONField(
                blank=True,
                default=dict,
                help_text="Funding source id of the plan to M EUR (null: unknown).",
                verbose_name="coverage (M EUR)",
            ),
        ),
        migrations.RunPython(columns_to_mapping, mapping_to_columns),
        migrations.RemoveField(model_name="project", name="coverage_private_meur"),
        migrations.RemoveField(model_name="project", name="coverage_subsidies_meur"),
        migrations.RemoveField(model_name="project", name="coverage_national_meur"),
        migrations.RemoveField(model_name="project", name="coverage_regional_meur"),
        migrations.AlterField(
            model_name="project",
            name="dimension",
            field=models.CharField(
                help_text="A growth dimension of the plan, or 'enabling'.",
                max_length=100,
                verbose_name="growth dimension",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="source",
            field=models.CharField(
                help_text="A funding source id of the plan.",
                max_length=100,
                verbose_name="source",
            ),
        ),
    ]
