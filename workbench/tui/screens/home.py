"""Home: the documents with their participant and attributes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.participants import format_value
from workbench.storage.project import Project
from workbench.storage.queries import attribute_types, document_summaries, participants
from workbench.tui.screens.document import CodingScreen


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open_document", "Open", id="open-document", priority=True),
        Binding("q", "app.quit", "Quit", id="quit-home"),
    ]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        with self.project.session() as session:
            summaries = document_summaries(session)
            types = attribute_types(session)
            people = {person.identifier: person for person in participants(session)}
        table = self.query_one(DataTable)
        table.add_columns("Document", "Participant", "Kind", "Turns", "Words", *types)
        for summary in summaries:
            person = people.get(summary.participant or "")
            attributes = person.attributes if person else {}
            table.add_row(
                summary.identifier,
                summary.participant or "—",
                summary.kind.value,
                str(summary.turns),
                str(summary.words),
                *(format_value(attributes.get(name), kind) for name, kind in types.items()),
                key=summary.identifier,
            )
        summary_line = f"{len(summaries)} documents · {len(people)} participants"
        if not summaries:
            summary_line += " — empty project: `workbench import FILE…` or `workbench init --bundled`"
        self.query_one("#summary", Static).update(summary_line)
        table.focus()

    def action_open_document(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        if not self.app.coder:
            self.notify("Say who is coding first.", severity="warning")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.app.push_screen(CodingScreen(self.project, str(row_key.value), self.app.coder))
