"""The command line's help and argument errors in the run's language.

Typer writes ``--help`` and its own refusals of the arguments ("No such option",
"Invalid value for '--n'", "Missing argument") in English, whatever ``--lang`` says. The
command classes of :mod:`clusterplan.cli.app` take both over through the core's
catalogue:

* the help in plain text: usage, the command's description, its arguments and options
  (with their default, range or "required" mark) and, for a group, its commands, each
  text looked up by its English msgid;
* a refused argument as the ``error: ...`` line every other refusal of the command line
  gives (exit 2), naming the option and the ``--help`` to read.

The run's language is known before the arguments are parsed: :func:`language_of_args`
reads ``--lang`` from them, else the environment, so that ``--lang nl --help`` and a
refused option before the command are Dutch too.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Command, Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from clusterplan.i18n import (
    GROUPED_FROM,
    LANGUAGES,
    Language,
    current_language,
    format_param,
    gettext,
    language_from_env,
    normalise_language,
)
from clusterplan.report.numbers import AS_NEEDED, format_number

_FILLED: dict[str, dict[str, Any]] = {}
"""Each help template of :func:`help_with` and the values that fill its fields."""


def help_with(template: str, **values: Any) -> str:
    """An option's help whose ``{name}`` fields are filled with values the core declares
    (its choices, ranges and defaults) when the help is shown, in the run's notation: the
    catalogue translates the template, so neither the help nor its translations repeat
    the values. Returns the template (the help Typer keeps, and the msgid)."""
    known = _FILLED.setdefault(template, values)
    if known != values:
        raise ValueError(f"the help {template!r} is filled with other values elsewhere")
    return template


def localised_help(text: str) -> str:
    """A help text in the run's language, its fields filled (:func:`help_with`)."""
    translated = gettext(text)
    values = _FILLED.get(text)
    if not values:
        return translated
    lang = current_language()
    return translated.format_map({key: format_param(key, v, lang) for key, v in values.items()})


LANG_OPTION = "--lang"
LANG_HELP = help_with(
    "Language of messages: {languages} (default: CLUSTERPLAN_LANG, else the locale).",
    languages=LANGUAGES,
)
"""The help of ``--lang``: every command that takes it, the web's management commands too."""
PLAN_HELP = "Plan directory (default: the bundled plan)."
"""The help of a plan directory argument or option."""


def language_of_args(args: Sequence[str]) -> Language:
    """The language a run's arguments choose (``--lang X`` or ``--lang=X``), else the
    environment's (:func:`clusterplan.i18n.language_from_env`)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == LANG_OPTION and i + 1 < len(args):
            return normalise_language(args[i + 1])
        if arg.startswith(LANG_OPTION + "="):
            return normalise_language(arg.split("=", 1)[1])
    return language_from_env()


def _paragraphs(text: str) -> list[str]:
    """A help text's paragraphs, each on one line (reST literals shown plain)."""
    plain = text.replace("``", "")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", plain) if p.strip()]


def help_text(text: str | None) -> list[str]:
    """A command's or option's help in the run's language, as paragraphs."""
    return _paragraphs(localised_help(text)) if text else []


def summary(command: Command) -> str:
    """The first paragraph of a command's help in the run's language (its line in the
    list of a group's commands)."""
    paragraphs = help_text(command.help)
    return paragraphs[0] if paragraphs else ""


def _shown_default(param: Parameter) -> str | None:
    """The default an option's help shows, or None (no default, a flag that is off, an
    empty list)."""
    default = param.default
    if getattr(param, "show_default", True) is False or default is None:
        return None
    if getattr(param, "is_flag", False):
        secondary = getattr(param, "secondary_opts", [])
        if not secondary:
            return None
        return param.opts[0] if default else secondary[0]
    if isinstance(default, (list, tuple)):
        return None
    if isinstance(default, enum.Enum):
        return str(default.value)
    if isinstance(default, bool):
        return None
    if isinstance(default, (int, float)):
        grouped = abs(default) >= GROUPED_FROM
        return format_number(default, current_language(), AS_NEEDED, grouping=grouped)
    return str(default)


