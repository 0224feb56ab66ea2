"""clusterplan: the multi-year plan of a regional chip cluster, computable and checkable."""

__version__ = "0.1.0"
