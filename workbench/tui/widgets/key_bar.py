"""A footer that wraps: every key the screen shows, on as many lines as the width needs.

Textual's footer is one line that cuts the keys that do not fit (the home screen's keys stopped at
``s Recher▏`` at 100 columns, the coding screen's at ``u Annuler`` at 80); here each key and its
description stay together and go to the next line when the line is full, so that every key is seen
at 80 columns too. The keys are those Textual's footer would show, picked the same way: the ones
active now, so that a key the focused field takes as text (``?`` in the search field) gives way to
another key of the same action (F1).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static


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
        """Each action shown, by the first of its active keys as the footer writes it (``esc``, ``^p``),
        with its description (in the interface language); the command palette's key last."""
        active = self.screen.active_bindings
        shown: dict[str, Binding] = {}
        for _, binding, _, _ in active.values():
            if binding.show and binding.description:
                shown.setdefault(binding.action, binding)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        bindings = [*shown.values(), *([palette.binding] if palette else [])]
        return [(self.app.get_key_display(binding), binding.description) for binding in bindings]

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

    def show_keys(self, width: int | None = None) -> None:
        self.update(self.lines(width or self.size.width or self.app.size.width))

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys(self.app.size.width)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """The focus moved (a field that takes some keys as text, a list) or a key was enabled."""
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def on_resize(self, event: Resize) -> None:
        self.show_keys(event.size.width)
