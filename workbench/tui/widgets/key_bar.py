"""A footer that wraps: every key the screen shows, on as many lines as the width needs.

Textual's footer is one line that cuts the keys that do not fit (the home screen's keys stopped at
``s Recher▏`` at 100 columns); here each key and its description stay together and go to the next
line when the line is full, so that every key is seen at 80 columns too.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Static

PALETTE = Binding("ctrl+p", "command_palette", "palette")
"""The command palette's key, shown last as Textual's footer does."""


class KeyBar(Static):
    """The keys of the screen it is on (those shown in a footer), wrapped to the width."""

    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def keys(self) -> list[tuple[str, str]]:
        """Each key shown, as the footer shows it (the first of its keys), with its description (in the interface language)."""
        shown = [binding for binding in self.screen.BINDINGS if isinstance(binding, Binding) and binding.show and binding.description]
        first_keys = [next(iter(Binding.make_bindings([binding]))) for binding in [*shown, PALETTE]]
        return [(self.app.get_key_display(binding), binding.description) for binding in first_keys]

    def lines(self, width: int) -> Text:
        """The keys, a key and its description never split, as many to a line as ``width`` holds."""
        style = self.get_component_rich_style("key-bar--key")
        result, used = Text(no_wrap=True, overflow="ellipsis"), 0
        for key, description in self.keys():
            size = len(key) + len(description) + 3
            if used and used + size > width:
                result.append("\n")
                used = 0
            result.append(f" {key} ", style=style)
            result.append(f"{description} ")
            used += size
        return result

    def on_mount(self) -> None:
        self.update(self.lines(self.app.size.width))

    def on_resize(self, event: Resize) -> None:
        self.update(self.lines(event.size.width))
