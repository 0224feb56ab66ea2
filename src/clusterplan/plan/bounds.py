"""The declared range of every number a plan stores or a user can type, declared once.

Every bound is finite: NaN and infinity are never a valid figure. A ``Bound`` has a
plausible maximum with a one-line rationale; the schema (:mod:`clusterplan.plan.schema`)
builds its field types from these, the web forms build their fields from them, and the
command line checks its numeric options against them, so a value refused in one place is
refused everywhere, with the same range in the message.

The maxima are deliberately generous (an order of magnitude or more above any regional
cluster plan) while staying far from float overflow: summing every cell of a plan at its
maximum stays below 1e12, so no page can overflow on stored data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field

from clusterplan.errors import Coded
from clusterplan.i18n import Count, as_year, unit_code

YEAR_UNIT = "year"
"""The unit of a calendar year (a duration in years is ``years``)."""


def finite(value: Any) -> float | None:
    """``value`` as a float when it is a finite number; None for a text, a flag (``True``
    is no 1 here), a list, a mapping or NaN/infinity: the one test of a number read from
    plan data."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def refused(what: str, value: Any, problem: Coded) -> Coded:
    """One line ``"<what> <problem> (got <value>)"``: why ``value`` given for ``what`` is
    refused, a number in the reader's notation and anything else quoted."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and not math.isfinite(value):
        shown: Any = str(value)  # as typed ('nan', 'inf'), not a number's '-'
    else:
        shown = value if number else repr(value)
    return Coded("value.what_problem_got", {"what": what, "problem": problem, "value": shown})


@dataclass(frozen=True)
class Bound:
    """A closed range ``[low, high]`` of finite numbers, with its unit and why ``high``."""

    name: str
    low: float
    high: float
    unit: str
    rationale: str
    integer: bool = False

    def problem(self, value: Any) -> Coded | None:
        """Why ``value`` is outside this range (coded), or None when it is inside."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return Coded("value.not_number")
        if isinstance(value, float) and not math.isfinite(value):
            return Coded("value.not_finite")
        if self.integer and isinstance(value, float) and not value.is_integer():
            return Coded("value.not_whole")
        if not self.low <= value <= self.high:
            return self.refusal(value)
        return None

    def refusal(self, value: float | None = None) -> Coded:
        """``"must be between <low> and <high> <unit>"`` (coded: every interface writes it
        in its reader's language and notation); for a negative ``value`` when the range
        starts at 0 or above, ``"must not be negative (between ...)"``."""
        code = unit_code(self.range_unit)
        unit = Coded(code) if code else self.range_unit
        span = {"low": self.figure(self.low), "high": self.figure(self.high), "unit": unit}
        if value is not None and value < 0 <= self.low:
            return Coded("value.negative_between", span)
        return Coded("value.between", span)

    @property
    def range_unit(self) -> str:
        """The unit a range of this bound is written with: none for calendar years
        ("between 1900 and 2200", not "... and 2200 year")."""
        return "" if self.unit == YEAR_UNIT else self.unit

    def message(self, what: str, value: Any) -> Coded | None:
        """One line ``"<what> must be between 0 and 10 years (got 11)"``, or None if valid
        (a calendar year given as its digits: ``(got 99999)``)."""
        problem = self.problem(value)
        if problem is None:
            return None
        given = as_year(value) if self.unit == YEAR_UNIT else value
        return refused(what, given, problem)

    def check(self, value: Any, what: str) -> None:
        """Raise ValueError ``"<what> must be between ..."`` when ``value`` is outside."""
        problem = self.problem(value)
        if problem is not None:
            raise ValueError(Coded("value.what_problem", {"what": what, "problem": problem}))

    def figure(self, number: float) -> int | float:
        """An end of this range as a message's parameter, written in the reader's notation:
        a calendar year as its digits, another whole number grouped by thousands (a
        :class:`~clusterplan.i18n.Count`), a fraction with its decimals."""
        if not float(number).is_integer():
            return float(number)
        return as_year(int(number)) if self.unit == YEAR_UNIT else Count(int(number))


