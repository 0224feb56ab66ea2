"""The application layer: one typed function per use case, for the CLI, the web and the API.

The interfaces turn what a user typed into named input values (:mod:`.inputs`, where every
input of a scenario is declared once), call a use case here and render its result. The use
cases wrap the core's models; they compute nothing themselves.
"""
