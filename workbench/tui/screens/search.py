"""The search screen: words in the participants' speech by form, lemma or word family, each hit
with its context; Enter codes the hit's unit of meaning, ``A`` codes every hit at once.

Lemma and family searches load spaCy's French model (seconds): the search runs in a worker while
a loading indicator turns.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, LoadingIndicator, OptionList, Select, Static
from textual.widgets.option_list import Option

from workbench.domain.corpus_search import Match
from workbench.domain.errors import WorkbenchError
from workbench.services.analysis.search import Hit, code_hits, hit_codebooks, search
from workbench.services.projects import Project
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import CodeFinder, KeyHelp, key_rows
from workbench.tui.shown import safe_text

MATCHES = [("words as typed", Match.FORM), ("every form (lemmas)", Match.LEMMA), ("the word family", Match.FAMILY)]


class SearchScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("ctrl+a", "code_all", "Code all hits", id="code-all"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project, self.coder = project, coder
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=text("Words to find, e.g. déléguer — Enter searches"), id="search-query")
        yield Select([(text(label), match) for label, match in MATCHES], value=Match.FORM, allow_blank=False, id="search-match")
        yield Static(id="search-summary")
        yield LoadingIndicator(id="search-loading")
        yield OptionList(id="search-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.title = text("Search")
        self.query_one("#search-loading").display = False
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#search-loading").display = True
        self.query_one("#search-summary", Static).update(text("Searching…"))
        self.run_search(event.value, self.query_one(Select).value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, match: Match) -> None:
        try:
            hits = search(self.project, query, match=match)
        except WorkbenchError as error:
            self.app.call_from_thread(self.show, [], error.one_line())
            return
        self.app.call_from_thread(lambda: self.show(hits, text("{count} hits", count=len(hits))))

    def show(self, hits: list[Hit], summary: str) -> None:
        self.hits = hits
        self.query_one("#search-loading").display = False
        self.query_one("#search-summary", Static).update(safe_text(summary))
        listed = self.query_one("#search-hits", OptionList)
        listed.clear_options()
        listed.add_options(Option(safe_text(f"{hit.document} · {hit.context}")) for hit in hits)
        if hits:
            listed.highlighted = 0
            listed.focus()

    def code(self, hits: list[Hit]) -> None:
        """Ask for a code of the first hit's codebook, then code the units of the hits coded with
        that codebook, in one transaction."""
        codebooks = hit_codebooks(self.project, hits)
        stored = codebooks[hits[0].document] if hits else None
        if stored is None:
            self.notify(text("This document has no codebook."), severity="warning")
            return
        same = [hit for hit in hits if codebooks[hit.document] is stored]
        codes = [(code.id, stored.tree.path_text(code.id)) for code in stored.tree.walk()]

        def apply(code: int | None) -> None:
            if code is None:
                return
            try:
                written = code_hits(self.project, same, code, coder=self.coder, codebook=stored.id)
            except WorkbenchError as error:
                self.notify(error.one_line(), severity="error")
                return
            left = len(hits) - len(same)
            self.notify(text("{written} codings written", written=written) + (text(" ({left} hits of another codebook left)", left=left) if left else ""))

        self.app.push_screen(CodeFinder(codes), apply)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.code([self.hits[event.option_index]])

    def action_code_all(self) -> None:
        if self.hits:
            self.code(self.hits)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("Enter on a hit", "Code its unit of meaning"), ("tab", "Next field"))))