def _range(param: Parameter) -> str | None:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return gettext("from {low} to {high}").format(low=low, high=high)
    if low is not None:
        return gettext("at least {low}").format(low=low)
    if high is not None:
        return gettext("at most {high}").format(high=high)
    return None


def _param_row(param: Parameter, ctx: Context) -> tuple[str, str] | None:
    record = param.get_help_record(ctx)
    if record is None:  # hidden
        return None
    marks = []
    if param.required:
        marks.append(gettext("required"))
    else:
        default = _shown_default(param)
        if default is not None:
            marks.append(gettext("default: {default}").format(default=default))
    limits = _range(param)
    if limits:
        marks.append(limits)
    text = " ".join(help_text(getattr(param, "help", None)))
    if marks:
        text = f"{text}  [{'; '.join(marks)}]" if text else f"[{'; '.join(marks)}]"
    return record[0], text


def format_help(command: Command, ctx: Context, formatter: HelpFormatter) -> None:
    """Write ``command``'s help into ``formatter`` in the run's language."""
    params = command.get_params(ctx)
    pieces = [gettext("[OPTIONS]")]
    for param in params:
        if param.param_type_name == "argument":
            name = _hint(param) + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
    if isinstance(command, TyperGroup):
        pieces.append(gettext("COMMAND [ARGS]..."))
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=gettext("Usage: "))
    for paragraph in help_text(command.help):
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(paragraph)
    rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in params:
        row = _param_row(param, ctx)
        if row is not None and param.param_type_name in rows:
            rows[param.param_type_name].append(row)
    for kind, title in (("argument", gettext("Arguments")), ("option", gettext("Options"))):
        if rows[kind]:
            with formatter.section(title):
                formatter.write_dl(rows[kind])
    if isinstance(command, TyperGroup):
        commands = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                commands.append((name, summary(sub)))
        if commands:
            with formatter.section(gettext("Commands")):
                formatter.write_dl(commands)


def _hint(param: Any) -> str:
    """How an error names a parameter: its option (``--n``) or argument name (``FILE``)."""
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return str(param.name or "").upper()
    return str(param.opts[0]) if param.opts else str(param.name)


_OUT_OF_RANGE = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})
"""Validation error types (pydantic's, which Typer converts values with) of a value
outside the option's ``min``/``max``."""


def _invalid_reason(exc: click_errors.BadParameter) -> str:
    """Why a value was refused, in the run's language where the conversion's error type or
    the parameter's type says it (a range, one of a list, a whole number, a number); else
    the converter's own words."""
    param = exc.param
    errors_of = getattr(exc.__cause__, "errors", None)  # pydantic's ValidationError
    errors = errors_of() if callable(errors_of) else []
    kinds = {str(error.get("type")) for error in errors if isinstance(error, dict)}
    limits = _range(param) if param is not None else None
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if limits and kinds & _OUT_OF_RANGE:
        return gettext("must be {limits}").format(limits=limits)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return gettext("use one of {known}").format(
            known=", ".join(str(member.value) for member in annotation)
        )
    if kinds & {"int_parsing", "int_from_float"}:
        return gettext("not a whole number")
    if "float_parsing" in kinds:
        return gettext("not a number")
    return exc.message


