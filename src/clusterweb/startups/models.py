"""Start-ups and scale-ups of the portfolio, with their funding, jobs and milestones."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import HEADCOUNT, MONEY_MEUR, YEAR
from clusterweb.fields import alphabetical, within
from clusterweb.startups.constants import FundingKind, Programme, Stage, Status


class StartUp(models.Model):
    """A start-up or scale-up. ``organisation`` is the key of its registry organisation
    (empty: not in the registry); ``pillar`` and ``segment`` are ids of the plan's taxonomy."""

    key = models.SlugField(_("id"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation in the registry"), max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    programme = models.CharField(_("support programme"), max_length=20, choices=Programme.choices)
    founded = models.PositiveIntegerField(_("founded in"), validators=within(YEAR))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    status_year = models.PositiveIntegerField(
        _("year of the status change"), null=True, blank=True, validators=within(YEAR)
    )
    pillar = models.CharField(_("pillar"), max_length=40, blank=True)
    segment = models.CharField(_("value-chain segment"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("start-up")
        verbose_name_plural = _("start-ups")
        ordering = alphabetical("name")

    def __str__(self) -> str:
        return self.name


class FundingRound(models.Model):
    """Money a start-up raised on a date (confidential: amount and investors)."""

    startup = models.ForeignKey(StartUp, on_delete=models.CASCADE, related_name="rounds")
    on = models.DateField(_("date"))
    amount_meur = models.FloatField(_("amount (M EUR)"), validators=within(MONEY_MEUR))
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    investors = models.TextField(_("investors"), blank=True)

    class Meta:
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        ordering = ["startup", "on"]

    def __str__(self) -> str:
        return f"{self.startup} · {self.on}"


class JobsYear(models.Model):
    """A start-up's jobs in a year (confidential)."""

    startup = models.ForeignKey(StartUp, on_delete=models.CASCADE, related_name="jobs")
    year = models.PositiveIntegerField(_("year"), validators=within(YEAR))
    jobs = models.PositiveIntegerField(_("jobs"), validators=within(HEADCOUNT))

    class Meta:
        verbose_name = _("jobs in a year")
        verbose_name_plural = _("jobs per year")
        ordering = ["startup", "year"]
        constraints = [
            models.UniqueConstraint(fields=["startup", "year"], name="startups_one_figure_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.startup} · {self.year}"


class Milestone(models.Model):
    """A milestone of a start-up (planned or done)."""

    startup = models.ForeignKey(StartUp, on_delete=models.CASCADE, related_name="milestones")
    on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["startup", "on"]

    def __str__(self) -> str:
        return f"{self.startup} · {self.title}"
