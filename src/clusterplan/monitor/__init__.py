"""Monitoring: indicators as plan data, observed actuals, plan against actual, the nowcast.

Import the submodules (``indicators``, ``actuals``, ``compare``, ``nowcast``) directly.
"""
