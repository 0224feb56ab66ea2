"""Observed figures (actuals) per indicator, subject and year, each with its source."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import YEAR
from clusterweb.fields import acting_user, within


def figure_name(indicator: str, subject: str, year: int) -> str:
    """A figure as the history names it, in no language: indicator, subject (none for the
    cluster's total) and year, e.g. ``jobs · design · 2027``, ``acquired-jobs · 2027``."""
    return " · ".join(part for part in (indicator, subject, str(year)) if part)


ONE_FIGURE = _(
    "A figure for this indicator, subject, year and organisation is stored already: "
    "correct that one in the list of figures."
)
"""Why a second figure of the same indicator, subject, year and organisation is refused."""


class Actual(models.Model):
    """One observed value: indicator id (declared in the plan's ``monitoring.yaml``),
    subject (a pillar, project, funding source or education level id; empty for a cluster
    total), year, value in the indicator's unit, and where it comes from.

    A partner's submission names its ``organisation``: such figures are confidential (only
    editors and the organisation's own partner users see them) and enter aggregates shown
    to others only when enough organisations contributed (the disclosure rule of the plan's
    monitoring part, ``services.min_organisations``).
    """

    indicator = models.CharField(_("indicator"), max_length=64)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=within(YEAR))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    received = models.DateField(_("received"), null=True, blank=True)
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actuals",
    )
    entered_by = acting_user(_("entered by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        ordering = ["indicator", "subject", "year", "organisation_id"]
        constraints = [
            # NULL is never equal to NULL in a unique index: one constraint per case.
            models.UniqueConstraint(
                fields=["indicator", "subject", "year"],
                condition=Q(organisation__isnull=True),
                name="monitoring_actual_one_figure",
                violation_error_message=ONE_FIGURE,
            ),
            models.UniqueConstraint(
                fields=["indicator", "subject", "year", "organisation"],
                condition=Q(organisation__isnull=False),
                name="monitoring_actual_one_figure_per_organisation",
                violation_error_message=ONE_FIGURE,
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return figure_name(self.indicator, self.subject, self.year)
