"""Settings: ``base`` reads the environment; ``dev`` and ``ci`` set defaults and import it."""
