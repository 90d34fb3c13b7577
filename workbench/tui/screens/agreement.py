"""Agreement and review: how far two coders agree, and settling their disagreements.

:class:`AgreementScreen` shows the agreement per code and per document at the unit, character or
document level, codes rolled up to any depth; :class:`ReviewScreen` walks through the units where
the coders differ, shows both sides with the unit's text, and records each decision as codings of
the ``consensus`` coder. Only the documents revealed to the coder at the keyboard are compared
(blind double coding). Comparisons run in a worker thread: the screen stays responsive on large
projects.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from workbench.domain.errors import InputError, WorkbenchError
from workbench.services.agreement.comparison import MIN_COVER, Comparison, load_comparison
from workbench.services.agreement.disagreements import Disagreement, find_disagreements, resolve_unit
from workbench.services.agreement.reports import (
    LEVELS,
    STATISTIC_SYMBOLS,
    AgreementReport,
    Result,
    figure_text,
    report_at_level,
)
from workbench.services.coding.codings import revealed_documents
from workbench.services.projects import Project, load_codebooks
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import KeyHelp, key_rows
from workbench.tui.widgets.table_filling import fill_table

MAXIMUM_DEPTH = 4
LABEL_WIDTH = 40
KEEP_WORDS = {"a": "{a}'s codes", "b": "{b}'s codes", "both": "both coders' codes", "neither": "only the codes they share"}


def blind_comparison(project: Project, coders: tuple[str, str], *, depth: int | None = None, with_units: bool = True) -> Comparison:
    """The two coders' codings on the documents where the first may see the second's: a coder
    never sees another's codings through agreement figures before the document is revealed."""
    documents = revealed_documents(project, *coders)
    if not documents:
        raise InputError(
            f"no document that {coders[0]} and {coders[1]} both coded is revealed to {coders[0]} yet",
            hint="in a document, mark it done (d) once both coders have, or reveal it (r)",
        )
    return load_comparison(project, coders, documents, depth=depth, with_units=with_units)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def code_labels(project: Project) -> dict[int, str]:
    """Each code as a table names it: its number and name (``II.B.2 Délégation…``), shortened."""
    labels = {}
    for stored in load_codebooks(project, every=True):
        numbers = stored.numbers()
        for code in stored.tree.walk():
            label = f"{numbers[code.id] or '•'} {code.name}"
            labels[code.id] = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
    return labels


def result_cells(result: Result) -> list[str]:
    counts = result.counts
    cells = [str(value) for value in (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total)]
    return cells + [figure_text(name, figure) for name, figure in result.statistics.items()]


class AgreementScreen(Localised, Screen[None]):
    """The agreement of two coders per code and per document."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("l", "next_level", "Level", id="level"),
        Binding("plus,equals_sign", "depth(1)", "Depth +", id="depth-up"),
        Binding("minus", "depth(-1)", "Depth −", id="depth-down"),
        Binding("v", "review", "Review disagreements", id="review"),
        Binding("g", "compute", "Refresh", id="refresh-agreement"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coders: tuple[str, str]) -> None:
        super().__init__()
        self.project, self.coders = project, coders
        self.level = "unit"
        self.depth: int | None = None
        self.reviewing = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="agreement-title")
        yield LoadingIndicator(id="agreement-loading")
        yield DataTable(id="agreement-codes", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="agreement-documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{self.coders[0]} vs {self.coders[1]}"
        self.action_compute()

    def describe(self) -> str:
        depth = text("codes at depth {depth}", depth=self.depth) if self.depth else text("codes as coded")
        cover = text(" · a unit is coded when ≥ {share} of it is covered", share=f"{MIN_COVER:.0%}") if self.level == "unit" else ""
        return text("{a} (A) vs {b} (B) · {level} level · {depth}{cover}", a=self.coders[0], b=self.coders[1], level=text(self.level), depth=depth, cover=cover)

    def action_compute(self) -> None:
        self.query_one("#agreement-loading").display = True
        self.query_one("#agreement-title", Static).update(f"{self.describe()} — {text('computing…')}")
        self.compute(self.level, self.depth)

    @work(thread=True, exclusive=True, group="agreement")
    def compute(self, level: str, depth: int | None) -> None:
        try:
            comparison = blind_comparison(self.project, self.coders, depth=depth, with_units=level == "unit")
            report = report_at_level(comparison, level)
            documents = {
                document.identifier: report_at_level(replace(comparison, documents=[document]), level).pooled
                for document in comparison.documents
            }
            labels = code_labels(self.project)
        except WorkbenchError as error:
            self.app.call_from_thread(self.show_error, error.one_line())
            return
        self.app.call_from_thread(self.show, comparison, report, documents, labels)

    def show_error(self, message: str) -> None:
        self.query_one("#agreement-loading").display = False
        self.query_one("#agreement-title", Static).update(Text(f"{self.describe()}\n{message}", style="bold red"))
        for table in self.query(DataTable):
            table.clear(columns=True)

    def show(self, comparison: Comparison, report: AgreementReport, documents: dict[str, Result], labels: dict[int, str]) -> None:
        self.query_one("#agreement-loading").display = False
        counted = {"unit": "units", "character": "characters", "document": "documents"}[report.level]
        title = f"{self.describe()}\n" + text("{compared} {counted} in {documents}", compared=f"{report.compared:,}", counted=text(counted), documents=plural(len(comparison.documents), text("document")))
        if comparison.left_out:
            title += text(" · left out (one coder only): {documents}", documents=", ".join(comparison.left_out))
        self.query_one("#agreement-title", Static).update(title)
        symbols = [text(STATISTIC_SYMBOLS[name]) for name in report.pooled.statistics]
        counts = [text(name) for name in ("both", "A only", "B only", "neither", "n")]
        codes = self.query_one("#agreement-codes", DataTable)
        code_rows = [[labels.get(entry.code, comparison.codes[entry.code]), *result_cells(entry.result)] for entry in report.codes]
        fill_table(codes, [text("code"), *counts, *symbols], [*code_rows, [Text(text("pooled"), style="bold"), *result_cells(report.pooled)]])
        codes.focus()
        document_rows = [[identifier, *result_cells(result)] for identifier, result in documents.items()]
        fill_table(self.query_one("#agreement-documents", DataTable), [text("document"), *counts, *symbols], document_rows)

    def action_next_level(self) -> None:
        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]
        self.action_compute()

    def action_depth(self, step: int) -> None:
        depth = (self.depth or MAXIMUM_DEPTH + 1) + step
        self.depth = None if depth > MAXIMUM_DEPTH else max(1, depth)
        self.action_compute()

    def action_review(self) -> None:
        self.reviewing = True
        self.app.push_screen(ReviewScreen(self.project, self.coders))

    def on_screen_resume(self) -> None:
        """Back from the review: the consensus may have changed the figures' context."""
        if self.reviewing:
            self.reviewing = False
            self.action_compute()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("up / down", "Move in a table"), ("tab", "Next table"))))


