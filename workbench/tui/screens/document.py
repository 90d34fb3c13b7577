"""A read-only view of one document, turn by turn."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench.domain.documents import ParsedDocument, SpeakerRole
from workbench.storage.project import Project
from workbench.storage.queries import load_document


class TurnView(Static):
    """One speaker turn; its role sets its style (see app.tcss)."""

    def __init__(self, document: ParsedDocument, position: int) -> None:
        turn = document.turns[position]
        label = Text(f"{turn.label or turn.speaker or '…'} ", style="bold")
        super().__init__(label + Text(turn.speech(document.text)), classes=f"turn -{turn.role.value}")


class DocumentScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="back"),
        Binding("j,down", "scroll_turns(1)", "Down", id="scroll-down", show=False),
        Binding("k,up", "scroll_turns(-1)", "Up", id="scroll-up", show=False),
        Binding("q", "app.quit", "Quit", id="quit-document"),
    ]

    def __init__(self, project: Project, identifier: str) -> None:
        super().__init__()
        self.project = project
        self.identifier = identifier
        with project.session() as session:
            self.document = load_document(session, identifier)

    def compose(self) -> ComposeResult:
        yield Header()
        counts = {role: sum(turn.role is role for turn in self.document.turns) for role in SpeakerRole}
        yield Static(
            f"{self.document.identifier} · {self.document.title} · {self.document.kind.value} · "
            f"{len(self.document.turns)} turns (interviewer {counts[SpeakerRole.INTERVIEWER]}, "
            f"participant {counts[SpeakerRole.PARTICIPANT]}, other {counts[SpeakerRole.OTHER]})",
            id="document-title",
        )
        with VerticalScroll(id="turns"):
            for position in range(len(self.document.turns)):
                yield TurnView(self.document, position)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.document.identifier
        self.query_one("#turns").focus()

    def action_scroll_turns(self, step: int) -> None:
        self.query_one("#turns", VerticalScroll).scroll_relative(y=step * 3, animate=False)
