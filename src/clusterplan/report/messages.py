"""Every text of the annual progress report, in Dutch and English (one small table).

Keys are stable ids; values are ``(nl, en)``. Texts with ``{name}`` placeholders are
filled by :func:`msg`. Names, years and the goal never appear here: they come from the
plan.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "title": ("Voortgangsrapportage {year}", "Progress report {year}"),
    "subtitle": (
        "{plan}: het plan tegen wat er werkelijk gebeurt, tot en met {year}",
        "{plan}: the plan against what actually happens, up to and including {year}",
    ),
    "made": (
        "Gemaakt met clusterplan op {date}; groeidimensie van het plan: {dimension}; "
        "waarnemingen tot en met {year} ({count} regels).",
        "Made with clusterplan on {date}; growth dimension of the plan: {dimension}; "
        "observations up to and including {year} ({count} rows).",
    ),
    "contents": ("Inhoud", "Contents"),
    "col.sheet": ("Blad", "Sheet"),
    "col.table": ("Tabel", "Table"),
    "annex.rows": (
        "Alle rijen: plan tegen werkelijk per indicator, onderwerp en jaar t/m {year}",
        "All rows: plan against actual per indicator, subject and year to {year}",
    ),
    # sections
    "sec.goal": ("Doel en kans op het doel", "The goal and the chance of reaching it"),
    "sec.indicators": ("Alle indicatoren", "Every indicator"),
    "sec.jobs": ("Banen per pijler", "Jobs per pillar"),
    "sec.finance": ("Financiën: gerealiseerd tegen gepland", "Finance: realised against planned"),
    "sec.space": ("Ruimte", "Space"),
    "sec.talent": ("Talent", "Talent"),
    "talent.illustrative": (
        "Onderwijsaanbod: ILLUSTRATIEF, verzonnen cijfers in de vorm van de open onderwijsdata.",
        "Education supply: ILLUSTRATIVE, made-up figures in the shape of the open education data.",
    ),
    "sec.acquisition": ("Acquisitie", "Acquisition"),
    "sec.other": ("Overige indicatoren", "Other indicators"),
    "sec.impact": ("Impact buiten de directe banen", "Impact beyond direct jobs"),
    "impact.intro": (
        "Wat de groeidimensie {dimension} in {year} betekent voor banen buiten het cluster, "
        "productiewaarde en publiek geld (clusterplan impact; de aannames staan met hun bron "
        "in de aannames van het plan).",
        "What the growth dimension {dimension} means in {year} for jobs beyond the cluster, "
        "production value and public money (clusterplan impact; the assumptions are listed "
        "with their sources in the plan's assumptions).",
    ),
    "impact.none": (
        "Geen impactberekening: {reason}",
        "No impact figures: {reason}",
    ),
    "impact.table": ("Impact in {year}", "Impact in {year}"),
    "impact.funder.projects": ("Financiersblik per project", "Funder's view per project"),
    "impact.funder.sources": (
        "Financiersblik per financieringsbron",
        "Funder's view per funding source",
    ),
    "impact.funder.project": ("Project", "Project"),
    "impact.funder.public": ("Publiek (mln euro)", "Public (M EUR)"),
    "impact.funder.private": ("Privaat (mln euro)", "Private (M EUR)"),
    "impact.funder.direct": ("Directe banen erbij", "Direct jobs added"),
    "impact.funder.total": ("Banen erbij in totaal", "Total jobs added"),
    "impact.funder.per_direct": (
        "Publiek per directe baan (duizend euro)",
        "Public per direct job (k EUR)",
    ),
    "impact.funder.per_total": (
        "Publiek per baan in totaal (duizend euro)",
        "Public per total job (k EUR)",
    ),
    "impact.funder.leverage": ("Hefboom", "Leverage"),
    "impact.funder.source": ("Bron", "Source"),
    "impact.funder.kind": ("Publiek of privaat", "Public or private"),
    "impact.funder.money": ("Geld (mln euro)", "Money (M EUR)"),
    "impact.funder.credited_direct": ("Toegerekende directe banen", "Direct jobs credited"),
    "impact.funder.credited_total": ("Toegerekende banen in totaal", "Total jobs credited"),
    "impact.funder.money_per_direct": (
        "Per directe baan (duizend euro)",
        "Per direct job (k EUR)",
    ),
    "impact.funder.public_source": ("publiek", "public"),
    "impact.funder.private_source": ("privaat", "private"),
    "impact.col.figure": ("Grootheid", "Figure"),
    "impact.col.value": ("Waarde", "Value"),
    "impact.col.unit": ("Eenheid", "Unit"),
    "impact.direct_jobs": ("Directe banen", "Direct jobs"),
    "impact.indirect_jobs": ("Indirecte banen (toeleveranciers)", "Indirect jobs (suppliers)"),
    "impact.induced_jobs": ("Afgeleide banen (bestedingen)", "Induced jobs (spending)"),
    "impact.total_jobs": ("Banen in totaal", "Jobs in total"),
    "impact.production_value_meur": ("Productiewaarde", "Production value"),
    "impact.value_added_meur": ("Toegevoegde waarde", "Value added"),
    "impact.public_meur": (
        "Publiek geld (gefinancierde projecten)",
        "Public money (funded projects)",
    ),
    "impact.private_meur": (
        "Privaat geld (gefinancierde projecten)",
        "Private money (funded projects)",
    ),
    "impact.public_meur_per_direct_job": (
        "Publiek geld per directe baan van de projecten",
        "Public money per direct job of the projects",
    ),
    "impact.leverage": (
        "Hefboom (privaat per publieke euro)",
        "Leverage (private per public euro)",
    ),
    "unit.ratio": ("", ""),
    "sec.changes": (
        "Wat is veranderd sinds de vorige planversie",
        "What changed since the last plan revision",
    ),
    "sec.findings": ("Open bevindingen in het plan", "Open findings in the plan"),
    # goal
    "goal.text": (
        "Het doel: {goal} banen in {goal_year} ({factor} keer de {base} banen van {base_year}).",
        "The goal: {goal} jobs in {goal_year} ({factor} times the {base} jobs of {base_year}).",
    ),
    "goal.p": (
        "Kans op het doel vóór de waarnemingen: {prior}; na de waarnemingen tot en met "
        "{year}: {post}.",
        "Chance of reaching the goal before the observations: {prior}; after the "
        "observations up to and including {year}: {post}.",
    ),
    "goal.ess": (
        "De bijgestelde kans rust op een effectieve steekproef van {ess} van de {n} "
        "trajecten ({share}); waarnemingsfout {sd} per waarneming.",
        "The updated chance rests on an effective sample of {ess} of the {n} "
        "trajectories ({share}); observation error {sd} per observation.",
    ),
    "goal.no_obs": (
        "Er zijn nog geen waargenomen banen binnen de planperiode: de kans is die van het plan.",
        "There are no observed jobs within the plan period yet: the chance is the plan's.",
    ),
    "goal.warning": (
        "Waarschuwing: de bijgestelde kans rust op maar {ess} van de {n} trajecten. De "
        "waarnemingen liggen buiten het meeste van wat het ensemble voortbrengt; controleer "
        "de waarnemingen, de waarnemingsfout of de aannames van het model.",
        "Warning: the updated chance rests on only {ess} of the {n} trajectories. The "
        "observations lie outside most of what the ensemble produces; check the "
        "observations, the observation error or the model's assumptions.",
    ),
    "goal.table": ("Kans op het doel en banen in {year}", "Chance of the goal and jobs in {year}"),
    "goal.moved": (
        "Aannames die het meest verschoven door de waarnemingen",
        "Assumptions the observations moved most",
    ),
    "col.measure": ("Maat", "Measure"),
    "col.before": ("Vóór waarnemingen", "Before observations"),
    "col.after": ("Na waarnemingen", "After observations"),
    "row.p_goal": ("Kans op het doel", "Chance of the goal"),
    "row.p5": ("Banen {year}, 5e percentiel", "Jobs {year}, 5th percentile"),
    "row.p50": ("Banen {year}, mediaan", "Jobs {year}, median"),
    "row.p95": ("Banen {year}, 95e percentiel", "Jobs {year}, 95th percentile"),
    "col.assumption": ("Aanname", "Assumption"),
    "col.prior_mean": ("Gemiddelde vooraf", "Mean before"),
    "col.post_mean": ("Gemiddelde nu", "Mean now"),
    "col.shift_sd": ("Verschuiving (sd)", "Shift (sd)"),
    # charts
    "chart.total_jobs": ("Banen in het cluster", "Jobs in the cluster"),
    "chart.plan": ("Plan ({dimension})", "Plan ({dimension})"),
    "chart.milestones": ("Mijlpalen naar het doel", "Milestones to the goal"),
    "chart.actual": ("Werkelijk", "Actual"),
    "chart.band": ("Ensemble p5-p95", "Ensemble p5-p95"),
    "chart.of": ("{indicator}: plan en werkelijk", "{indicator}: plan and actual"),
    "chart.history": ("{indicator}: waargenomen reeks", "{indicator}: observed series"),
    # indicator tables
    "ind.summary": (
        "{on_track} op koers, {at_risk} met risico, {off_track} uit koers, {no_data} zonder "
        "vergelijking (laatste jaar met plan en waarneming, tot en met {year}).",
        "{on_track} on track, {at_risk} at risk, {off_track} off track, {no_data} without a "
        "comparison (latest year with plan and observation, up to and including {year}).",
    ),
    "col.indicator": ("Indicator", "Indicator"),
    "col.unit": ("Eenheid", "Unit"),
    "col.year": ("Jaar", "Year"),
    "col.subject": ("Onderwerp", "Subject"),
    "col.plan": ("Plan", "Plan"),
    "col.actual": ("Werkelijk", "Actual"),
    "col.gap": ("Verschil", "Gap"),
    "col.status": ("Status", "Status"),
    "col.source": ("Bron", "Source"),
    "col.plan_cum": ("Plan t/m {year}", "Plan to {year}"),
    "col.actual_cum": ("Werkelijk t/m {year}", "Actual to {year}"),
    "tbl.indicator_year": ("{indicator} in {year}", "{indicator} in {year}"),
    "total": ("Cluster totaal", "Cluster total"),
    "suppressed": ("(vertrouwelijk)", "(confidential)"),
    "suppressed.note": (
        "Cijfers uit opgaven van minder dan {n} organisaties worden niet getoond.",
        "Figures from submissions of fewer than {n} organisations are not shown.",
    ),
    "no_rows": ("Geen waarnemingen of planwaarden.", "No observations or plan values."),
    "section.empty": (
        "Het plan heeft geen indicator in dit onderdeel.",
        "The plan has no indicator in this part.",
    ),
    "rules": (
        "Statusregel '{rule}': op koers tot {at_risk} onder het plan, uit koers meer dan "
        "{off_track} onder het plan (omgekeerd voor indicatoren waar lager beter is).",
        "Status rule '{rule}': on track up to {at_risk} below plan, off track more than "
        "{off_track} below plan (reversed for indicators where lower is better).",
    ),
    # changes
    "changes.none_given": (
        "Geen vorige planversie opgegeven: er is niets te vergelijken.",
        "No previous plan revision given: nothing to compare.",
    ),
    "changes.none": (
        "Geen enkel cijfer verschilt van de vorige planversie.",
        "No figure differs from the previous plan revision.",
    ),
    "changes.count": (
        "{count} cijfers verschillen van de vorige planversie.",
        "{count} figures differ from the previous plan revision.",
    ),
    "col.figure": ("Cijfer", "Figure"),
    "col.previous": ("Vorige versie", "Previous revision"),
    "col.current": ("Deze versie", "This revision"),
    # findings
    "findings.none": ("Het plan heeft geen open bevindingen.", "The plan has no open findings."),
    "findings.count": (
        "{count} bevindingen (tegenstrijdige of onbekende cijfers in het plan).",
        "{count} findings (figures of the plan that disagree or are unknown).",
    ),
    "col.kind": ("Soort", "Kind"),
    "col.where": ("Waar", "Where"),
    "col.finding": ("Bevinding", "Finding"),
    "kind.consistency": ("samenhang", "consistency"),
    "kind.unknown": ("onbekend", "unknown"),
    "kind.interpretation": ("interpretatie", "interpretation"),
    "unit.jobs": ("banen", "jobs"),
    "unit.meur": ("mln euro", "M EUR"),
    "unit.m2": ("m²", "m²"),
    "unit.people": ("personen", "people"),
    "unit.count": ("aantal", "count"),
    "level.mbo": ("mbo", "MBO (vocational)"),
    "level.hbo": ("hbo", "HBO (applied sciences)"),
    "level.wo": ("wo", "WO (university)"),
    "page": ("pagina", "page"),
    # the plan's tables (clusterplan tables, the web's tables; report/tables.py)
    "table.projects.name": ("Projectkosten", "Project costs"),
    "table.projects.title": (
        "Projectkosten per jaar en dekking per bron (M EUR)",
        "Project costs per year and coverage by source (M EUR)",
    ),
    "table.projects.costs": ("Projectkosten per jaar (M EUR)", "Project costs per year (M EUR)"),
    "table.projects.coverage": (
        "Dekking per bron per project (M EUR)",
        "Coverage by source per project (M EUR)",
    ),
    "table.organisation.name": ("Organisatiekosten", "Organisation costs"),
    "table.organisation.title": (
        "Organisatiekosten per jaar en dekking per bron (M EUR)",
        "Organisation costs per year and coverage by source (M EUR)",
    ),
    "table.organisation.costs": (
        "Organisatiekosten per jaar (M EUR)",
        "Organisation costs per year (M EUR)",
    ),
    "table.organisation.coverage": (
        "Dekking per bron van de organisatiekosten (M EUR)",
        "Coverage by source of the organisation costs (M EUR)",
    ),
    "table.jobs.name": ("Banen per pijler", "Jobs per pillar"),
    "table.jobs.title": (
        "Werknemers per pijler en groeidimensie (~, afgerond)",
        "Jobs per pillar and growth dimension (approximate, as printed)",
    ),
    "table.titled": ("{name}. {title}", "{name}. {title}"),
    "table.col.project": ("Project", "Project"),
    "table.col.line": ("Onderdeel", "Cost line"),
    "table.col.dimension": ("Groeidimensie", "Growth dimension"),
    "table.col.total": ("Totaal", "Total"),
    "table.col.covered": ("Gedekt", "Covered"),
    "table.col.not_covered": ("Niet gedekt", "Not covered"),
    "table.col.revenue_growth": ("Omzetgroei %", "Revenue growth %"),
    "table.row.total": ("Totaal", "Total"),
    "table.row.base": ("Werknemers {year}", "Jobs {year}"),
    "table.row.dimension": ("{name} {year}", "{name} {year}"),
    "table.cash.name": ("Bronnen", "Sources"),
    "table.cash.name.projects": ("Bronnen projecten", "Sources, projects"),
    "table.cash.title": (
        "Kasbehoefte per bron en jaar (M EUR; '+?': er hoort een onbekend bedrag bij)",
        "Cash needs per source and year (M EUR; '+?': includes unknowns)",
    ),
    "table.cash.title.projects": (
        "Kasbehoefte van de projecten per bron en jaar (M EUR; '+?': er hoort een onbekend "
        "bedrag bij)",
        "Cash needs of the projects per source and year (M EUR; '+?': includes unknowns)",
    ),
    "table.col.source": ("Bron", "Source"),
    "table.row.public": ("Publiek ({sources})", "Public ({sources})"),
    "table.row.cost": ("Kosten", "Cost"),
    "table.row.cumulative": ("Cumulatief", "Cumulative cost"),
    "table.note.unknowns": (
        "'?' is onbekend in het plan; '+?' achter een getal: er hoort nog een onbekend "
        "bedrag bij, dat niet is meegeteld. Totalen zijn berekend uit de rijen.",
        "'?' is unknown in the plan; '+?' after a figure: an unknown amount belongs in it "
        "and is not counted. Totals are computed from the rows.",
    ),
    "table.note.printed": (
        "Het plan drukt bij {row}, {column} {printed} af; berekend uit de rijen: {computed}.",
        "The plan prints {printed} for {row}, {column}; computed from the rows: {computed}.",
    ),
    # space and talent tables (the command line, the web and the report show the same)
    "space.table.year": (
        "Ruimte per jaar (m², berekend met het ruimtemodel)",
        "Space per year (m², computed by the space model)",
    ),
    "space.col.demand": ("Vraag", "Demand"),
    "space.col.new_supply": ("Nieuw aanbod", "New supply"),
    "space.col.demand_so_far": ("Vraag tot dan", "Demand so far"),
    "space.col.supply_so_far": ("Aanbod tot dan", "Supply so far"),
    "space.col.shortfall_so_far": ("Tekort tot dan", "Shortfall so far"),
    "space.col.probability": (
        "Kans op een tekort (%, {n} trekkingen)",
        "Probability of a shortfall (%, {n} samples)",
    ),
    "space.table.function": (
        "Ruimte per functie, {first}-{last} (m²)",
        "Space per function, {first}-{last} (m²)",
    ),
    "space.col.function": ("Functie", "Function"),
    "space.col.supply": ("Aanbod", "Supply"),
    "space.col.shortfall_end": ("Tekort aan het eind", "Shortfall at the end"),
    "space.row.any_function": ("Bruikbaar voor elke functie", "Usable for any function"),
    "talent.table.year": (
        "Talent per jaar: benodigde instroom tegenover het aanbod in de regio ('?': onbekend)",
        "Talent per year: hires needed against the region's supply ('?': unknown)",
    ),
    "talent.table.level": (
        "Talent per jaar, {level}: benodigde instroom en aanbod",
        "Talent per year, {level}: hires needed and supply",
    ),
    "talent.annual.targets": (
        "Talentdoelen tegen de instroom (aanwas per jaar per niveau)",
        "Talent targets against the inflow (hires per year by level)",
    ),
    "talent.annual.targets_in_force": (
        "Aanwas per jaar per niveau: afgeleid van het banenpad / geldend; kans dat aanbod en "
        "maatregelen het halen",
        "Hires per year by level: derived from the job path / in force; probability that "
        "supply and measures meet it",
    ),
    "talent.annual.set_by": ("Vastgesteld door", "Set by"),
    "talent.annual.why": ("Waarom", "Why"),
    "talent.annual.not_adopted": ("afgeleid, niet vastgesteld", "derived, not adopted"),
    "talent.annual.gap": (
        "Tekort aan talent per jaar vóór en na de maatregelen ('?': onbekend)",
        "Talent gap per year before and after the measures ('?': unknown)",
    ),
    "talent.annual.gap_level": (
        "Tekort aan talent per jaar, {level}, vóór en na de maatregelen ('?': onbekend)",
        "Talent gap per year, {level}, before and after the measures ('?': unknown)",
    ),
    "talent.annual.measures": (
        "Maatregelen naar gedicht tekort per M EUR (aannames; beste eerst)",
        "Measures by gap closed per M EUR (assumptions; best first)",
    ),
    "talent.annual.year": ("Jaar", "Year"),
    "talent.annual.level": ("Niveau", "Level"),
    "talent.annual.target": ("Doel", "Target"),
    "talent.annual.adopted": ("Vastgesteld", "Adopted"),
    "talent.annual.actual": ("Instroom", "Inflow"),
    "talent.annual.share": ("Aandeel van het doel", "Share of the target"),
    "talent.annual.probability": ("Kans het doel te halen", "Probability of meeting it"),
    "talent.annual.level_before": (
        "{level}: tekort vóór maatregelen",
        "{level}: gap before measures",
    ),
    "talent.annual.level_after": ("{level}: tekort na maatregelen", "{level}: gap after measures"),
    "talent.annual.measure": ("Maatregel", "Measure"),
    "talent.annual.component": ("Onderdeel", "Component"),
    "talent.annual.hires": ("Aanwas per jaar", "Hires per year"),
    "talent.annual.per_person": ("Kosten per persoon (EUR)", "Cost per person (EUR)"),
    "talent.annual.closed": ("Gedicht tekort (personen)", "Gap closed (people)"),
    "talent.annual.per_meur": ("Gedicht tekort per M EUR", "Gap closed per M EUR"),
    "talent.annual.yes": ("ja", "yes"),
    "talent.annual.no": ("nee, afgeleid", "no, derived"),
    "talent.col.need": ("{level}: behoefte", "{level}: need"),
    "talent.col.supply": ("{level}: aanbod", "{level}: supply"),
    "talent.col.gap": ("{level}: tekort", "{level}: gap"),
    "talent.note.marked": (
        "* mijlpaaljaar van het plan",
        "* a milestone year of the plan",
    ),
}


def msg(key: str, lang: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (``nl`` or ``en``) with its placeholders filled."""
    nl, en = MESSAGES[key]
    text = en if lang == "en" else nl
    return text.format(**params) if params else text


def name_of(kind: str, key: str, lang: str) -> str:
    """The words for ``key`` of a kind (``unit``) in ``lang``,
    or ``key`` itself when the table has none."""
    code = f"{kind}.{key}"
    return msg(code, lang) if has(code) else key


def has(key: str) -> bool:
    """Whether the table has a text for ``key``."""
    return key in MESSAGES