class ReviewScreen(Localised, Screen[None]):
    """Each unit where the coders differ, both sides with its text; a key settles it."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("j,right,down", "move(1)", "Next", id="next-disagreement"),
        Binding("k,left,up", "move(-1)", "Previous", id="previous-disagreement"),
        Binding("a", "keep('a')", "Keep A's", id="keep-a"),
        Binding("b", "keep('b')", "Keep B's", id="keep-b"),
        Binding("o", "keep('both')", "Keep both", id="keep-both"),
        Binding("n", "keep('neither')", "Keep neither", id="keep-neither"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coders: tuple[str, str]) -> None:
        super().__init__()
        self.project, self.coders = project, coders
        self.comparison: Comparison | None = None
        self.disagreements: list[Disagreement] = []
        self.decisions: dict[int, str] = {}
        """What was kept, by disagreement index, for those settled on this screen."""
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-position")
        yield Static(id="review-text")
        with Horizontal(id="review-sides"):
            yield Static(id="review-a", classes="side")
            yield Static(id="review-b", classes="side")
        yield Static(id="review-decision")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Disagreements: {self.coders[0]} vs {self.coders[1]}"
        self.query_one("#review-position", Static).update(text("Finding the disagreements…"))
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        try:
            comparison = blind_comparison(self.project, self.coders)
            disagreements = find_disagreements(comparison)
        except WorkbenchError as error:
            self.app.call_from_thread(self.query_one("#review-position", Static).update, Text(error.one_line(), style="bold red"))
            return
        self.app.call_from_thread(self.loaded, comparison, disagreements)

    def loaded(self, comparison: Comparison, disagreements: list[Disagreement]) -> None:
        self.comparison, self.disagreements = comparison, disagreements
        self.show()

    @property
    def current(self) -> Disagreement | None:
        return self.disagreements[self.index] if self.disagreements else None

    def show(self) -> None:
        disagreement, comparison = self.current, self.comparison
        if disagreement is None or comparison is None:
            self.query_one("#review-position", Static).update(text("No disagreement: the two coders applied the same codes to every unit."))
            return
        unit = disagreement.unit
        settled = len(self.decisions)
        self.query_one("#review-position", Static).update(
            text(
                "Disagreement {number} of {total} ({settled} settled here) · {document} unit {position} ({start}–{end})",
                number=self.index + 1, total=len(self.disagreements), settled=settled, document=unit.document,
                position=unit.position, start=unit.start, end=unit.end,
            )  # fmt: skip
        )
        self.query_one("#review-text", Static).update(unit.text)
        for side, widget in enumerate(("#review-a", "#review-b")):
            codes, only = disagreement.codes[side], (disagreement.a_only, disagreement.b_only)[side]
            listed = Text(f"{'AB'[side]} · {self.coders[side]}\n", style="bold")
            for code in sorted(codes, key=lambda code: comparison.codes.get(code, "")):
                listed.append(f"{'+ ' if code in only else '  '}{comparison.codes.get(code, code)}\n", style="bold" if code in only else "dim")
            if not codes:
                listed.append(text("(no code)"), style="dim")
            self.query_one(widget, Static).update(listed)
        decision = self.decisions.get(self.index)
        words = text(KEEP_WORDS[decision], a=self.coders[0], b=self.coders[1]) if decision else None
        self.query_one("#review-decision", Static).update(
            text("Settled: the consensus keeps {words}.", words=words) if words else text("a: keep A's · b: keep B's · o: both · n: neither (the shared codes stay)")
        )

    def action_move(self, step: int) -> None:
        if self.disagreements:
            self.index = max(0, min(len(self.disagreements) - 1, self.index + step))
            self.show()

    def action_keep(self, keep: str) -> None:
        disagreement = self.current
        if disagreement is None:
            return
        unit = disagreement.unit
        try:
            resolution = resolve_unit(self.project, self.coders, unit.document, unit.position, keep, actor=self.app.coder or "consensus")
        except WorkbenchError as error:
            self.notify(error.one_line(), severity="error")
            return
        self.decisions[self.index] = keep
        kept = ", ".join(resolution.codes.values()) or "no code"
        self.notify(f"{unit.document} unit {unit.position}: consensus holds {kept}")
        if self.index < len(self.disagreements) - 1:
            self.index += 1
        self.show()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS)))
