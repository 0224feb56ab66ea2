"""Background tasks: long work off the request thread, with progress, retry and access.

Other apps use :mod:`clusterweb.tasks.services`: ``register(kind)`` a function in their
``background.py``, ``start_task(user, kind, **params)``, ``task_url(record)``.
"""
