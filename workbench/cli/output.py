"""Printing results: JSON on stdout for scripts, rich tables for people.

Everything printed for people goes through :func:`~workbench.domain.terminal_text.visible`, so
text from files (names, transcripts, attributes, ids) never acts as terminal control. JSON stays
exact: besides the C0 characters ``json.dumps`` escapes, DEL, C1 characters and bidi controls are
written as ``\\uXXXX`` escapes, which read back as the same text.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from workbench.domain.language import _
from workbench.domain.terminal_text import BIDI_CONTROLS, visible

console = Console()
error_console = Console(stderr=True)

LEFT_RAW_BY_JSON = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}]")
"""What ``json.dumps(…, ensure_ascii=False)`` writes as it is and a terminal may take as control."""


def json_text(data: Any, **options: Any) -> str:
    """``data`` as JSON (UTF-8 text), its control characters and bidi controls escaped."""
    written = json.dumps(data, ensure_ascii=False, **options)
    return LEFT_RAW_BY_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", written)


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data, indent=2) + "\n")


def echo(message: str, *, err: bool = False) -> None:
    """A line (or lines) for people, on stdout or stderr."""
    typer.echo(visible(message), err=err)


def echo_error(message: str) -> None:
    """One line on stderr: its newlines shown too."""
    typer.echo(visible(message, one_line=True), err=True)


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    table = Table(title=Text(visible(title), style="table.title"), title_justify="left", header_style="bold")
    for column in columns:
        table.add_column(Text(visible(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(visible(cell)) for cell in row))
    console.print(table)


def print_notice(message: str) -> None:
    note = escape(_("note:"))
    error_console.print(f"[yellow]{note}[/] {escape(visible(message, one_line=True))}", highlight=False, markup=True, soft_wrap=True)
