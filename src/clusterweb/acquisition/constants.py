"""Funnel stages and lead sources: the core's enumerations with translated labels."""

from clusterweb.choices import text_choices

Stage = text_choices("Stage", "lead.stage")
"""Stages of the acquisition funnel (``clusterplan.ecosystem.Stage``)."""

Source = text_choices("Source", "lead.source")
"""Where a lead comes from (``clusterplan.ecosystem.LeadSource``)."""
