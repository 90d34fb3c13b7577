"""Filling a DataTable whose columns change with what it shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.markup import escape
from rich.text import Text
from textual.widgets import DataTable

from workbench.domain.terminal_text import visible
from workbench.tui.shown import safe_text

Cell = str | Text


def cell_width(cell: Cell) -> int:
    """Terminal columns taken by the cell's widest line."""
    shown = cell if isinstance(cell, Text) else Text(str(cell))
    return max((line.cell_len for line in shown.split()), default=0)


def safe_cell(cell: Cell) -> Cell:
    """A cell with its controls visible; a string stays one (what the table gives back), markup escaped."""
    return safe_text(cell) if isinstance(cell, Text) else escape(visible(str(cell)))


def fill_table(
    table: DataTable, columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], keys: Sequence[str] | None = None, height: int = 1
) -> None:
    """Replace the table's columns and rows (with their ``keys``, ``height`` lines each), each
    column as wide as its widest cell.

    The widths are given rather than left to DataTable's automatic widths, which measure new rows
    only once the app is idle: a frame drawn in between stays cached with columns as narrow as
    their labels. Every cell is shown as written (DataTable reads a string as markup: its brackets
    are escaped), its controls visible.
    """
    columns = [safe_cell(label) for label in columns]
    rows = [[safe_cell(cell) for cell in row] for row in rows]
    table.clear(columns=True)
    for index, label in enumerate(columns):
        table.add_column(label, width=max([cell_width(label), *(cell_width(row[index]) for row in rows)]))
    for index, row in enumerate(rows):
        table.add_row(*row, key=keys[index] if keys else None, height=height)
