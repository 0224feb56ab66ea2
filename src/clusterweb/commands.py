"""Management commands that speak the run's language, their help included.

Django writes a command's ``--help`` in English: argparse's headings and usage, and the
help of Django's own options (``--verbosity``, ``--settings``, ...), which Django does not
mark for translation. :class:`LocalisedCommand` chooses the run's language before the
arguments are parsed, as the core's command line does
(:func:`clusterplan.cli.localised.language_of_args`: ``--lang``, else the environment), and
writes the whole help in it.

Argparse's own refusals of the arguments ("unrecognized arguments", "invalid choice") stay
English: argparse words them through the interpreter's gettext domain, which this project
does not replace.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clusterplan.cli.localised import LANG_HELP, LANG_OPTION, language_of_args, localised_help
from clusterplan.i18n import LANGUAGES, language_from_env, language_scope
from clusterplan.i18n import gettext as core_text

DJANGO_OPTIONS = {
    "--version": _("Show the version number and exit."),
    "--verbosity": _("How much to write: 0 little, 1 normal, 2 more, 3 most."),
    "--settings": _(
        "The Python path of a settings module; without it, the DJANGO_SETTINGS_MODULE "
        "environment variable names it."
    ),
    "--pythonpath": _("A directory to add to the Python path."),
    "--traceback": _("Show the whole stack trace of a refusal."),
    "--no-color": _("Do not colour the output."),
    "--force-color": _("Colour the output, even when it is not a terminal."),
    "--skip-checks": _("Skip Django's system checks."),
}
"""The help of the options Django gives every command, by option: Django leaves them
English. An option Django adds later shows Django's English help until it is added here
(a test lists the options without a text)."""


class _Formatter(DjangoHelpFormatter):
    """Django's help layout with the usage line in the run's language (the core command
    line's word for it)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or core_text("Usage: "))


@contextmanager
def run_language(lang: str) -> Iterator[None]:
    """The web's and the core's catalogues both in ``lang``."""
    with language_scope(lang), translation.override(lang):
        yield


class LocalisedCommand(BaseCommand):
    """A command that takes ``--lang`` and speaks the run's language: its help, its output
    and the refusals it raises itself (``CommandError``). A subclass's own help texts are lazy translations (``gettext_lazy``)
    or the core's texts, which it looks up with :func:`clusterplan.i18n.gettext`."""

    def run_from_argv(self, argv: list[str]) -> None:
        with run_language(language_of_args(argv[2:])):
            super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> Any:
        with run_language(options.get("lang") or language_from_env()):
            return super().execute(*args, **options)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _Formatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(LANG_OPTION, choices=LANGUAGES, help=localised_help(LANG_HELP))
        parser.description = str(self.help) if self.help else None
        parser._positionals.title = core_text("Arguments")
        parser._optionals.title = core_text("Options")
        for action in parser._actions:
            if "--help" in action.option_strings:
                action.help = core_text("Show this message and exit.")
            elif django := next(
                (DJANGO_OPTIONS[o] for o in action.option_strings if o in DJANGO_OPTIONS), None
            ):
                action.help = str(django)
            elif action.help and action.help is not argparse.SUPPRESS:
                action.help = str(action.help)  # a lazy text, now in the run's language
        return parser
