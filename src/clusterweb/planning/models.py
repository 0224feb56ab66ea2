"""The plan as editable data.

``PlanDocument`` keeps the whole plan as loaded (the parts nobody edits in the browser);
projects, their yearly costs, coverage and phases, commitments and assumptions are rows
that editors change. ``services.current_plan()`` combines both into the core's ``Plan``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import MONEY_MEUR, YEAR
from clusterplan.plan.schema import PLAN_TEXT_MAX
from clusterplan.report.tables import MONEY as MONEY_UNIT
from clusterweb.fields import OrderedJSONField, within
from clusterweb.planning.constants import CommitmentStatus, ProjectStatus
from clusterweb.presentation import entered

MONEY = {"validators": within(MONEY_MEUR), "null": True, "blank": True}


class PlanDocument(models.Model):
    """The whole plan as loaded from a plan directory (JSON of the core's ``Plan``)."""

    plan_id = models.CharField(_("plan"), max_length=PLAN_TEXT_MAX["id"])
    data = OrderedJSONField(_("plan data"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.plan_id


class PlanRevision(models.Model):
    """A whole plan as published on a date: one revision of one plan, kept as loaded.

    Every plan loaded into the platform (``manage.py load_plan``, ``clusterplan serve
    --plan``) is kept here once per distinct content (``digest``), so the revisions of a
    plan, and several plans, stay available after the live plan (``PlanDocument`` and the
    editable rows) is replaced. Before it is replaced, the live plan with its web edits is
    kept too (``kept_from_edits``) when no kept revision holds that content. ``live_from``
    says when a revision last became the live plan (an upload not made live has none).
    """

    plan_id = models.CharField(_("plan"), max_length=PLAN_TEXT_MAX["id"])
    title = models.CharField(_("title"), max_length=PLAN_TEXT_MAX["title"])
    published = models.CharField(_("published"), max_length=PLAN_TEXT_MAX["published"])
    digest = models.CharField(_("content digest"), max_length=64)
    data = OrderedJSONField(_("plan data"))
    supply_file = models.CharField(
        _("education supply file"), max_length=PLAN_TEXT_MAX["supply_file"], blank=True
    )
    supply_rows = models.JSONField(_("education supply rows"), null=True, blank=True)
    kept_from_edits = models.BooleanField(
        _("kept from web edits"),
        default=False,
        help_text=_(
            "The live plan as edited on the web, kept when another revision was made live."
        ),
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    live_from = models.DateTimeField(
        _("live from"),
        null=True,
        blank=True,
        help_text=_("When the revision last became the live plan; empty: it never was."),
    )

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan_id", "-loaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan_id", "digest"], name="unique_plan_revision")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} ({self.published})"


class Project(models.Model):
    """A flagship project or programme (a row of the projects table)."""

    key = models.SlugField(_("id"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    dimension = models.CharField(
        _("growth dimension"),
        max_length=100,
        help_text=_("A growth dimension of the plan, or 'enabling'."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    coverage_meur = OrderedJSONField(
        _("coverage (M EUR)"),
        default=dict,
        blank=True,
        help_text=_("Funding source id of the plan to M EUR (null: unknown)."),
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    business_case = OrderedJSONField(_("business case"), null=True, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.name_nl

    def get_dimension_display(self) -> str:
        """The growth dimension's name in the current plan (page language)."""
        from clusterweb.scenarios.services import dimension_label

        return dimension_label(self.dimension)


class ProjectCost(models.Model):
    """The cost of a project in one year, M EUR (empty = unknown, '?' in the plan)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveIntegerField(_("year"), validators=within(YEAR))
    amount_meur = models.FloatField(_("cost (M EUR)"), **MONEY)

    class Meta:
        verbose_name = _("project cost")
        verbose_name_plural = _("project costs")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="unique_project_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.year}"


class Phase(models.Model):
    """A phase of a project, with start and end year when known."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(_("id"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300)
    start = models.PositiveIntegerField(
        _("start year"), null=True, blank=True, validators=within(YEAR)
    )
    end = models.PositiveIntegerField(_("end year"), null=True, blank=True, validators=within(YEAR))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="unique_project_phase")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.name_nl}"


class Commitment(models.Model):
    """A funding commitment for a cost line and source (asked for, pledged, granted, paid)."""

    line = models.CharField(_("cost line"), max_length=100)
    source = models.CharField(
        _("source"), max_length=100, help_text=_("A funding source id of the plan.")
    )
    amount_meur = models.FloatField(_("amount (M EUR)"), validators=within(MONEY_MEUR))
    year = models.PositiveIntegerField(_("year"), null=True, blank=True, validators=within(YEAR))
    status = models.CharField(_("status"), max_length=20, choices=CommitmentStatus.choices)
    instrument = models.CharField(_("instrument"), max_length=100, blank=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        help_text=_("Where this commitment comes from: a letter, a decision, a contract."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["line", "source", "year", "pk"]

    def __str__(self) -> str:
        amount = entered(self.amount_meur, MONEY_UNIT)
        return f"{self.line} · {self.get_source_display()} · {amount} M EUR"

    def get_source_display(self) -> str:
        """The funding source's name in the current plan (page language)."""
        from clusterweb.planning import tables
        from clusterweb.planning.services import current_plan

        return tables.source_label(current_plan(), self.source)


class Assumption(models.Model):
    """A model parameter the plan does not give: named, editable, with a rationale."""

    key = models.CharField(_("id"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    label_nl = models.CharField(_("label (Dutch)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    value = OrderedJSONField(_("value"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=200)
    rationale = models.TextField(_("rationale (English)"))
    rationale_nl = models.TextField(_("rationale (Dutch)"), blank=True)
    public_source = models.TextField(_("public source"), blank=True)
    low = models.FloatField(_("low"), null=True, blank=True)
    high = models.FloatField(_("high"), null=True, blank=True)
    distribution = models.CharField(_("distribution"), max_length=20, default="fixed")

    class Meta:
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.key
