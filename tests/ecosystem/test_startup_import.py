"""The start-up portfolio's import files: one rule per fact, every reason coded in NL and EN."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from clusterplan.ecosystem import startup_import as importing
from clusterplan.ecosystem.startups import FundingKind, year_problem
from clusterplan.errors import Coded
from clusterplan.i18n import has_message
from clusterplan.io.rows import out_of_range
from clusterplan.io.sheets import FileProblem, Table, TableRow
from clusterplan.plan.bounds import JOBS, YEAR
from clusterplan.plan.load import bundled_plan

THIS_YEAR = 2025
KNOWN = importing.Register(
    [
        importing.Known(
            "orbit",
            "Orbit Photonics",
            2020,
            {
                "name": "Orbit Photonics",
                "organisation": "nxp",
                "stage": "seed",
                "programme": "incubation",
                "founded": 2020,
                "status": "active",
                "status_year": None,
                "pillar": "design",
                "segment": "",
            },
        )
    ]
)


def _table(header: str, *rows: str) -> Table:
    columns = tuple(header.split(","))
    return Table(
        "f.csv",
        columns,
        tuple(
            TableRow(n, dict(zip(columns, row.split(","), strict=True)))
            for n, row in enumerate(rows, start=2)
        ),
    )


def _profiles(
    *rows: str, header: str = "name,id,stage,programme,founded,status,status_year"
) -> importing.Checked[importing.ProfileRow]:
    return importing.profile_rows(
        _table(header, *rows),
        KNOWN,
        organisations={"nxp"},
        taxonomy=bundled_plan().taxonomy,
        this_year=THIS_YEAR,
    )


def _where(problems: Iterable[FileProblem]) -> dict[tuple[int | None, str | None], str]:
    return {(p.row, p.column): Coded.__str__(p.reason) for p in problems}


def test_the_import_refuses_a_founding_year_with_the_cores_reasons() -> None:
    checked = _profiles(
        "A,,seed,incubation,1800,,",
        "B,,seed,incubation,2026,,",
        "C,,seed,incubation,2020,closed,2026",
        "D,,seed,incubation,2022,closed,2021",
    )
    assert _where(checked.problems) == {
        (2, "founded"): YEAR.problem(1800),
        (3, "founded"): year_problem(2026, THIS_YEAR),
        (4, "status_year"): year_problem(2026, THIS_YEAR),
        (5, "status_year"): "2021 is before the founding year 2022",
    }


def test_the_import_names_each_problem_of_a_start_ups_file() -> None:
    checked = _profiles(
        ",,seed,incubation,2020,,",
        "Quanta,Quanta!,seed,incubation,2020,,",
        "New,,,,,,",
        f"{'x' * 201},,seed,incubation,2020,,",
        "Orbit Photonics,,,,,,",
        "Orbit Photonics,,,,,,",
        "Next,,seed,incubation,2020,active,2020",
        header="name,id,stage,programme,founded,status,status_year",
    )
    where = _where(checked.problems)
    assert where[(2, "name")] == "empty (a value is required)"
    assert where[(3, "id")].startswith("ids use lower-case letters")
    assert {where[(4, c)] for c in ("stage", "programme", "founded")} == {
        "a new start-up needs a value"
    }
    assert where[(5, "name")] == "201 characters long; at most 200 are allowed"
    assert where[(7, "id")] == "duplicate of row 6 (same start-up)"
    assert where[(8, "status_year")] == "an active start-up has no year of status change"
    assert len(where) == 8
    stored = checked.rows[4]
    assert stored.startup is not None and stored.values["organisation"] == "nxp"  # kept
    organisation = _profiles(
        "Nova,,seed,incubation,2020,elders", header="name,id,stage,programme,founded,organisation"
    )
    assert _where(organisation.problems) == {
        (2, "organisation"): "no organisation 'elders' in the registry"
    }


def test_jobs_and_funding_rows_keep_the_ranges_and_the_founding_year() -> None:
    jobs = importing.jobs_rows(
        _table(
            "startup,year,jobs",
            "orbit,2024,5",
            "Orbit Photonics,2024,6",
            "orbit,2019,1",
            "orbit,1800,1",
            f"orbit,2023,{int(JOBS.high) + 1}",
            "nobody,2024,1",
            "orbit,,",
        ),
        KNOWN,
    )
    assert [(r.row, r.year, r.jobs) for r in jobs.rows] == [(2, 2024, 5)]
    assert _where(jobs.problems) == {
        (3, "year"): "duplicate of row 2 (same start-up and year)",
        (4, "year"): "2019 is before the founding year 2020",
        (5, "year"): out_of_range(YEAR.problem(1800), 1800),
        (6, "jobs"): out_of_range(JOBS.problem(JOBS.high + 1), JOBS.high + 1),
        (7, "startup"): "no start-up with id or name 'nobody'",
        (8, "year"): "empty (a value is required)",
        (8, "jobs"): "empty (a value is required)",
    }
    funding = importing.funding_rows(
        _table(
            "startup,date,amount_meur,kind",
            "orbit,2024-05-01,1.5,lening",
            "orbit,2019-12-31,1,grant",
            "orbit,2024-05-01,-1,grant",
            "orbit,2024-05-01,1,",
        ),
        KNOWN,
    )
    assert [(r.on, r.amount_meur, r.kind) for r in funding.rows] == [
        (date(2024, 5, 1), 1.5, FundingKind.LOAN)
    ]
    assert _where(funding.problems) == {
        (3, "date"): "2019 is before the founding year 2020",
        (4, "amount_meur"): "must not be negative (between 0 and 100,000 M EUR) (got -1)",
        (5, "kind"): "empty (a value is required)",
    }


def test_a_milestones_title_is_held_to_the_limit_given_as_a_name_is() -> None:
    """A title longer than the caller keeps is refused at its cell in the words of a too
    long name (the web's database keeps 200 characters; the import had taken any)."""
    table = _table("startup,date,title", "orbit,2024-05-01,Pilot", f"orbit,2024-06-01,{'x' * 11}")
    checked = importing.milestone_rows(table, KNOWN, title_limit=10)
    assert [r.title for r in checked.rows] == ["Pilot"]
    assert _where(checked.problems) == {(3, "title"): "11 characters long; at most 10 are allowed"}
    assert not importing.milestone_rows(table, KNOWN).problems  # the default: a name's limit


def test_a_file_without_rows_is_named_by_the_neutral_code() -> None:
    problems = importing.file_problems(_table("startup,year"), "jobs")
    assert [(p.row, p.column, getattr(p.reason, "code", None)) for p in problems] == [
        (1, "jobs", "table.missing_column"),
        (None, None, "table.no_rows"),
    ]


DUTCH = re.compile(r"\b(rij|kolom|een|het|moet|geen|leeg|dubbel|zelfde|vóór|ligt|mag|jaar)\b")
ENGLISH = re.compile(r"\b(row|column|a|the|must|no|empty|duplicate|same|before|year|new)\b")


def test_every_reason_of_the_import_has_dutch_and_english_words() -> None:
    """Each problem an import file can have reads in English with no Dutch word and in
    Dutch with no English one, from codes both catalogues hold."""
    problems = [
        *_profiles(
            ",,seed,incubation,2020,,",
            "Quanta,Quanta!,seed,incubation,1800,,",
            "New,,,,,,",
            f"{'x' * 201},,seed,incubation,2026,closed,2027",
            "Orbit Photonics,,,,,,",
            "Orbit Photonics,,,,,,",
            "Next,,seed,incubation,2020,active,2020",
            "Late,,seed,incubation,2022,closed,2021",
            "Shut,,seed,incubation,2020,closed,",
        ).problems,
        *importing.jobs_rows(
            _table("startup,year,jobs", "orbit,2024,5", "orbit,2024,6", "orbit,2019,1", "x,,"),
            KNOWN,
        ).problems,
        *importing.file_problems(_table("startup,year"), "jobs"),
    ]
    codes = {p.reason.code for p in problems if isinstance(p.reason, Coded)}
    assert len(codes) >= 12, codes
    for p in problems:
        reason = p.reason
        assert isinstance(reason, Coded)
        assert has_message(reason.code, "en") and has_message(reason.code, "nl"), reason.code
        english, dutch = p.text("en"), p.text("nl")
        assert english != dutch
        english, dutch = reason.text("en"), reason.text("nl")  # not the file's column names
        assert not DUTCH.search(english), english
        assert not ENGLISH.search(dutch), dutch
