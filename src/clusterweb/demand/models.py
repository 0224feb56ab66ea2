"""Talent targets adopted by the programme office (hires per education level and year).

They live apart from the stored plan document, so that loading a new revision of the plan
(``load_plan --replace``) keeps them; the talent page lays them over the plan's own
``talent.targets``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import PEOPLE_PER_YEAR, YEAR
from clusterweb.demand.constants import hires_label
from clusterweb.fields import acting_user, within

HIRES = {
    "null": True,
    "blank": True,
    "validators": within(PEOPLE_PER_YEAR),
}


class TalentTarget(models.Model):
    """An adopted target: hires per year by level in one interim year or the end goal."""

    year = models.PositiveIntegerField(
        _("year"),
        unique=True,
        validators=within(YEAR),
    )
    # A column per level of the core's EDUCATION_LEVELS (test_talent_page holds the model to
    # it), named by the core's words for the level.
    mbo = models.FloatField(hires_label("mbo"), **HIRES)  # type: ignore[arg-type]
    hbo = models.FloatField(hires_label("hbo"), **HIRES)  # type: ignore[arg-type]
    wo = models.FloatField(hires_label("wo"), **HIRES)  # type: ignore[arg-type]
    other = models.FloatField(hires_label("other"), **HIRES)  # type: ignore[arg-type]
    reason = models.TextField(
        _("why this target"),
        blank=True,
        help_text=_("Empty only for a target adopted as derived: its job path says why."),
    )
    derived = models.CharField(_("derived from"), max_length=40, blank=True)
    set_by = acting_user(_("set by"))
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("talent target")
        verbose_name_plural = _("talent targets")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(_("Talent target %(year)s") % {"year": self.year})


class SupplyImport(models.Model):
    """An imported education supply file (the rows that passed every check); the latest
    import is the supply the talent pages use."""

    file_name = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"))
    row_count = models.PositiveIntegerField(_("rows imported"))
    imported_by = acting_user(_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("education supply import")
        verbose_name_plural = _("education supply imports")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.file_name
