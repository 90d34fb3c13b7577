"""The project journal (*carnet de bord*): dated entries, newest first, and a new one with ``n``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workbench.domain.errors import WorkbenchError
from workbench.domain.text import shortened
from workbench.services.coding.memos import Memo, memos_about, write_memo
from workbench.services.projects import Project
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import KeyHelp, MemoEditor, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar

TITLE_LENGTH = 60


def entry_title(body: str) -> str:
    """An entry's title: its first line, shortened."""
    first = body.strip().splitlines()[0] if body.strip() else ""
    return shortened(first, TITLE_LENGTH)


class JournalScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("n", "new_entry", "New entry", id="new-entry"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project, self.coder = project, coder
        self.entries: list[Memo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(text("Journal (logbook) — n: new entry, Escape: back"), id="journal-help")
        with Horizontal(id="journal-area"):
            yield OptionList(id="journal-entries")
            yield Static(id="journal-entry")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("Journal")
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        self.entries = list(reversed(memos_about(self.project)))
        entries = self.query_one(OptionList)
        entries.clear_options()
        entries.add_options(
            Option(safe_text(f"{entry.written:%Y-%m-%d %H:%M} · {entry.coder or '—'} · {entry.title or entry_title(entry.text)}"))
            for entry in self.entries
        )
        if self.entries:
            entries.highlighted = 0
        self.show_entry()

    def show_entry(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        panel = self.query_one("#journal-entry", Static)
        if highlighted is None or not self.entries:
            panel.update(text("The journal is empty: n writes the first entry."))
            return
        panel.update(safe_text(self.entries[highlighted].text))

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self.show_entry()

    def action_new_entry(self) -> None:
        def save(body: str | None) -> None:
            if body is None:
                return
            try:
                write_memo(self.project, body, coder=self.coder, title=entry_title(body))
            except WorkbenchError as error:
                self.notify(error.one_line(), severity="error")
                return
            self.reload()
            self.notify(text("entry saved"))

        self.app.push_screen(MemoEditor(text("New journal entry")), save)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS)))