class UnknownCommand(click_errors.UsageError):
    """A group was given a command it does not have."""

    def __init__(self, name: str, known: Sequence[str], ctx: Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.known = list(known)


class MissingCommand(click_errors.UsageError):
    """A group was given options but no command."""


class ExtraArguments(click_errors.UsageError):
    """A command was given arguments it does not take."""

    def __init__(self, extra: Sequence[str], ctx: Context) -> None:
        super().__init__(f"Got unexpected extra argument(s) ({' '.join(extra)})", ctx)
        self.extra = list(extra)


def usage_problem(exc: click_errors.UsageError, command: Command) -> str:
    """The reason ``command``'s arguments were refused, in the run's language."""
    if isinstance(exc, UnknownCommand):
        text = gettext("no such command: {name}").format(name=exc.name)
        close = difflib.get_close_matches(exc.name, exc.known)
        if close:
            text += " " + gettext("(did you mean {options}?)").format(options=", ".join(close))
        return text
    if isinstance(exc, MissingCommand):
        return gettext("no command given")
    if isinstance(exc, ExtraArguments):
        return gettext("unexpected argument(s): {args}").format(args=" ".join(exc.extra))
    if isinstance(exc, click_errors.NoSuchOption):
        text = gettext("no such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            text += " " + gettext("(did you mean {options}?)").format(
                options=", ".join(sorted(exc.possibilities))
            )
        return text
    if isinstance(exc, click_errors.MissingParameter):
        if exc.param is not None and exc.param.param_type_name == "argument":
            return gettext("missing argument {name}").format(name=_hint(exc.param))
        return gettext("missing option {name}").format(name=_hint(exc.param))
    if isinstance(exc, click_errors.BadParameter):
        return gettext("invalid value for {name}: {reason}").format(
            name=_hint(exc.param), reason=_invalid_reason(exc)
        )
    if isinstance(exc, click_errors.BadOptionUsage):
        flag = any(
            exc.option_name in [*p.opts, *getattr(p, "secondary_opts", [])]
            and getattr(p, "is_flag", False)
            for p in command.params
        )
        template = "{option} takes no value" if flag else "{option} needs a value"
        return gettext(template).format(option=exc.option_name)
    return exc.format_message()


def refuse_usage(exc: click_errors.UsageError, command: Command, path: str) -> NoReturn:
    """Print ``command``'s refused arguments as one ``error:`` line in the run's language,
    naming the help to read (``path --help``), and exit 2; a group called without a
    command shows its help instead."""
    if isinstance(exc, click_errors.NoArgsIsHelpError) and exc.ctx is not None:
        typer.echo(exc.ctx.get_help())
        raise typer.Exit(2)
    see = gettext("(see '{command} --help')").format(command=path)
    typer.echo(f"{gettext('error')}: {usage_problem(exc, command)} {see}", err=True)
    raise typer.Exit(2)


class _Localised:
    """What commands and groups share: help in the run's language, a refused argument as
    one line (:func:`refuse_usage`)."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        assert isinstance(self, Command)
        format_help(self, ctx, formatter)

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc, no-any-return]
        except click_errors.UsageError as exc:
            assert isinstance(self, Command)
            name = info_name or self.name or ""
            refuse_usage(exc, self, f"{parent.command_path} {name}" if parent else name)

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except click_errors.UsageError as exc:
            refuse_usage(exc, (exc.ctx or ctx).command, (exc.ctx or ctx).command_path)


class LocalisedCommand(_Localised):
    """Mixin of a command class: as :class:`_Localised`, and arguments it does not take
    refused in the run's language."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # refused below, in the run's language
        rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        if ctx.args:
            raise ExtraArguments(ctx.args, ctx)
        return rest


class LocalisedGroup(_Localised):
    """Mixin of a group class: as :class:`_Localised`, and an unknown or missing command
    refused in the run's language."""

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        assert isinstance(self, TyperGroup)
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise UnknownCommand(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)  # type: ignore[misc, no-any-return]

    def invoke(self, ctx: Context) -> Any:
        # The group's parser keeps the command and its arguments aside; none: no command.
        if not getattr(ctx, "_protected_args", None) and not ctx.args:
            refuse_usage(MissingCommand("Missing command.", ctx), ctx.command, ctx.command_path)
        return super().invoke(ctx)