MONEY_MEUR = Bound(
    "money",
    0,
    100_000,
    "M EUR",
    "EUR 100 billion: above the largest single chip fab ever built, so any larger amount "
    "in a cost, coverage, cap or commitment is a typing error (e.g. EUR instead of M EUR).",
)
MONEY_TOTAL_MEUR = Bound(
    "money-total",
    0,
    10_000_000,
    "M EUR",
    "A total over a project's years or a table's rows: a hundred amounts at the maximum of "
    "one amount, so that any valid set of amounts has a valid total.",
)
JOBS = Bound(
    "jobs",
    0,
    5_000_000,
    "jobs",
    "Five million jobs: more than the whole workforce of most European regions and countries "
    "one cluster could draw on; jobs are never negative.",
)
HEADCOUNT = Bound(
    "headcount",
    JOBS.low,
    JOBS.high,
    JOBS.unit,
    "The jobs one firm or lead has or expects, counted in whole jobs, within the range of "
    "any jobs figure.",
    integer=True,
)
AREA_M2 = Bound(
    "area",
    0,
    100_000_000,
    "m2",
    "100 km2 of floor space or land: far above any campus or industrial estate.",
)
PEOPLE_PER_YEAR = Bound(
    "people-per-year",
    0,
    1_000_000,
    "people/yr",
    "A million graduates or hires a year: above the output of any country's whole "
    "education system in one field.",
)
YEAR = Bound(
    "year",
    1900,
    2200,
    YEAR_UNIT,
    "Plans look decades ahead and back, not centuries; a year outside is a typing error.",
    integer=True,
)
SHARE = Bound("share", 0, 1, "share", "A share, fraction or probability is between 0 and 1.")
REALISATION = Bound(
    "realisation",
    0,
    2,
    "share of plan",
    "A project can deliver up to twice its planned jobs: the widest upside the growth "
    "assumptions give is +50% (start-ups, design houses); beyond double is a typing error.",
)
MARKET_SIZE_BEUR = Bound(
    "market-size",
    0,
    10_000,
    "bn EUR",
    "EUR 10 trillion a year: over ten times the whole world semiconductor market, so a "
    "larger application-market size is a typing error (e.g. M EUR instead of bn EUR).",
)
POWER_MW = Bound(
    "power",
    0,
    10_000,
    "MW",
    "10 GW: several large power stations, far above the demand of any campus or fab.",
)
FACTOR = Bound(
    "factor",
    0,
    1_000,
    "factor",
    "A growth or scale factor of a thousand is already beyond any plausible market or "
    "project change.",
)
MARKET_FACTOR = Bound(
    "market-factor",
    0.1,
    10,
    "factor",
    "A market growth factor over one plan's horizon: a market that shrinks to a tenth or "
    "grows tenfold within a decade is beyond any forecast, so a value outside is a typing "
    "error; zero or negative markets do not exist.",
)
RATIO = Bound(
    "ratio",
    0,
    10,
    "ratio",
    "An elasticity or ratio of ten already means a tenfold response to each change: "
    "beyond any observed economy; the growth model raises it to powers over the years.",
)
GENERIC = Bound(
    "number",
    -1e12,
    1e12,
    "",
    "Any other stored number: finite and far enough from float overflow that sums over "
    "a plan's years and rows stay finite.",
)
DURATION_YEARS = Bound(
    "duration",
    0,
    50,
    "years",
    "A ramp, lag or delay longer than half a century is beyond any plan's horizon; the "
    "models build arrays per year, so the range also bounds their size.",
)
RATE_PER_YEAR = Bound(
    "rate",
    -1,
    1,
    "1/year",
    "A yearly rate beyond minus or plus 100% is not a rate of change any more.",
)
SHIFT_YEARS = Bound(
    "shift",
    -10,
    10,
    "years",
    "Moving a project by more than a decade moves it out of a multi-year plan altogether.",
    integer=True,
)
STRETCH_YEARS = Bound(
    "stretch",
    0,
    10,
    "years",
    "Spreading a project over more than ten extra years is a new project, not a what-if.",
    integer=True,
)
DELAY_YEARS = Bound(
    "delay",
    0,
    10,
    "years",
    "A project more than ten years late is a different project, not a delay.",
)
SAVED_ID = Bound(
    "id",
    1,
    2**53 - 1,
    "",
    "Database ids of saved records are positive 64-bit integers; 2^53 - 1 is the largest a "
    "JSON reader and a float hold exactly, far beyond any table the platform keeps.",
    integer=True,
)
SCALE = Bound(
    "scale",
    0,
    10,
    "factor",
    "A project ten times its planned size is a new project; negative sizes do not exist.",
)

MONEY_KEUR_PER_YEAR = Bound(
    "money-keur-per-year",
    0,
    100_000_000,
    "k EUR/yr",
    "A yearly cost in thousands of euro (e.g. a talent measure): the money bound "
    "(EUR 100 billion) in k EUR; costs are never negative.",
)

