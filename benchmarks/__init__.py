"""Benchmarks: each ``bench_*.py`` module has ``main(quick: bool) -> None`` and prints
its figures, each against a peer measured in the same run. Run all: ``make bench``."""
