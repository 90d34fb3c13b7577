"""``--help`` written for people: ``workbench import [OPTIONS] FILES...`` and ``--id ID``, not the
``{files}...``, ``<list[Path]>`` and ``<str>`` of Typer's own help (which names Python types).

An argument is shown by its name in capitals; an option that takes a value by its metavar, else by
its choices (``[transcript|excerpts|survey]``), else by its own name in capitals (``--limit LIMIT``).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


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


class PlainOption(TyperOption):
    """An option's value shown by its metavar, its choices or its name, never its Python type."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        choices = self.type_descriptor.choices if self.type_descriptor.is_choice else None
        if choices:
            return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in choices) + "]"
        longest = max(self.opts, key=len).lstrip("-")
        return longest.upper().replace("-", "_")


def plain(command: Any) -> None:
    """Show ``command``'s parameters, and those of its subcommands, as this module says."""
    for parameter in getattr(command, "params", []):
        if type(parameter) is TyperArgument:
            parameter.__class__ = PlainArgument
        elif type(parameter) is TyperOption and not parameter.is_flag:
            parameter.__class__ = PlainOption
    if type(command) is TyperGroup:
        command.__class__ = PlainGroup
    for subcommand in getattr(command, "commands", {}).values():
        if isinstance(subcommand, TyperCommand | TyperGroup):
            plain(subcommand)


class PlainGroup(TyperGroup):
    """The program's command group, whose help (and its commands' help) is written for people."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        plain(self)
