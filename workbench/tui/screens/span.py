"""Selecting a free span of text, wider or narrower than a unit of meaning.

The passage around the current unit (its speaker turn with the one before and the one after) is
shown read-only; the unit is selected at first. Shift with the arrows (or the mouse) changes the
selection; Enter codes it, ``i`` makes an in-vivo code of it. Positions are converted through a
:class:`~workbench.domain.line_index.LineIndex` of the passage, so they are code-point offsets
into the document's text: the passage shows each control character as one character
(:func:`~workbench.domain.terminal_text.visible_in_place`), so positions stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea
from textual.widgets.text_area import Selection

from workbench.domain.documents import ParsedDocument
from workbench.domain.language import format_number, ngettext
from workbench.domain.line_index import LineIndex
from workbench.domain.terminal_text import visible_in_place
from workbench.domain.units import Unit, trim
from workbench.tui.language import Localised, text
from workbench.tui.shown import safe_text


@dataclass(frozen=True)
class ChosenSpan:
    start: int
    end: int
    action: str
    """``code`` or ``in-vivo``."""


def passage_bounds(document: ParsedDocument, unit: Unit) -> tuple[int, int]:
    """From the start of the turn before the unit's to the end of the turn after it."""
    if not unit.turn:
        return unit.start, unit.end
    turns = document.turns
    first = turns[max(0, unit.turn - 2)]
    last = turns[min(len(turns) - 1, unit.turn)]
    line_start = document.text.rfind("\n", 0, first.start) + 1
    return min(line_start, unit.start), max(last.end, unit.end)


class SpanSelector(Localised, ModalScreen[ChosenSpan | None]):
    """The passage around a unit, its text selectable."""

    BINDINGS = [
        Binding("enter", "choose('code')", "Code the selection", priority=True),
        Binding("i", "choose('in-vivo')", "In-vivo code", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, document: ParsedDocument, unit: Unit) -> None:
        super().__init__()
        self.text = document.text
        self.passage_start, end = passage_bounds(document, unit)
        self.passage = LineIndex(self.text[self.passage_start : end])
        self.unit = unit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog span-dialog"):
            yield Label(text("Select with shift+arrows or the mouse · Enter: code it · i: in-vivo code · Escape: cancel"))
            passage = self.text[self.passage_start : self.passage_start + self.passage.length]
            yield TextArea(visible_in_place(passage), read_only=True, id="passage")
            yield Label(id="selection-size")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        start, end = (self.passage.location(position - self.passage_start) for position in (self.unit.start, self.unit.end))
        area.selection = Selection(start, end)
        area.scroll_cursor_visible()
        area.focus()

    def selected(self) -> tuple[int, int] | None:
        """The selection as document offsets, without surrounding spaces; ``None`` if empty."""
        start, end = sorted(self.query_one(TextArea).selection)
        return trim(self.text, *(self.passage_start + self.passage.offset(*location) for location in (start, end)))

    def on_text_area_selection_changed(self, _: TextArea.SelectionChanged) -> None:
        span = self.selected()
        size = selection_size(span[1] - span[0], repr(self.text[span[0] : span[1]][:60])) if span else text("nothing selected")
        self.query_one("#selection-size", Label).update(safe_text(size))

    def action_choose(self, action: str) -> None:
        span = self.selected()
        if span is None:
            self.notify(text("Select some text first (shift+arrows)."), severity="warning")
            return
        self.dismiss(ChosenSpan(*span, action))

    def action_cancel(self) -> None:
        self.dismiss(None)


def selection_size(count: int, start: str) -> str:
    """``19,267 characters: 'Oui…'`` in the interface language (``19 267 caractères : 'Oui…'``)."""
    return ngettext("{count} character: {start}", "{count} characters: {start}", count).format(count=format_number(count), start=start)