EVENT_SLOTS = Bound(
    "event-slots",
    1,
    96,
    "slots",
    "Two days of twelve hours in 15-minute meetings: more than any business-matching "
    "programme (a day of 20-minute meetings is about 20 slots); also the most meetings one "
    "participant can have, one per slot.",
    integer=True,
)
EVENT_TABLES = Bound(
    "event-tables",
    1,
    1_000,
    "tables",
    "A thousand meeting tables: a whole trade-fair hall; more is a typing error.",
    integer=True,
)
PRIORITY = Bound(
    "priority",
    1,
    100,
    "",
    "A meeting request's priority, 1 the highest: a hundred levels is more than any ranking "
    "a person gives, and far larger values would outweigh the scheduler's other weights.",
    integer=True,
)
SLOT_MINUTES = Bound(
    "slot-minutes",
    5,
    240,
    "minutes",
    "A meeting slot of five minutes (a pitch) to four hours (a workshop).",
    integer=True,
)

ASSUMPTION_UNITS: dict[str, Bound] = {
    "jobs": JOBS,
    "year": YEAR,
    "share": SHARE,
    "fraction": SHARE,
    "probability": SHARE,
    "factor": FACTOR,
    "ratio": RATIO,
    "m2/job": AREA_M2,
    "m2": AREA_M2,
    "people/yr": PEOPLE_PER_YEAR,
    "M EUR": MONEY_MEUR,
    "k EUR/yr": MONEY_KEUR_PER_YEAR,
    "years": DURATION_YEARS,
    "1/year": RATE_PER_YEAR,
    "1/yr": RATE_PER_YEAR,
}
"""The range of an assumption's number, by its unit (exact match); any other unit: GENERIC."""

ASSUMPTION_IDS: dict[str, Bound] = {
    "ecosystem.name-match-min-similarity": SHARE,
    "ecosystem.name-match-ambiguity-margin": SHARE,
}
"""Assumptions whose range is narrower than their unit's: name-matching thresholds are
similarities between 0 and 1, although their unit is a ratio."""


def for_unit(unit: str) -> Bound:
    """The bound of an assumption value with this unit."""
    return ASSUMPTION_UNITS.get(unit.strip(), GENERIC)


def for_assumption(assumption_id: str, unit: str) -> Bound:
    """The bound of an assumption's value: by its id when declared, else by its unit."""
    return ASSUMPTION_IDS.get(assumption_id, for_unit(unit))


# Types of the schema's fields -----------------------------------------------------------


def _float(bound: Bound) -> Any:
    return Field(ge=bound.low, le=bound.high, allow_inf_nan=False)


def _int(bound: Bound) -> Any:
    return Field(ge=int(bound.low), le=int(bound.high))


MoneyMEUR = Annotated[float, _float(MONEY_MEUR)]
MoneyTotalMEUR = Annotated[float, _float(MONEY_TOTAL_MEUR)]
Jobs = Annotated[int, _int(JOBS)]
AreaM2 = Annotated[float, _float(AREA_M2)]
PeoplePerYear = Annotated[float, _float(PEOPLE_PER_YEAR)]
Year = Annotated[int, _int(YEAR)]
Share = Annotated[float, _float(SHARE)]
MarketSizeBEUR = Annotated[float, _float(MARKET_SIZE_BEUR)]
PowerMW = Annotated[float, _float(POWER_MW)]
PositiveFactor = Annotated[float, Field(gt=0, le=FACTOR.high, allow_inf_nan=False)]
Number = Annotated[float, _float(GENERIC)]


# Ensembles (Monte Carlo) -----------------------------------------------------------------

MAX_SAMPLES = 10_000_000
"""Upper bound on Monte Carlo samples: at ten million the sampling error of a probability
(below 0.0002) is far smaller than the uncertainty of the assumptions themselves."""

SAMPLES = Bound(
    "samples",
    100,
    MAX_SAMPLES,
    "samples",
    "The size of a Monte Carlo ensemble a user asks for (command line, web form, API): "
    "below 100 samples the P5 and P95 bands rest on five draws or fewer; the upper bound "
    "is MAX_SAMPLES.",
    integer=True,
)
"""The one declaration of an ensemble's size as an input (the web server may lower the
maximum with CLUSTERWEB_ENSEMBLE_MAX_SAMPLES)."""

NOWCAST_SAMPLES = Bound(
    "nowcast-samples",
    SAMPLES.low,
    1_000_000,
    "samples",
    "A nowcast keeps its ensemble and a resampled copy of it: above a million samples the "
    "two need more than about 0.5 GB of memory; the lower bound is SAMPLES'.",
    integer=True,
)
DEMAND_SAMPLES = Bound(
    "demand-samples",
    1,
    20_000,
    "samples",
    "A space or talent ensemble keeps each sample's demand per function or level and year "
    "beside the growth paths, so its memory grows with samples x functions x years: the "
    "command line's limit since these ensembles came, now the web's too.",
    integer=True,
)
SEED = Bound(
    "seed",
    0,
    2**63 - 1,
    "",
    "A random seed is a whole number of at least 0 (numpy's generators refuse a negative "
    "one); up to 2^63-1 it fits a signed 64-bit integer, as a database column or a JSON "
    "reader holds it.",
    integer=True,
)
DEFAULT_SEED = 0
"""The seed of an ensemble when none is given: ``clusterplan simulate``, ``sensitivity`` and
``discover``, and the platform's dashboard, scenario band and ensembles (unless
CLUSTERWEB_SEED sets another), so that the same samples give the same numbers everywhere."""

