"""The disclosure rule, once for the monitoring comparison and the start-up portfolio
(clusterplan.disclosure): which figures are withheld, and how a withheld figure is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterplan import disclosure
from clusterplan.ecosystem.startups import disclosed
from clusterplan.monitor.compare import Comparison, ComparisonRow, IndicatorComparison
from clusterplan.monitor.indicators import Indicator


def test_a_figure_of_one_to_minimum_minus_one_contributors_is_withheld() -> None:
    assert [disclosure.too_few(c, 3) for c in range(5)] == [False, True, True, False, False]
    assert not any(disclosure.too_few(c, 1) for c in range(5))  # minimum 1: nothing


def test_a_withheld_part_takes_the_total_or_the_other_parts_with_it() -> None:
    parts = [[3, 1, 0, 2], [4, 5, 0, 0], [0, 6, 0, 4]]
    totals = [7, 12, 0, 6]
    # Year 2: part 0 rests on one contributor. Year 4: part 0 on two.
    by_parts = disclosure.withheld(parts, totals, 3, keep="parts")
    assert by_parts.parts == (
        (False, True, False, True),
        (False, False, False, False),
        (False, False, False, False),
    )
    assert by_parts.totals == (False, True, False, True)
    by_total = disclosure.withheld(parts, totals, 3, keep="total")
    assert by_total.parts == (
        (False, True, False, True),
        (False, True, False, False),  # year 4: an empty part reveals nothing and stays
        (False, True, False, True),
    )
    assert by_total.totals == (False, False, False, False)
    # A total that rests on too few itself is withheld either way.
    assert disclosure.withheld([[1], [1]], [2], 3, keep="parts").totals == (True,)
    assert disclosure.withheld([[1], [1]], [2], 3, keep="total").totals == (True,)
    # Minimum 1 withholds nothing.
    for keep in ("parts", "total"):
        nothing = disclosure.withheld(parts, totals, 1, keep=keep)  # type: ignore[arg-type]
        assert not any(nothing.totals) and not any(any(row) for row in nothing.parts)


def test_withheld_figures_are_none() -> None:
    hidden = disclosure.withheld([[3, 1], [4, 5]], [7, 6], 3, keep="total")
    assert hidden.shown_parts([[10.0, 20.0], [5.0, 7.0]]) == [[10.0, None], [5.0, None]]
    assert hidden.shown_totals([15.0, 27.0]) == [15.0, 27.0]


@given(
    parts=st.lists(
        st.lists(st.integers(min_value=0, max_value=6), min_size=3, max_size=3),
        min_size=1,
        max_size=4,
    ),
    minimum=st.integers(min_value=1, max_value=4),
    keep=st.sampled_from(["parts", "total"]),
)
def test_no_shown_figure_rests_on_too_few_and_none_gives_a_withheld_part_back(
    parts: list[list[int]], minimum: int, keep: disclosure.Keep
) -> None:
    totals = [sum(col) for col in zip(*parts, strict=True)]
    hidden = disclosure.withheld(parts, totals, minimum, keep)
    for t, total in enumerate(totals):
        column = [(row[t], hidden.parts[g][t]) for g, row in enumerate(parts)]
        small = any(disclosure.too_few(c, minimum) for c, _h in column)
        if keep == "parts":  # exactly the small parts, and the total with them
            assert [h for _c, h in column] == [disclosure.too_few(c, minimum) for c, _h in column]
            assert hidden.totals[t] == (small or disclosure.too_few(total, minimum))
        else:  # the total only when small itself, and every non-empty part with a small one
            assert hidden.totals[t] == disclosure.too_few(total, minimum)
            assert [h for _c, h in column] == [c > 0 and small for c, _h in column]


def test_the_monitoring_comparison_and_the_start_up_tables_apply_the_one_rule() -> None:
    """The same contributors give the same withheld figures through the monitoring
    comparison (``keep="parts"``) and the start-up portfolio (``keep="total"``) as through
    the rule itself; a figure of no contributor names nobody and is shown in both."""
    counts = {"a": [3, 1, 0], "b": [4, 5, 2]}
    totals = [7, 6, 2]
    rule = disclosure.withheld(list(counts.values()), totals, 3, keep="parts")
    indicator = Indicator(id="partners", label_nl="p", label_en="p", unit="jobs", confidential=True)
    rows = [
        ComparisonRow(subject, 2000 + t, None, 10.0, None, "no_data", organisations=n)
        for subject, row in [*counts.items(), (None, totals)]
        for t, n in enumerate(row)
    ]
    full = Comparison("d", (IndicatorComparison(indicator, "default", tuple(rows)),))
    public = full.disclosed(3).indicator("partners")
    got_parts = tuple(
        tuple(r.suppressed for r in public.rows if r.subject == subject) for subject in counts
    )
    got_totals = tuple(r.suppressed for r in public.rows if r.subject is None)
    assert (got_parts, got_totals) == (rule.parts, rule.totals)
    assert rule.parts == ((False, True, False), (False, False, True))
    assert rule.totals == (False, True, True)
    assert all(r.actual is None for r in public.rows if r.suppressed)

    values = [[float(c) for c in row] for row in counts.values()]
    by_total = disclosure.withheld(list(counts.values()), totals, 3, keep="total")
    assert disclosed(values, list(counts.values()), [1.0] * 3, totals, 3) == (
        by_total.shown_parts(values),
        by_total.shown_totals([1.0] * 3),
    )
    assert by_total.parts == ((False, True, False), (False, True, True))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_withheld_figure_is_written_as_the_catalogues_mark_and_explained_by_its_note(
    lang: str,
) -> None:
    mark = disclosure.mark(lang)
    assert mark == "x"  # the sign of the statistics offices, in either language
    note = disclosure.note(3, "organisations", lang)
    assert note.startswith(f"{mark} = ")
    assert "3" in note and ("organisaties" if lang == "nl" else "organisations") in note
    assert "start-ups" in disclosure.note(3, "startups", lang)
    one = {"nl": "minder dan 1 organisatie ", "en": "fewer than 1 organisation "}[lang]
    assert one in disclosure.note(1, "organisations", lang)  # not "1 organisaties"
    assert "1 start-up " in disclosure.note(1, "startups", lang)


def test_a_chart_stacks_what_the_withheld_parts_of_a_shown_total_make_up() -> None:
    parts = [[None, 4.0, None], [None, 6.0, 2.0]]
    totals = [12.0, 10.0, None]
    # year 0: both parts withheld, the total shown; year 1: nothing withheld; year 2: the
    # total withheld too, so nothing to stack
    assert disclosure.unsplit(parts, totals) == [12.0, None, None]
    assert disclosure.unsplit([[1.0, None]], [3.0, 5.0]) == [None, 5.0]
    assert disclosure.unsplit_label("en") == "not split (x)"


def test_a_chart_marks_a_year_whose_total_is_withheld() -> None:
    """The parts of a total of too few contributors are withheld with it: the year has no
    bar, and the chart writes the mark there, as the table does."""
    counts = [[2, 1, 0], [3, 0, 0]]
    shown = disclosed([[5.0, 2.0, 0.0], [9.0, 0.0, 0.0]], counts, [14.0, 2.0, 0.0], [5, 1, 0], 3)
    parts, totals = shown
    assert totals == [14.0, None, 0.0]
    assert [row[1] for row in parts] == [None, 0.0]  # nothing of year 1 to draw
    assert disclosure.unsplit(parts, totals)[1] is None
    assert disclosure.marked(totals, "nl") == [None, "x", None]
    assert disclosure.marked(totals, "en")[1] == disclosure.mark("en")
