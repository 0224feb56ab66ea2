"""The migration that makes a revision's digest compare numbers by value: every stored
revision gets the digest ``plan_digest`` computes; of two that differed only in how a whole
number was written, the earlier takes it and the later keeps a digest of its own; going back
gives every revision its former digest."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from clusterweb.planning.services import plan_digest
from clusterweb.planning.tests.migrating import MigrationTestCase, migrate

BEFORE = [("planning", "0010_planrevision_live_from")]
AFTER = [("planning", "0011_digest_numbers_by_value")]


def _as_written(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class DigestMigrationTests(MigrationTestCase):
    def test_digests_follow_the_numbers_and_nothing_is_merged(self) -> None:
        written = {"meta": {"id": "p"}, "value": 1.0, "mix": [0.0, 0.5]}
        reuploaded = {"meta": {"id": "p"}, "value": 1, "mix": [0, 0.5]}
        other = {"meta": {"id": "q"}, "value": 1.0, "mix": [0.0, 0.5]}
        apps = migrate(BEFORE)
        revisions = apps.get_model("planning", "PlanRevision")
        made = [
            revisions.objects.create(
                plan_id=plan_id, title="t", published="x", digest=_as_written(data), data=data
            )
            for plan_id, data in (("p", written), ("p", reuploaded), ("q", other))
        ]
        self.assertNotEqual(made[0].digest, made[1].digest)

        apps = migrate(AFTER)
        after = {r.pk: r.digest for r in apps.get_model("planning", "PlanRevision").objects.all()}
        self.assertEqual(len(after), 3)  # nothing merged
        self.assertEqual(after[made[0].pk], plan_digest(written))
        self.assertEqual(plan_digest(written), plan_digest(reuploaded))
        self.assertNotEqual(after[made[1].pk], after[made[0].pk])
        self.assertEqual(after[made[2].pk], plan_digest(other))  # another plan: its own

        apps = migrate(BEFORE)
        back = {r.pk: r.digest for r in apps.get_model("planning", "PlanRevision").objects.all()}
        self.assertEqual(back, {r.pk: r.digest for r in made})
