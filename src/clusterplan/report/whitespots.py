"""The white-spot matrix and the plan's judgements on it, built once in a language.

:func:`whitespot_table` is the matrix as a :class:`~clusterplan.report.table.Table` (a row
per technology or market, a column per value-chain segment, each cell the organisations,
their jobs when the reader may see them, and the flag of the cell in words, those of
:func:`flag_word`); :func:`judgements` the plan's own judgements with the words of their
kind, where they apply and their text. The command line (``clusterplan ecosystem whitespots``) and the
web's white-spots page show these same objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterplan.ecosystem.whitespots import CellFlag, WhiteSpotMatrix
from clusterplan.i18n import gettext
from clusterplan.labels import label as words
from clusterplan.plan.schema import CellJudgement, Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import format_value
from clusterplan.report.table import Column, Row, Table, label
from clusterplan.report.tables import taxonomy_names


def _t(key: str, lang: str, **params: object) -> str:
    return msg(f"whitespots.{key}", lang, **params)


def _cell(matrix: WhiteSpotMatrix, i: int, j: int, lang: str, with_jobs: bool) -> str:
    """A cell: its organisations, with ``with_jobs`` the jobs known of them and how many
    have unknown jobs ('jobs unknown' when none is known: not '0 jobs'), then its flag
    (empty, thin) in words."""
    count = int(matrix.organisations[i, j])
    text = str(count)
    unknown = int(matrix.jobs_unknown[i, j])
    if with_jobs and count and unknown == count:
        text += " · " + _t("jobs_unknown", lang)
    elif with_jobs and count:
        jobs = format_value(int(matrix.jobs_known[i, j]), "", lang, decimals=0)
        text += " · " + _t("jobs", lang, jobs=jobs)
        if unknown:
            text += " " + _t("unknown", lang, n=unknown)
    flag = matrix.flag(matrix.segments[i], matrix.columns[j])
    return text if flag == "ok" else f"{text} ({flag_word(flag, lang)})"


def flag_word(flag: CellFlag, lang: str) -> str:
    """The word a cell of this flag carries ('empty', 'thin'; '' for 'ok') in ``lang``."""
    return "" if flag == "ok" else _t(f"flag.{flag}", lang)


def whitespot_table(plan: Plan, matrix: WhiteSpotMatrix, lang: str, *, with_jobs: bool) -> Table:
    """The matrix in ``lang``: a row per technology or market (the matrix's axis), a column
    per segment, every name in ``lang``. Jobs only ``with_jobs``: a thin cell's jobs would
    reveal one organisation's confidential figure, so who may see them is the caller's
    rule."""
    axis = str(matrix.axis)
    segments = taxonomy_names(plan, "segments", lang)
    names = taxonomy_names(plan, axis, lang)
    heads = (
        Column(axis, _t(f"heading.{axis}", lang), "label"),
        *(Column(s, segments[s], "label") for s in matrix.segments),
    )
    rows = tuple(
        Row(
            column,
            (
                label(names[column]),
                *(label(_cell(matrix, i, j, lang, with_jobs)) for i in range(len(matrix.segments))),
            ),
        )
        for j, column in enumerate(matrix.columns)
    )
    title = _t(f"title.{axis}", lang)
    return Table(f"whitespots-{axis}", title, title, lang, heads, rows)


@dataclass(frozen=True)
class Judgement:
    """One of the plan's judgements as a reader sees it: ``kind`` in words, ``where`` the
    segment, technology and market it concerns by name ('The ecosystem as a whole' for
    one about the whole ecosystem),
    ``text`` in the reader's language, ``source`` where the plan says it."""

    kind: str
    where: str
    text: str
    source: str | None


def _text(judgement: CellJudgement, lang: str) -> str:
    """The judgement's text in ``lang``: the English in English where the plan has it,
    else the Dutch."""
    if lang == "en" and judgement.text_en:
        return judgement.text_en
    return judgement.text_nl or judgement.text_en


def legend(matrix: WhiteSpotMatrix, lang: str) -> str:
    """What a cell counts (the region's organisations, or every one of the registry) and
    when it is empty or thin, in ``lang``: the command line prints it under the table and
    the web shows it over the heatmap."""
    which = "region" if matrix.region_only else "all"
    return _t(f"legend.{which}", lang, thin=matrix.thin_max_organisations)


def judgements_heading(lang: str) -> str:
    """The heading over the plan's own judgements (:func:`judgements`), in ``lang``."""
    return _t("judgements", lang)


def judgements(plan: Plan, matrix: WhiteSpotMatrix, lang: str) -> list[Judgement]:
    """The plan's judgements attached to ``matrix``, in the plan's order, in ``lang``."""
    names = {
        kind: taxonomy_names(plan, kind, lang) for kind in ("segments", "technologies", "markets")
    }
    out = []
    for j in matrix.judgements:
        places = (
            (names["segments"], j.segment),
            (names["technologies"], j.technology),
            (names["markets"], j.market),
        )
        out.append(
            Judgement(
                kind=words("whitespot.judgement", j.kind, lang),
                where=" × ".join(found.get(x, x) for found, x in places if x)
                or gettext("The ecosystem as a whole", lang),
                text=_text(j, lang),
                source=j.source,
            )
        )
    return out
