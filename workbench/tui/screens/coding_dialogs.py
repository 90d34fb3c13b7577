"""The coding screen's actions that ask the coder something first: a code to find, an in-vivo
code's name and place, a span of text, a memo, the confirmation before the others' codings are
revealed.

:class:`CodingDialogs` is mixed into :class:`~workbench.tui.screens.coding.CodingScreen`, which
holds the key bindings and the workspace; every answer goes through the screen's ``apply`` or
``attempt``, so it is committed at once.
"""

from __future__ import annotations

from workbench.services.coding.codings import reveal
from workbench.services.coding.memos import write_memo
from workbench.services.coding.workspace import IN_VIVO, Workspace, add_memo, in_vivo_code
from workbench.services.projects import Project
from workbench.tui.language import text
from workbench.tui.screens.dialogs import CodeFinder, Confirm, MemoEditor, Prompt
from workbench.tui.screens.span import ChosenSpan, SpanSelector

IN_VIVO_GROUP = 0
"""In the list of places for an in-vivo code, the default group (no code has id 0)."""


class CodingDialogs:
    """The dialogs of :class:`~workbench.tui.screens.coding.CodingScreen` (its attributes below)."""

    project: Project
    identifier: str
    coder: str
    workspace: Workspace

    def action_find_code(self, span: tuple[int, int] | None = None) -> None:
        stored = self.workspace.codebook
        if stored is None:
            self.notify(text("This document has no codebook."), severity="warning")
            return
        codes = [(code.id, stored.tree.path_text(code.id)) for code in stored.tree.walk()]
        self.app.push_screen(CodeFinder(codes), lambda code: self.apply(code, span) if code is not None else None)

    def action_in_vivo(self) -> None:
        unit = self.current_unit
        if unit is not None:
            self.in_vivo((unit.start, unit.end))

    def in_vivo(self, span: tuple[int, int]) -> None:
        """Name a new code after the participant's words, choose where to file it, apply it to ``span``."""
        stored = self.workspace.codebook
        if stored is None:
            self.notify(text("This document has no codebook."), severity="warning")
            return
        suggestion = " ".join(self.workspace.document.text[span[0] : span[1]].split()[:8])
        places = [(IN_VIVO_GROUP, text("{group} (the default group)", group=IN_VIVO))]
        places += [(code.id, stored.tree.path_text(code.id)) for code in stored.tree.walk() if code.name != IN_VIVO]

        def place(name: str | None) -> None:
            if name:
                self.app.push_screen(CodeFinder(places, text("File {name} under", name=repr(name))), lambda parent: create(name, parent))

        def create(name: str, parent: int | None) -> None:
            if parent is not None:
                self.attempt(in_vivo_code, self.project, self.workspace, span, name, parent or None, whole=True)

        self.app.push_screen(Prompt(text("In-vivo code: the participant's words as the code's name"), suggestion), place)

    def action_select_span(self) -> None:
        unit = self.current_unit
        if unit is None:
            return

        def chosen(span: ChosenSpan | None) -> None:
            if span is not None:
                (self.in_vivo if span.action == "in-vivo" else self.action_find_code)((span.start, span.end))

        self.app.push_screen(SpanSelector(self.workspace.document, unit), chosen)

    def action_memo(self) -> None:
        unit = self.current_unit
        if unit is None:
            return

        def save(memo: str | None) -> None:
            if memo is not None:
                self.attempt(lambda: add_memo(self.project, self.workspace, unit, memo) or text("memo saved"))

        turn = self.workspace.units_are_turns
        heading = text("Memo on speaker turn {position}", position=unit.position) if turn else text("Memo on unit {position}", position=unit.position)
        self.app.push_screen(MemoEditor(heading), save)

    def action_memo_on_coding(self) -> None:
        """A memo on your last coding of the unit (why this code here)."""
        coding = self.last_own_coding()
        if coding is None:
            return
        path = self.workspace.codebook.tree.path_text(coding.code) if self.workspace.code(coding.code) else str(coding.code)

        def save(memo: str | None) -> None:
            if memo is not None:
                self.attempt(lambda: write_memo(self.project, memo, coder=self.coder, about="coding", target=coding.id, title=path) and text("memo saved"))

        self.app.push_screen(MemoEditor(text("Memo on your coding {code}", code=repr(path))), save)

    def action_reveal(self) -> None:
        """Show the other coders' codings of the document, once the coder confirms: blind coding of
        the document ends for them, for good."""
        if self.workspace.revealed:
            self.notify(text("The other coders' codings of {document} are already shown.", document=self.identifier))
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.attempt(lambda: reveal(self.project, self.identifier, coder=self.coder) or text("the other coders' codings are shown"), whole=True)

        question = text(
            "Show the other coders' codings of {document}? Your blind coding of this document ends, and cannot be taken back.",
            document=self.identifier,
        )
        self.app.push_screen(Confirm(question, text("Show them"), text("Stay blind")), answer)
