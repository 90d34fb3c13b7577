"""Filling a DataTable whose columns change with what it shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text


def cell_width(cell: Cell) -> int:
    """Terminal columns taken by the cell's widest line."""
    shown = cell if isinstance(cell, Text) else Text(str(cell))
    return max((line.cell_len for line in shown.split()), default=0)


def fill_table(
    table: DataTable, columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], keys: Sequence[str] | None = None, height: int = 1
) -> None:
    """Replace the table's columns and rows (with their ``keys``, ``height`` lines each), each
    column as wide as its widest cell.

    The widths are given rather than left to DataTable's automatic widths, which measure new rows
    only once the app is idle: a frame drawn in between stays cached with columns as narrow as
    their labels.
    """
    rows = [list(row) for row in rows]
    table.clear(columns=True)
    for index, label in enumerate(columns):
        table.add_column(label, width=max([cell_width(label), *(cell_width(row[index]) for row in rows)]))
    for index, row in enumerate(rows):
        table.add_row(*row, key=keys[index] if keys else None, height=height)
