"""Coverage becomes one JSON mapping (funding source id -> M EUR) instead of four columns;
growth dimension and commitment source take any id of the plan (checked by the core).

The stored plan document gets the data the schema now asks for: ``finance.sources`` (the
four sources the code used to name) and ``builds_on`` for the three growth dimensions the
code used to chain; ``fab_continues`` goes (a facility at risk is assumption data)."""

from django.db import migrations, models

import clusterweb.fields

FORMER_SOURCES = ("private", "subsidies", "national", "regional")
"""The four coverage columns this migration folds into ``coverage_meur`` (frozen here: a
migration must not depend on the plan that is loaded later)."""


FORMER_SOURCE_NAMES = {
    "private": ("Privaat", "Private"),
    "subsidies": ("Subsidies", "Subsidies"),
    "national": ("Nationaal", "National"),
    "regional": ("Regionaal", "Regional"),
}
"""The names the web used to give the four sources (its former translated choices)."""

FORMER_CHAIN = {"accelerated": "organic", "leap": "accelerated"}
"""The order the code used to impose on the three growth dimensions it knew."""


def document_to_plan_data(apps, schema_editor):  # type: ignore[no-untyped-def]
    PlanDocument = apps.get_model("planning", "PlanDocument")
    for doc in PlanDocument.objects.all():
        data = doc.data
        finance = data.get("finance") or {}
        if "sources" not in finance:
            finance["sources"] = [
                {"id": s, "name_nl": nl, "name_en": en, "description_nl": None}
                for s, (nl, en) in FORMER_SOURCE_NAMES.items()
            ]
        scenarios = (data.get("employment") or {}).get("scenarios") or {}
        for key, scenario in scenarios.items():
            scenario.pop("fab_continues", None)
            if "builds_on" not in scenario:
                before = FORMER_CHAIN.get(key)
                scenario["builds_on"] = before if before in scenarios else None
        doc.save(update_fields=["data"])


def plan_data_to_document(apps, schema_editor):  # type: ignore[no-untyped-def]
    PlanDocument = apps.get_model("planning", "PlanDocument")
    for doc in PlanDocument.objects.all():
        data = doc.data
        (data.get("finance") or {}).pop("sources", None)
        for scenario in ((data.get("employment") or {}).get("scenarios") or {}).values():
            scenario.pop("builds_on", None)
            scenario["fab_continues"] = True  # the only value the former plans held
        doc.save(update_fields=["data"])


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
        migrations.RunPython(document_to_plan_data, plan_data_to_document),
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
