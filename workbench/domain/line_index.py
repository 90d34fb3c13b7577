"""Converting between code-point offsets in a text and (line, column) positions, by bisection on
a table of line starts built once: no rescanning of the text for each conversion."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """The start offset of every line of a text whose lines end with LF."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def offset(self, line: int, column: int) -> int:
        """The offset of ``column`` on ``line`` (a column past the line's end stops at it)."""
        line = max(0, min(line, len(self.starts) - 1))
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else self.length
        return min(self.starts[line] + max(0, column), end)

    def location(self, offset: int) -> tuple[int, int]:
        """The ``(line, column)`` of ``offset`` (0 ≤ offset ≤ the text's length)."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} is outside the text (0–{self.length})")
        line = bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]
