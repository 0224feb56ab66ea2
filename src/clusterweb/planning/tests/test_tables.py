"""The command line and the web show the plan's tables from one model: the same figures,
the same totals, the same unknown and '+?' markers."""

from __future__ import annotations

import re
from html import unescape

from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.model.finance import cash_needs
from clusterplan.plan.load import bundled_plan
from clusterplan.report.table import Table as CoreTable
from clusterplan.report.table import render_text
from clusterplan.report.tables import cash_needs_table, coverage_part, plan_tables
from clusterweb.presentation import web_table
from clusterweb.testing import ViewerTestCase

_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def html_rows(html: str) -> list[list[str]]:
    """The text of every cell of every row of the first table in ``html``."""
    table = html[html.index("<table") : html.index("</table>")]
    return [
        [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in _CELL.findall(row)]
        for row in _ROW.findall(table)
    ]


def page_rows(page: str, table: CoreTable) -> list[list[str]]:
    """The cells of the table captioned as ``table`` on ``page``, as the reader sees them."""
    start = page.index(f'<caption class="utrecht-table__caption">{escape(table.title)}')
    return html_rows(page[page.rindex("<table", 0, start) :])


def text_rows(text: str, table: CoreTable) -> list[list[str]]:
    """Per row of ``table``: its label and the figures on its line of the CLI text."""
    lines = text.splitlines()
    out = []
    for row in table.rows:
        label = row.cells[0].shown(table.lang)
        line = next(line for line in lines if line.startswith(label + " "))
        out.append([label, *line[len(label) :].split()])
    return out


class OneModelTwoRenderersTests(SimpleTestCase):
    def test_cli_text_and_web_html_show_the_same_cells(self) -> None:
        # Every table both interfaces show: the plan's tables and the cash needs.
        plan = bundled_plan()
        for lang in ("nl", "en"):
            with translation.override(lang):
                needs = cash_needs(plan)
                models = [*plan_tables(plan, lang), cash_needs_table(plan, needs, lang)]
                for model in models:
                    text = render_text(model)
                    html = render_to_string(
                        "includes/table.html", {"table": web_table(model, None)}
                    )
                    web = [[c for c in r if c] for r in html_rows(html)[1:]]
                    self.assertEqual(text_rows(text, model), web, (lang, model.key))
                    self.assertEqual(len(web), len(model.rows))
                    for note in model.notes:
                        self.assertIn(note, text)
                        self.assertIn(note, unescape(html))


class CliAndPagesTests(ViewerTestCase):
    def test_the_finance_page_and_the_tables_command_show_the_same_totals(self) -> None:
        cli = CliRunner().invoke(app, ["--lang", "nl", "tables"]).stdout
        cli_total = next(line for line in cli.splitlines() if line.startswith("Totaal "))
        page = self.client.get(reverse("finance:index")).content.decode()
        caption = coverage_part(plan_tables(bundled_plan(), "nl")[0]).title
        start = page.index(f'<caption class="utrecht-table__caption">{caption}')
        rows = html_rows(page[page.rindex("<table", 0, start) :])
        web_total = next(r for r in rows if r and r[0] == "Totaal")
        # The page shows the coverage part: every figure of it is on the CLI's totals row,
        # marker included.
        self.assertTrue(all(cell in cli_total.split() for cell in web_total[1:]), web_total)
        self.assertIn("+?", " ".join(web_total))
