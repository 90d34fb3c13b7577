"""``--help`` written for people: ``workbench import [OPTIONS] FILES...`` and ``--id ID``, not the
``{files}...``, ``<list[Path]>`` and ``<str>`` of Typer's own help (which names Python types).

An argument is shown by its name in capitals; an option that takes a value by its metavar, else by
its choices (``[transcript|excerpts|survey]``), else by its own name in capitals (``--limit LIMIT``).

Every help text is written in English in the code, marked with ``N_()``, and translated here when
the help is written, so the language of the run decides (:mod:`workbench.cli.click_texts` for
Typer's own words).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer._click.core import Context
from typer._click.exceptions import ClickException
from typer._click.formatting import HelpFormatter
from typer._click.utils import make_default_short_help
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from workbench.cli.click_texts import HEADING, HELP_OPTION, USAGE, SpokenError
from workbench.domain.language import _, locale_language, use_language


def spoken_record(help_text: str | None, record: tuple[str, str] | None) -> tuple[str, str] | None:
    """A parameter's line of help, ``(names, help  [required]…)``, with its help in the current language."""
    if record is None or not help_text or not record[1].startswith(help_text):
        return record
    names, text = record
    return names, _(help_text) + text[len(help_text) :]


class PlainArgument(TyperArgument):
    """An argument named in capitals, ``...`` when it takes several values, without its Python type."""

    def shown_name(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 and not name.endswith("...") else name

    def _rich_display_name(self) -> str:
        return self.shown_name()

    def _usage_display_name(self) -> str:
        return self.shown_name() if self.required else f"[{self.shown_name()}]"

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        return spoken_record(self.help, super().get_help_record(ctx))


class PlainFlag(TyperOption):
    """An option, its help in the current language (as is for a flag: ``--json``, ``--help``)."""

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        return spoken_record(self.help, super().get_help_record(ctx))


class PlainOption(PlainFlag):
    """An option's value shown by its metavar, its choices or its name, never its Python type."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        choices = self.type_descriptor.choices if self.type_descriptor.is_choice else None
        if choices:
            return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in choices) + "]"
        longest = max(self.opts, key=len).lstrip("-")
        return longest.upper().replace("-", "_")


def plain_parameter(parameter: Any) -> None:
    """Show ``parameter`` as this module says."""
    if type(parameter) is TyperArgument:
        parameter.__class__ = PlainArgument
    elif type(parameter) is TyperOption:
        parameter.__class__ = PlainFlag if parameter.is_flag else PlainOption


def plain(command: Any) -> None:
    """Show ``command``'s parameters, and those of its subcommands, as this module says."""
    for parameter in getattr(command, "params", []):
        plain_parameter(parameter)
    if type(command) is TyperGroup:
        command.__class__ = PlainGroup
    elif type(command) is TyperCommand:
        command.__class__ = PlainCommand
    for subcommand in getattr(command, "commands", {}).values():
        if isinstance(subcommand, TyperCommand | TyperGroup):
            plain(subcommand)


class SpokenFormatter(HelpFormatter):
    """Help laid out as Typer does, ``Usage:`` and the headings' colon in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(USAGE) + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_(HEADING).format(heading=heading)}\n")


class SpokenContext(Context):
    formatter_class = SpokenFormatter


def write_help_text(command: TyperCommand | TyperGroup, formatter: HelpFormatter) -> None:
    """What ``command`` does, in the current language."""
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(_(command.help)).partition("\f")[0])


def short_help(command: TyperCommand | TyperGroup, limit: int) -> str:
    """The start of what ``command`` does, in the current language, for its group's list of commands."""
    if command.short_help:
        return inspect.cleandoc(_(command.short_help)).strip()
    return make_default_short_help(_(command.help), limit).strip() if command.help else ""


def spoken_help_option(option: Any) -> Any:
    """``--help``, its help in the current language."""
    if option is not None and type(option) is TyperOption:
        option.__class__ = PlainFlag
        option.help = HELP_OPTION
    return option


class PlainCommand(TyperCommand):
    """A command of the program, its help written for people in the language of the run."""

    context_class = SpokenContext

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_help_text(self, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, limit)

    def get_help_option(self, ctx: Context) -> Any:
        return spoken_help_option(super().get_help_option(ctx))


@contextmanager
def spoken_errors() -> Iterator[None]:
    """Show a usage error of Typer's in the current language (:class:`SpokenError`)."""
    try:
        yield
    except SpokenError:
        raise
    except ClickException as error:
        raise SpokenError(error) from None


class PlainGroup(TyperGroup):
    """The program's command group (and each group of subcommands), its help written for people in
    the language of the run: the locale's (``LANG``…; English for ``C``), usage errors included."""

    context_class = SpokenContext

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        plain(self)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, *rest: Any, **settings: Any) -> Any:
        with use_language(locale_language()):
            return super().main(args, prog_name, *rest, **settings)

    def make_context(self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any) -> Context:
        with spoken_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Context) -> Any:
        with spoken_errors():
            return super().invoke(ctx)

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_help_text(self, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, limit)

    def get_help_option(self, ctx: Context) -> Any:
        return spoken_help_option(super().get_help_option(ctx))
