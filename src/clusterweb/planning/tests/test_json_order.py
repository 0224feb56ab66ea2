"""The stored plan keeps its key order on every database (PostgreSQL's jsonb sorts keys)."""

from __future__ import annotations

from django.test import TestCase

from clusterweb.planning.models import Assumption, PlanDocument


class KeyOrderTests(TestCase):
    def test_a_plan_document_reads_back_in_the_order_it_was_written(self) -> None:
        data = {"zeta": 1, "alpha": {"packaging_test": 2, "equipment": 3}, "mid": [1, "x"]}
        stored = PlanDocument.objects.create(plan_id="p", data=data)
        back = PlanDocument.objects.get(pk=stored.pk).data
        self.assertEqual(list(back), ["zeta", "alpha", "mid"])
        self.assertEqual(list(back["alpha"]), ["packaging_test", "equipment"])
        self.assertEqual(back, data)

    def test_an_assumption_value_keeps_its_order_and_its_type(self) -> None:
        for value in ({"production": 1, "lab": 2, "office": 3}, "fact:x", 2.5, None, True):
            with self.subTest(value=value):
                Assumption.objects.filter(key="k").delete()
                Assumption.objects.create(
                    key="k", label_nl="k", label_en="k", value=value, unit="u", rationale="r"
                )
                back = Assumption.objects.get(key="k").value
                self.assertEqual(back, value)
                if isinstance(value, dict):
                    self.assertEqual(list(back), list(value))
