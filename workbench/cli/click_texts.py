"""Typer's own words (``Usage:``, ``Options``, ``[required]``, ``Error: No such option: --nope``…)
in the language of the run.

Typer marks a few of its texts with :func:`gettext.gettext` (section headings, ``env var``,
``default``, ``required``): :data:`typer.core._` is pointed at our catalogue instead, so they follow
the current language (gettext's own domain is left alone, and the terminal UI, whose language is the
project's, writes nothing through Typer). The rest (the click it bundles, and pydantic's checks of values) writes plain
English: a usage error is shown again by :class:`SpokenError`, its message translated by matching
it against :data:`MESSAGES`, the English templates of those texts; a message that matches none is
shown as written.
"""

from __future__ import annotations

import re
from functools import cache
from typing import IO, Any

import typer.core
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.utils import echo

from workbench.domain.language import N_, _

typer.core._ = _

TYPER_TEXTS = (
    N_("Arguments"), N_("Options"), N_("Commands"), N_("env var: {var}"), N_("default: {default}"),
    N_("required"), N_("(dynamic)"), N_("Aborted!"), N_("Missing command."), N_("No such command {name!r}."),
)
"""The texts Typer looks up with gettext."""

USAGE = N_("Usage:")
HEADING = N_("{heading}:")
HELP_OPTION = N_("Show this message and exit.")
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")

MESSAGES = (
    N_("{message}. Did you mean {suggestions}?"),
    N_("{message} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Missing option {name}. Choose from:\n\t{choices}"),
    N_("Missing argument {name}. Choose from:\n\t{choices}"),
    N_("Missing option {name}."),
    N_("Missing argument {name}."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Argument {name} takes {count} values."),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("Value error, {message}"),
    N_("{value} is not one of {choices}."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be greater than or equal to {limit}"),
    N_("Input should be greater than {limit}"),
    N_("Input should be less than or equal to {limit}"),
    N_("Input should be less than {limit}"),
)
"""The English messages of Typer's usage errors, most specific first; ``{message}`` is translated in turn."""

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def pattern(template: str) -> re.Pattern[str]:
    """What ``template`` matches: its words as written, any text for each placeholder."""
    pieces, position = [], 0
    for placeholder in PLACEHOLDER.finditer(template):
        pieces += [re.escape(template[position : placeholder.start()]), f"(?P<{placeholder[1]}>.+?)"]
        position = placeholder.end()
    return re.compile("".join(pieces) + re.escape(template[position:]), re.DOTALL)


def spoken(message: str) -> str:
    """``message``, an English message of Typer's, in the current language (as written when unknown)."""
    for template in MESSAGES:
        match = pattern(template).fullmatch(message)
        if match:
            values = match.groupdict()
            if "message" in values:
                values["message"] = spoken(values["message"])
            return _(template).format(**values)
    return message


class SpokenError(ClickException):
    """A usage error of Typer's shown in the current language: usage line, hint and message."""

    def __init__(self, error: ClickException) -> None:
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        error = self.error
        if isinstance(error, NoArgsIsHelpError):
            error.show(file)
            return
        context = error.ctx if isinstance(error, UsageError) else None
        if context is not None:
            hint = ""
            if context.command.get_help_option(context) is not None:
                hint = _(TRY_HELP).format(command=context.command_path, option=context.help_option_names[0]) + "\n"
            echo(f"{context.get_usage()}\n{hint}", file=file, err=True, color=context.color)
        echo(_(ERROR).format(message=spoken(error.format_message())), file=file, err=True)
