"""One rule makes a new id from a name (:func:`clusterplan.plan.schema.id_from_name`).

Before, four rules did: ``plan init`` turned 'Über Chips' into 'ber-chips' and 'ASML B.V.'
into 'asml-b-v', the registry import gave 'uber-chips' and 'asml', a lead from a company
name dropped underscores, and the web used Django's slugify ('asml-bv').
"""

from __future__ import annotations

import re

import pytest

from clusterplan.ecosystem import ecosystem_settings, preview_import
from clusterplan.ecosystem.leads_table import leads_from_table
from clusterplan.ecosystem.registry import Registry, registry_from_plan
from clusterplan.io.sheets import parse_csv_text
from clusterplan.plan.init import named_list
from clusterplan.plan.schema import ID_PATTERN, Plan, id_from_name

NAMES = ["Über Chips", "Café Lab", "ASML B.V.", "Foo -- bar", "R&D Lab", "a_b", "NXP N.V."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Über Chips", "uber-chips"),
        ("Café", "cafe"),
        ("ASML B.V.", "asml-bv"),
        ("Foo -- bar", "foo-bar"),
        ("R&D Lab", "rd-lab"),
        ("a_b", "a_b"),
        ("  ", ""),
        ("!!!", ""),
    ],
)
def test_an_id_is_the_names_words_without_accents_or_punctuation(name: str, expected: str) -> None:
    assert id_from_name(name) == expected
    assert expected == "" or re.fullmatch(ID_PATTERN, expected)


def test_a_legal_form_at_the_end_is_left_out_when_asked() -> None:
    assert id_from_name("ASML B.V.", ("bv",)) == "asml"
    assert id_from_name("BV", ("bv",)) == "bv"  # a name is never only its legal form


def test_every_maker_of_ids_follows_the_rule(plan: Plan) -> None:
    settings = ecosystem_settings(plan)
    assert [e.id for e in named_list(", ".join(NAMES), "pillars")] == [
        id_from_name(n) for n in NAMES
    ]
    table = parse_csv_text("name,kind\n" + "".join(f'"{n}",supplier\n' for n in NAMES), "o.csv")
    preview = preview_import(Registry(()), table, plan.taxonomy, settings)
    made = [o.organisation_id for o in preview.outcomes]
    assert made == [id_from_name(n, settings.legal_suffixes) for n in NAMES]
    leads = parse_csv_text(
        "company,source,stage\n" + "".join(f'"{n}",event,visit\n' for n in NAMES), "l.csv"
    )
    found = leads_from_table(leads, registry_from_plan(plan), plan.taxonomy, settings)
    assert [lead.id for lead in found] == [id_from_name(n) for n in NAMES]
