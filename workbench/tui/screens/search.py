"""The search screen: words in the participants' speech by form, lemma or word family, each hit
with its context; Enter codes the hit's unit of meaning, ``A`` codes every hit at once.

Lemma and family searches load spaCy's French model (seconds): the search runs in a worker while
a loading indicator turns. Hits are listed :data:`HITS_AT_ONCE` or so at a time, the next ones read
as the highlight nears the end of the list (and all of them before coding every hit).
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, LoadingIndicator, OptionList, Select, Static
from textual.widgets.option_list import Option

from workbench.domain.corpus_search import Match
from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, counted
from workbench.services.analysis.search import Hit, search_pages
from workbench.services.analysis.search_coding import code_hits, hit_codebooks
from workbench.services.projects import Project
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import CodeFinder, KeyHelp, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar

HITS_AT_ONCE = 100
DOCUMENTS_AT_ONCE = 20
"""Documents a page of hits is read from (a page can hold more than :data:`HITS_AT_ONCE` hits)."""
NEAR_THE_END = 10
"""Hits left below the highlight when the next ones are read."""
MATCHES = [(N_("words as typed"), Match.FORM), (N_("every form (lemmas)"), Match.LEMMA), (N_("the word family"), Match.FAMILY)]


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
        self.pages: Iterator[list[Hit]] | None = None
        """The search's hits not read yet; ``None`` once every hit is listed."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=text("Words to find, e.g. déléguer — Enter searches"), id="search-query")
        yield Select([(text(label), match) for label, match in MATCHES], value=Match.FORM, allow_blank=False, id="search-match")
        yield Static(id="search-summary")
        yield LoadingIndicator(id="search-loading")
        yield OptionList(id="search-hits")
        yield KeyBar()

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
        pages = search_pages(self.project, query, match=match, page_documents=DOCUMENTS_AT_ONCE)
        try:
            hits, more = read_hits(pages, HITS_AT_ONCE)
        except WorkbenchError as error:
            self.app.call_from_thread(self.show, [], None, error.one_line())
            return
        self.app.call_from_thread(lambda: self.show(hits, pages if more else None, self.summary(len(hits), more)))

    def summary(self, count: int, more: bool) -> str:
        hits = counted(count, "{count} hit", "{count} hits")
        return text("{hits} so far: more as you go down the list", hits=hits) if more else hits

    def show(self, hits: list[Hit], pages: Iterator[list[Hit]] | None, summary: str) -> None:
        self.hits, self.pages = hits, pages
        self.query_one("#search-loading").display = False
        self.query_one("#search-summary", Static).update(safe_text(summary))
        listed = self.query_one("#search-hits", OptionList)
        listed.clear_options()
        listed.add_options(hit_option(hit) for hit in hits)
        if hits:
            listed.highlighted = 0
            listed.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.pages is not None and event.option_index >= len(self.hits) - NEAR_THE_END:
            self.read_more(self.pages, HITS_AT_ONCE)

    @work(thread=True, exclusive=True, group="search-more")
    def read_more(self, pages: Iterator[list[Hit]], count: int | None, *, code_all: bool = False) -> None:
        """Read ``count`` more hits (``None``: all), then, with ``code_all``, code every hit."""
        try:
            hits, more = read_hits(pages, count)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, error.one_line(), severity="error")
            return
        self.app.call_from_thread(self.add_hits, pages, hits, more, code_all)

    def add_hits(self, pages: Iterator[list[Hit]], hits: list[Hit], more: bool, code_all: bool) -> None:
        if pages is not self.pages:
            return
        self.hits += hits
        self.pages = pages if more else None
        self.query_one("#search-hits", OptionList).add_options(hit_option(hit) for hit in hits)
        self.query_one("#search-summary", Static).update(safe_text(self.summary(len(self.hits), more)))
        if code_all:
            self.code(self.hits)

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
            written_text = counted(written, "{count} coding written", "{count} codings written")
            left_text = counted(left, " ({count} hit of another codebook left)", " ({count} hits of another codebook left)")
            self.notify(written_text + (left_text if left else ""))

        self.app.push_screen(CodeFinder(codes), apply)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.code([self.hits[event.option_index]])

    def action_code_all(self) -> None:
        if self.pages is not None:
            self.read_more(self.pages, None, code_all=True)
        elif self.hits:
            self.code(self.hits)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, (N_("Enter on a hit"), N_("Code its unit of meaning")), ("tab", N_("Next field")))))


def hit_option(hit: Hit) -> Option:
    return Option(safe_text(f"{hit.document} · {hit.context}"))


def read_hits(pages: Iterator[list[Hit]], count: int | None) -> tuple[list[Hit], bool]:
    """At least ``count`` hits (``None``: all) from ``pages``, and whether some may be left."""
    hits: list[Hit] = []
    for page in pages:
        hits += page
        if count is not None and len(hits) >= count:
            return hits, True
    return hits, False
