"""Ecosystem benchmark: import preview with name matching, white spots, weighted pipeline.

1. Name matching, same run: ours (:func:`clusterplan.ecosystem.match_name` with a
   :class:`NameIndex`, full ratios only above the cutoff) against the peer: the plain
   difflib approach, every spelling normalised and every ratio computed for every name.
   Both must decide the same for every name; the speed ratio is printed.
2. A whole import preview of a generated file (a quarter re-spelled known organisations,
   the rest new) against the bundled registry.
3. White spots over the resulting registry and the weighted pipeline of generated leads.

Run: ``python -m benchmarks ecosystem`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import difflib
import random
import time

from clusterplan.ecosystem import (
    Lead,
    NameMatch,
    ecosystem_settings,
    match_name,
    normalise_name,
    preview_import,
    registry_from_plan,
    weighted_pipeline,
    white_spots,
)
from clusterplan.ecosystem.names import NameIndex
from clusterplan.io.sheets import parse_csv_text
from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import Organisation


def _peer(
    name: str, orgs: list[Organisation], suffixes: tuple[str, ...], low: float, margin: float
) -> str | None:
    """Every ratio in full: the organisation id the name refers to, or None."""
    key = normalise_name(name, suffixes)
    exact = set()
    best: dict[str, float] = {}
    for org in orgs:
        for written in [org.name, *org.aliases]:
            other = normalise_name(written, suffixes)
            if other == key:
                exact.add(org.id)
            ratio = difflib.SequenceMatcher(None, other, key, autojunk=False).ratio()
            best[org.id] = max(best.get(org.id, 0.0), ratio)
    if len(exact) == 1:
        return next(iter(exact))
    if exact:
        return None
    ranked = sorted(best.items(), key=lambda i: -i[1])
    if ranked[0][1] < low or ranked[1][1] > ranked[0][1] - margin:
        return None
    return ranked[0][0]


def _names(orgs: list[Organisation], n: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(n):
        if i % 4 == 0:
            name = rng.choice(orgs).name
            k = rng.randrange(len(name))
            out.append(name[:k] + name[k + 1 :] if rng.random() < 0.5 else name.upper())
        else:
            out.append(f"New Firm {i} BV")
    return out


def main(quick: bool = False) -> None:
    plan = bundled_plan()
    settings = ecosystem_settings(plan)
    registry = registry_from_plan(plan)
    orgs = list(registry.organisations)
    rng = random.Random(7)
    n = 200 if quick else 2000
    names = _names(orgs, n, rng)

    started = time.perf_counter()
    peer = [
        _peer(
            x,
            orgs,
            settings.legal_suffixes,
            settings.match_min_similarity,
            settings.match_ambiguity_margin,
        )
        for x in names
    ]
    peer_s = time.perf_counter() - started
    started = time.perf_counter()
    index = NameIndex.of(orgs, settings.legal_suffixes)
    ours: list[NameMatch] = [
        match_name(
            x,
            index,
            min_similarity=settings.match_min_similarity,
            ambiguity_margin=settings.match_ambiguity_margin,
        )
        for x in names
    ]
    ours_s = time.perf_counter() - started
    same = sum(1 for p, o in zip(peer, ours, strict=True) if p == o.organisation_id)
    print(f"name matching, {n} names x {len(orgs)} organisations:")
    print(
        f"  peer (all ratios): {peer_s:.2f} s; ours: {ours_s:.2f} s; ratio {peer_s / ours_s:.1f}x"
    )
    print(f"  same decision for {same}/{n} names")

    rows = ["name,kind,jobs,segments"]
    seen: set[str] = set()
    for name, org_id in zip(names, peer, strict=True):
        if name.startswith("New Firm "):
            rows.append(f"{name},supplier,{rng.randint(1, 999)},back_end")
        elif org_id is not None and org_id not in seen:  # one row per known organisation
            seen.add(org_id)
            rows.append(f"{name},,{rng.randint(1, 999)},")
    table = parse_csv_text("\n".join(rows) + "\n", "generated.csv")
    started = time.perf_counter()
    preview = preview_import(registry, table, plan.taxonomy, settings)
    print(
        f"import preview of {len(table.rows)} rows: {time.perf_counter() - started:.2f} s "
        f"(valid {preview.valid}, {preview.count('create')} create, {preview.count('update')} update, "
        f"{len(preview.problems)} problems)"
    )
    for problem in preview.problems[:5]:
        print(f"  problem: {problem}")
    after = preview.commit() if preview.valid else registry
    started = time.perf_counter()
    white_spots(after, plan.taxonomy, settings)
    white_spots(after, plan.taxonomy, settings, "markets")
    print(
        f"white spots (both matrices) of {len(after.organisations)} organisations: {1000 * (time.perf_counter() - started):.1f} ms"
    )
    stages = [
        "identified",
        "contacted",
        "visit",
        "proposal",
        "decision",
        "landed",
        "lost",
        "on_hold",
    ]
    leads = [
        Lead.model_validate(
            {
                "id": f"l{i}",
                "company": f"Company {i}",
                "source": "event",
                "stage": rng.choice(stages),
                "expected_jobs": {rng.choice(plan.pillar_ids): rng.randint(1, 200)},
                "landing_year": rng.choice([None, *range(2026, 2036)]),
            }
        )
        for i in range(n * 5)
    ]
    started = time.perf_counter()
    weighted_pipeline(leads, plan.pillar_ids, plan.years, settings, 2026)
    print(
        f"weighted pipeline of {len(leads)} leads: {1000 * (time.perf_counter() - started):.1f} ms"
    )