DEFAULT_SAMPLES = 10_000
"""The size of an ensemble when none is given (``clusterplan simulate``; the platform's
dashboard and scenario band unless CLUSTERWEB_ENSEMBLE_SAMPLES sets another): the binomial
standard error of a probability is then at most 0.5 percentage points."""

DEFAULT_DISCOVERY_SAMPLES = 100_000
"""The size of a scenario discovery's ensemble when none is given (``clusterplan discover``,
:func:`clusterplan.model.sensitivity.discover`; the platform's sensitivity page unless
CLUSTERWEB_DISCOVERY_SAMPLES sets another), within SAMPLES: PRIM searches no box holding
under a tenth of the samples (its minimum mass), so a box's density rests on at least
10,000 samples and its binomial standard error is at most 0.5 percentage points."""

DEFAULT_DISCOVERY_THRESHOLD = 0.8
"""The density a PRIM box must reach to be reported when none is given (``clusterplan
discover --threshold``, :func:`clusterplan.model.sensitivity.discover`, the platform's
sensitivity page): a box in which four of five samples fail the goal, the threshold of EMA
Workbench's own PRIM examples. A threshold is a share above 0 and at most 1 (the model
refuses any other)."""

SOBOL_BASE = Bound(
    "sobol-base",
    2,
    2**23,
    "samples",
    "The base sample N of a Sobol analysis, a power of 2 (the model runs N x (inputs + 2) "
    "times): 2^23 is the largest power of 2 within MAX_SAMPLES.",
    integer=True,
)
DEFAULT_SOBOL_BASE = 2**10
"""The base sample N of a Sobol analysis when none is given (``clusterplan sensitivity``,
:func:`clusterplan.model.sensitivity.sobol_indices`; the platform's sensitivity page unless
CLUSTERWEB_SOBOL_BASE sets another), a power of 2 within SOBOL_BASE: the model runs
N x (inputs + 2) times, 35,840 runs for the bundled plan's 33 inputs (a few seconds), and
the 95% bootstrap intervals of the jobs' indices are then at most about +-0.05 on that
plan (they narrow as 1/sqrt(N))."""

ENSEMBLE_MAX_BYTES = 2 * 1024**3
"""Upper bound on an ensemble's arrays (2 GiB): a shared server of 8 GiB keeps room for the
other users and workers while one run is held in memory."""


def ensemble_bytes(
    n: int, pillars: int, years: int, inputs: int, keep_jobs: bool, keep_inputs: bool
) -> int:
    """Bytes an ensemble of ``n`` samples holds (float32 arrays): totals per year, and the
    jobs per pillar and year and the sampled inputs when kept."""
    per_sample = years + (pillars * years if keep_jobs else 0) + (inputs if keep_inputs else 0)
    return 4 * n * per_sample


def ensemble_problem(
    n: int,
    pillars: int,
    years: int,
    inputs: int = 0,
    keep_jobs: bool = False,
    keep_inputs: bool = False,
    max_bytes: int = ENSEMBLE_MAX_BYTES,
) -> Coded | None:
    """Why an ensemble of ``n`` samples must not run (one line), or None when it may."""
    if n < 1:
        return Coded("ensemble.too_few", {"n": n})
    if n > MAX_SAMPLES:
        return Coded("ensemble.too_many", {"max": Count(MAX_SAMPLES), "n": Count(n)})
    need = ensemble_bytes(n, pillars, years, inputs, keep_jobs, keep_inputs)
    if need > max_bytes:
        return Coded(
            "ensemble.too_big",
            {
                "n": Count(n),
                "need": Count(round(need / 1024**2)),
                "limit": Count(round(max_bytes / 1024**2)),
            },
        )
    return None


Samples = Annotated[int, _int(SAMPLES)]
NowcastSamples = Annotated[int, _int(NOWCAST_SAMPLES)]
Seed = Annotated[int, _int(SEED)]

BY_NAME: dict[str, Bound] = {b.name: b for b in list(globals().values()) if isinstance(b, Bound)}
"""Every bound of this module by its ``name`` (a stored reference to a bound, such as a
database field's validator, names it rather than copying its range)."""
