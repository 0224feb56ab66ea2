"""An independent transcription of Tabel 1, Tabel 2 and Figuur 6, typed from the plan's text.

Kept apart from the bundled YAML on purpose: the tests compare the two. Cells are as printed:
'' blank, '-' dash, '?' unknown, decimal commas.
"""

TABLE1_YEARS = [2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033]

# name | 2026 .. 2033 | Totaal | Privaat | Subsidies | Nationaal | Regionaal
TABLE1 = """\
ACP||30|30|30|30|30|||150|50|50|35|15
Lights out' factory|-|-|-|50|100|25|15|10|200|100|50|35|15
Test Center|-|-|-|60|20|10|5|5|100|50|25|15|10
CoLabFab|||40|30|15|5|5|5|100|50|25|12,5|12,5
Innovatieprogramma - ketenbreed|-|20|20|20|20|20|20|20|140|70|40|15|15
Toepassingenprogramma|-|10|10|10|10|10|||50|25|10|10|5
Equipmentprogramma|-|20|20|20|20|20|||100|50|25|15|10
Designprogramma|-|10|10|10|10|10|||50|25|10|10|5
Robotica|25|50|50|50|50|25|||250|125|75|40|10
Fysieke ruimte t.b.v. groei|10|15|?|?|?|?|?|?|25|?|?|10|15
Continuering waferfab|-|-|-|-|-|?|?|?|0|?|?|?|?
300mm fab|-|-|-|-|-|?|?|?|-|?|?|?|?
Totale|35|155|180|280|275|155|45|40|1165|545|310|197,5|112,5"""

TABLE1_IDS = [
    "acp",
    "lights-out-factory",
    "test-center",
    "colabfab",
    "innovation-programme",
    "applications-programme",
    "equipment-programme",
    "design-programme",
    "robotics",
    "physical-space",
    "wafer-fab-continuation",
    "fab-300mm",
]

TABLE2 = """\
Programma-organisatie|0,5|1,2|1,5|2|2|2|2|2|13,2|1|0|0|12,2
Lfeport semicon industries|0,2|0,4|0,6|0,8|0,8|0,8|0,8|0,8|5,2|4,7|-|-|0,5
Totale|0,7|1,6|2,1|2,8|2,8|2,8|2,8|2,8|18,4|5,7|0|0|12,7"""

TABLE2_IDS = ["programme-organisation", "lsi"]

# Figuur 6: Design, Equipment, Productie, Packaging & Test, Toepassingen, Totaal, Omzet
FIGURE6 = """\
2026|~ 1.000|~ 1.700|~ 2.100|~ 100|~ 700|~ 5.600|
organic|~ 1.900|~3.200|~ 2.100|~200|~ 1.350|~ 8.800|+73%
accelerated|~ 1.900|~ 3.400|~ 2.100|~ 400|~ 1.350|~ 9.200|+80%
leap|~ 3.400|~ 3.950|~ 2.750|~ 650|~ 2.850|~ 13.600|+167%"""

PILLARS = ["design", "equipment", "production", "packaging_test", "applications"]


def cell(text: str, blank_is_zero: bool = True) -> float | None:
    """A printed cell as a number: '' and '-' are 0, '?' is unknown."""
    text = text.strip()
    if text == "?":
        return None
    if text in ("", "-"):
        return 0.0
    return float(text.replace(",", "."))


def jobs(text: str) -> int:
    """'~ 1.900' -> 1900."""
    return int(text.replace("~", "").replace(".", "").strip())
