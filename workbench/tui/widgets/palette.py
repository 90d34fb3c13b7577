"""Textual's command palette speaking the interface language: its search hint and its « no match »
line, which Textual writes in English (the line is made in a method of its own, rewritten here for
the Textual version the project pins)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, Provider
from textual.widgets.option_list import Option

from workbench.tui.language import text


class Palette(CommandPalette):
    """The command palette with its texts in the interface language."""

    def __init__(self, placeholder: str, providers: list[type[Provider]] | None = None, id: str | None = None) -> None:
        super().__init__(providers=providers, placeholder=placeholder, id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """After a short pause with no match for what is typed, say so (nothing when nothing is typed)."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                no_match = Text(text("No matches found"), style="not bold")
                self.query_one(CommandList).add_option(Option(Align.center(no_match), disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
