"""The migration that lets a target adopted as derived keep no reason of its own empties the
sentences adoption had written (in either language) and keeps every reason a person wrote."""

from __future__ import annotations

from clusterweb.planning.tests.migrating import MigrationTestCase, migrate

BEFORE = [("demand", "0004_hires_named_by_core_levels")]
AFTER = [("demand", "0005_target_reason_from_its_path")]


class ReasonMigrationTests(MigrationTestCase):
    def test_only_the_sentences_adoption_wrote_are_emptied(self) -> None:
        target = migrate(BEFORE).get_model("demand", "TalentTarget")
        rows = {
            2028: ("Overgenomen zoals afgeleid van het banenpad terugrekening.", "backcast"),
            2030: ("Adopted as derived from the back-cast job path.", "backcast"),
            2040: ("Afspraak met de ROC's", "backcast"),
            2026: ("Adopted as derived from the back-cast job path.", ""),
        }
        for year, (reason, derived) in rows.items():
            target.objects.create(year=year, mbo=1, reason=reason, derived=derived)
        target = migrate(AFTER).get_model("demand", "TalentTarget")
        after = dict(target.objects.values_list("year", "reason"))
        self.assertEqual(
            after,
            {
                2028: "",
                2030: "",
                2040: "Afspraak met de ROC's",
                2026: "Adopted as derived from the back-cast job path.",  # names no path
            },
        )
