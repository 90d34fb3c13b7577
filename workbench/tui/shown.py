"""Text from the project as the terminal UI shows it: data, never terminal control, never markup.

Widgets are given :func:`safe_text`: a Rich ``Text`` (a string given to a ``Label``, an
``OptionList``, a ``Tree`` or a ``DataTable`` would be read as markup, ``[b]`` and all) with its
control characters and bidi controls made visible by
:func:`~workbench.domain.terminal_text.visible`. The app's titles and notifications go through it
too (:class:`~workbench.tui.app.WorkbenchApp`), and :class:`WithoutControls`, a line filter on
everything the app draws, drops any control character a widget still holds (an ``Input`` being
typed into, a Textual widget): by then the line is laid out, and a visible replacement would not fit.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Span, Text
from textual.color import Color
from textual.filter import LineFilter

from workbench.domain.terminal_text import ANY_CONTROL, visible, visible_positions, without_controls


def safe_text(value: str | Text, *, one_line: bool = False) -> Text:
    """``value`` as a widget shows it: ``Text`` with its controls visible (newlines too with
    ``one_line``, for a tree's labels), its styles kept on the same characters."""
    if isinstance(value, str):
        return Text(visible(value, one_line=one_line))
    plain = value.plain
    shown_plain, position = visible_positions(plain, one_line=one_line)
    if shown_plain == plain:
        return value
    result = Text(
        shown_plain, style=value.style, justify=value.justify, overflow=value.overflow, no_wrap=value.no_wrap, end=value.end, tab_size=value.tab_size
    )
    result.spans = [Span(position(span.start), position(span.end), span.style) for span in value.spans]
    return result


class WithoutControls(LineFilter):
    """Drops control characters and bidi controls from every line drawn (the last guard)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(without_controls(segment.text), segment.style, segment.control)
            if not segment.control and ANY_CONTROL.search(segment.text)
            else segment
            for segment in segments
        ]
