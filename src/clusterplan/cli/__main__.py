"""``python -m clusterplan.cli``: the same as the ``clusterplan`` command."""

from clusterplan.cli import main

main()
