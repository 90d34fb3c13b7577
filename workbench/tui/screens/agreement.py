"""Agreement and review: how far two coders agree, and settling their disagreements.

:class:`AgreementScreen` shows the agreement per code and per document at the unit, character or
document level, codes rolled up to any depth, units read under a unit rule (share, overlap or
segment); its heading names the level and rule of every figure, the codings no unit counts, and
whether the pooled figures are dominated by joint absences. :class:`ReviewScreen` walks through the
units where the coders differ, opening on the first one not yet settled; it shows both sides with
every coding touching the unit (marked when the rule does not count it there), how a settled one
was settled, by whom and when, and records each decision (or a changed one) as codings of the
``consensus`` coder. Only the documents revealed to the coder at the keyboard are compared (blind
double coding). Comparisons run in a worker thread: the screen stays responsive on large projects;
the per-document table is computed and shown a page of documents at a time
(:data:`~workbench.tui.screens.agreement_figures.PAGE`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, LoadingIndicator, Static

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, counted, format_number, format_share
from workbench.domain.text import shortened
from workbench.services.agreement.comparison import DEFAULT_RULE, UNIT_RULES, Comparison, UnitRule, unit_rule
from workbench.services.agreement.disagreements import (
    Disagreement,
    Settlement,
    find_disagreements,
    resolve_unit,
    with_settlements,
)
from workbench.services.agreement.reports import LEVELS, AgreementReport, Result, report_at_level
from workbench.services.agreement.wording import STATISTIC_SYMBOLS, compared_count
from workbench.services.projects import Project
from workbench.tui.language import Localised, text
from workbench.tui.screens.agreement_figures import (
    LABEL_WIDTH,
    blind_comparison,
    code_labels,
    document_results,
    loose_text,
    page_count,
    page_of,
    pooled_text,
    result_cells,
    rule_text,
    table_statistics,
)
from workbench.tui.screens.coding_view import moment_text
from workbench.tui.screens.dialogs import KeyHelp, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.table_filling import fill_table

MAXIMUM_DEPTH = 4
FIGURES_WIDTH = 45
"""Columns the statistics take after a code's label (with room for ``n``): the label is shortened
to keep them on screen at 80 columns."""
KEEP_WORDS = {"a": N_("{a}'s codes"), "b": N_("{b}'s codes"), "both": N_("both coders' codes"), "neither": N_("only the codes they share")}


@dataclass(frozen=True)
class Shown:
    """The comparison the agreement screen shows, its report, level and rule: what a page of the
    per-document table is computed from."""

    comparison: Comparison
    report: AgreementReport
    level: str
    rule: UnitRule


class AgreementScreen(Localised, Screen[None]):
    """The agreement of two coders per code and per document."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("l", "next_level", "Level", id="level"),
        Binding("u", "next_rule", "Unit rule", id="unit-rule"),
        Binding("plus,equals_sign", "depth(1)", "Depth +", id="depth-up"),
        Binding("minus", "depth(-1)", "Depth −", id="depth-down"),
        Binding("v", "review", "Review disagreements", id="review"),
        Binding("g", "compute", "Refresh", id="refresh-agreement"),
        Binding("right_square_bracket", "page(1)", "Next page", id="next-page", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", id="previous-page", show=False),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coders: tuple[str, str]) -> None:
        super().__init__()
        self.project, self.coders = project, coders
        self.level = "unit"
        self.rule = DEFAULT_RULE
        self.depth: int | None = None
        self.reviewing = False
        self.page = 0
        self.shown: Shown | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="agreement-title")
        yield LoadingIndicator(id="agreement-loading")
        yield DataTable(id="agreement-codes", cursor_type="row", zebra_stripes=True)
        pages = Static(id="agreement-pages")
        pages.display = False
        yield pages
        yield DataTable(id="agreement-documents", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("{a} vs {b}", a=self.coders[0], b=self.coders[1])
        self.action_compute()

    def describe(self) -> str:
        depth = text("codes at depth {depth}", depth=self.depth) if self.depth else text("codes as coded")
        rule = f" · {rule_text(self.rule)}" if self.level == "unit" else ""
        return text("{a} (A) vs {b} (B) · {level} level · {depth}{rule}", a=self.coders[0], b=self.coders[1], level=text(self.level), depth=depth, rule=rule)

    def action_compute(self) -> None:
        self.query_one("#agreement-loading").display = True
        self.query_one("#agreement-title", Static).update(safe_text(self.describe() + " — " + text("computing…")))
        self.compute(self.level, self.depth, self.rule, self.page)

    @work(thread=True, exclusive=True, group="agreement")
    def compute(self, level: str, depth: int | None, rule: UnitRule, page: int) -> None:
        try:
            with_units = level == "unit" and rule.on_units
            comparison = blind_comparison(self.project, self.coders, depth=depth, with_units=with_units)
            report = report_at_level(comparison, level, rule)
            page = min(page, page_count(comparison.documents) - 1)
            documents = document_results(comparison, level, rule, page_of(comparison.documents, page))
            labels = code_labels(self.project, width=None)
        except WorkbenchError as error:
            self.app.call_from_thread(self.show_error, error.one_line())
            return
        self.app.call_from_thread(self.show, Shown(comparison, report, level, rule), documents, labels, page)

    def show_error(self, message: str) -> None:
        self.query_one("#agreement-loading").display = False
        self.query_one("#agreement-title", Static).update(safe_text(Text(f"{self.describe()}\n{message}", style="bold red")))
        self.shown = None
        self.query_one("#agreement-pages").display = False
        for table in self.query(DataTable):
            table.clear(columns=True)

    def show(self, shown: Shown, documents: dict[str, Result], labels: dict[int, str], page: int) -> None:
        self.query_one("#agreement-loading").display = False
        self.shown, self.page = shown, page
        comparison, report = shown.comparison, shown.report
        compared = compared_count(report.compared_kind, report.compared)
        title = f"{self.describe()}\n" + text("{compared} in {documents}", compared=compared, documents=compared_count("documents", len(comparison.documents)))
        if comparison.left_out:
            title += text(" · left out (one coder only): {documents}", documents=", ".join(comparison.left_out))
        heading = Text(title + loose_text(report) + "\n")
        heading.append(pooled_text(report), style="bold" if report.joint_absences.dominated else "")
        self.query_one("#agreement-title", Static).update(safe_text(heading))
        names = table_statistics(report)
        codes = self.query_one("#agreement-codes", DataTable)
        width = max(16, min(LABEL_WIDTH, self.size.width - FIGURES_WIDTH))
        code_rows = [[shortened(labels.get(entry.code, comparison.codes[entry.code]), width), *result_cells(entry.result, names)] for entry in report.codes]
        fill_table(codes, [text("code"), *self.columns(names)], [*code_rows, [Text(text("pooled"), style="bold"), *result_cells(report.pooled, names)]])
        codes.focus()
        self.show_documents(shown, documents)

    def columns(self, names: list[str]) -> list[str]:
        """The statistics' columns, then the counts'."""
        counts = (N_("both"), N_("A only"), N_("B only"), N_("neither"), "n")
        return [*(text(STATISTIC_SYMBOLS[name]) for name in names), *(text(name) for name in counts)]

    def show_documents(self, shown: Shown, documents: dict[str, Result]) -> None:
        """The per-document table: ``documents``, the page :attr:`page`; which page, when there are several."""
        names = table_statistics(shown.report)
        document_rows = [[identifier, *result_cells(result, names)] for identifier, result in documents.items()]
        fill_table(self.query_one("#agreement-documents", DataTable), [text("document"), *self.columns(names)], document_rows)
        compared = shown.comparison.documents
        pages = self.query_one("#agreement-pages", Static)
        pages.display = page_count(compared) > 1
        pages.update(safe_text(compared_count("documents", len(compared)) + text(" · page {page} of {pages} ([ and ] turn it)", page=self.page + 1, pages=page_count(compared))))

    def action_page(self, step: int) -> None:
        """The next (or previous) page of the per-document table, computed in a worker thread."""
        if self.shown is None:
            return
        page = max(0, min(page_count(self.shown.comparison.documents) - 1, self.page + step))
        if page != self.page:
            self.page = page
            self.turn_page(self.shown, page)

    @work(thread=True, exclusive=True, group="agreement-page")
    def turn_page(self, shown: Shown, page: int) -> None:
        documents = document_results(shown.comparison, shown.level, shown.rule, page_of(shown.comparison.documents, page))
        self.app.call_from_thread(self.turned, shown, documents, page)

    def turned(self, shown: Shown, documents: dict[str, Result], page: int) -> None:
        """A page computed: shown unless the tables or the page have changed meanwhile."""
        if shown is self.shown and page == self.page:
            self.show_documents(shown, documents)

    def action_next_level(self) -> None:
        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]
        self.action_compute()

    def action_next_rule(self) -> None:
        """The next unit rule (share, overlap, segment), at the unit level."""
        self.rule = unit_rule(UNIT_RULES[(UNIT_RULES.index(self.rule.name) + 1) % len(UNIT_RULES)])
        self.level = "unit"
        self.action_compute()

    def action_depth(self, step: int) -> None:
        """Roll the codes up to their ancestors at a depth (−), or back down (+); at either end, say why nothing changes."""
        if step > 0 and self.depth is None:
            self.notify(text("The codes are already as coded, the finest there is: − rolls them up to depth {depth}", depth=MAXIMUM_DEPTH))
            return
        if step < 0 and self.depth == 1:
            self.notify(text("The codes are already rolled up to depth 1, the themes: + shows them finer"))
            return
        depth = (self.depth or MAXIMUM_DEPTH + 1) + step
        self.depth = None if depth > MAXIMUM_DEPTH else max(1, depth)
        self.action_compute()

    def action_review(self) -> None:
        self.reviewing = True
        self.app.push_screen(ReviewScreen(self.project, self.coders, self.rule if self.rule.on_units else DEFAULT_RULE))

    def on_screen_resume(self) -> None:
        """Back from the review: the consensus may have changed the figures' context."""
        if self.reviewing:
            self.reviewing = False
            self.action_compute()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("up / down", N_("Move in a table")), ("tab", N_("Next table")))))


class ReviewScreen(Localised, Screen[None]):
    """Each unit where the coders differ, both sides with its text; a key settles it (again)."""

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

    def __init__(self, project: Project, coders: tuple[str, str], rule: UnitRule = DEFAULT_RULE) -> None:
        super().__init__()
        self.project, self.coders, self.rule = project, coders, rule
        self.comparison: Comparison | None = None
        self.disagreements: list[Disagreement] = []
        self.labels: dict[int, str] = {}
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-position")
        yield Static(id="review-text")
        with Horizontal(id="review-sides"):
            yield Static(id="review-a", classes="side")
            yield Static(id="review-b", classes="side")
        yield Static(id="review-decision")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("Disagreements: {a} vs {b}", a=self.coders[0], b=self.coders[1])
        self.query_one("#review-position", Static).update(text("Finding the disagreements…"))
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        try:
            comparison = blind_comparison(self.project, self.coders)
            disagreements = with_settlements(self.project, comparison, find_disagreements(comparison, self.rule))
            labels = code_labels(self.project, width=None)
        except WorkbenchError as error:
            self.app.call_from_thread(self.query_one("#review-position", Static).update, safe_text(Text(error.one_line(), style="bold red")))
            return
        self.app.call_from_thread(self.loaded, comparison, disagreements, labels)

    def loaded(self, comparison: Comparison, disagreements: list[Disagreement], labels: dict[int, str]) -> None:
        """Open on the first disagreement not yet settled (the first one when all are)."""
        self.comparison, self.disagreements, self.labels = comparison, disagreements, labels
        self.index = next((index for index, disagreement in enumerate(disagreements) if not disagreement.settled), 0)
        self.show()

    @property
    def current(self) -> Disagreement | None:
        return self.disagreements[self.index] if self.disagreements else None

    @property
    def settled(self) -> int:
        return sum(disagreement.settled for disagreement in self.disagreements)

    def show(self) -> None:
        disagreement, comparison = self.current, self.comparison
        if disagreement is None or comparison is None:
            self.query_one("#review-position", Static).update(text("No disagreement: the two coders applied the same codes to every unit."))
            return
        unit = disagreement.unit
        settled = counted(self.settled, "{count} settled", "{count} settled")
        position = text(
            "Disagreement {number} of {total} ({settled}) · {document} unit {position} ({start}–{end})",
            number=format_number(self.index + 1), total=format_number(len(self.disagreements)), document=unit.document, settled=settled,
            position=unit.position, start=unit.start, end=unit.end,
        )  # fmt: skip
        if self.settled == len(self.disagreements):
            position += text(" · all settled")
        self.query_one("#review-position", Static).update(safe_text(position))
        self.query_one("#review-text", Static).update(safe_text(unit.text))
        for side, widget in enumerate(("#review-a", "#review-b")):
            self.query_one(widget, Static).update(safe_text(self.side_text(comparison, disagreement, side)))
        self.query_one("#review-decision", Static).update(safe_text(self.decision_text(disagreement.settlement)))

    def side_text(self, comparison: Comparison, disagreement: Disagreement, side: int) -> Text:
        """The codes the rule counts on the unit (+ where the other coder lacks them), then the codes
        whose codings touch the unit without being counted there, each with the share it covers."""
        codes, only, cover = disagreement.codes[side], (disagreement.a_only, disagreement.b_only)[side], disagreement.cover[side]
        minimum = self.rule.min_cover
        listed = Text(f"{'AB'[side]} · {self.coders[side]}\n", style="bold")
        for code in sorted(codes | set(cover), key=lambda code: comparison.codes.get(code, "")):
            path, share = self.labels.get(code) or comparison.codes.get(code, str(code)), cover.get(code, 0.0)
            if code not in codes:
                note = text("partial: {share} of the unit, under the {minimum} share", share=format_share(share, digits=0), minimum=format_share(minimum, digits=None)) if minimum is not None else ""
                listed.append(f"~ {path} ({note})\n", style="italic")
                continue
            listed.append(f"{'+ ' if code in only else '  '}{path}", style="bold" if code in only else "dim")
            if minimum is not None and share < minimum:
                listed.append(" (" + text("partial: {share} of the unit, counted here, the unit its coding covers most", share=format_share(share, digits=0)) + ")", style="italic")
            listed.append("\n")
        if not codes and not cover:
            listed.append(text("(no code)"), style="dim")
        return listed

    def decision_text(self, settlement: Settlement | None) -> Text:
        if settlement is None:
            return Text(text("a: keep A's · b: keep B's · o: both · n: neither (the shared codes stay)"))
        holds = ", ".join(self.labels.get(code, path) for code, path in settlement.codes.items()) or text("no code")
        when = moment_text(settlement.at) if settlement.at else "?"
        if settlement.keep:
            words = text(KEEP_WORDS[settlement.keep], a=self.coders[0], b=self.coders[1])
            line = text("Settled by {actor} on {moment}: the consensus kept {words}; it holds: {codes}.", actor=settlement.actor, moment=when, words=words, codes=holds)
        else:
            line = text("Settled: the consensus holds: {codes} (coded on {moment}, no decision logged).", codes=holds, moment=when)
        if settlement.coders and set(settlement.coders) != set(self.coders):
            line += " " + text("(settled comparing {coders})", coders=" / ".join(settlement.coders))
        return Text(line + " " + text("a · b · o · n change the decision."), style="green")

    def action_move(self, step: int) -> None:
        if self.disagreements:
            self.index = max(0, min(len(self.disagreements) - 1, self.index + step))
            self.show()

    def action_keep(self, keep: str) -> None:
        """Settle the unit shown (or change its decision), then go to the next one not settled."""
        disagreement, comparison = self.current, self.comparison
        if disagreement is None or comparison is None:
            return
        unit = disagreement.unit
        try:
            resolution = resolve_unit(self.project, self.coders, unit.document, unit.position, keep, actor=self.app.coder or "consensus", rule=self.rule)
            (self.disagreements[self.index],) = with_settlements(self.project, comparison, [disagreement])
        except WorkbenchError as error:
            self.notify(error.one_line(), severity="error")
            return
        kept = ", ".join(self.labels.get(code, path) for code, path in resolution.codes.items()) or text("no code")
        self.notify(text("{document} unit {position}: the consensus holds {codes}", document=unit.document, position=unit.position, codes=kept))
        following = [index for index in range(self.index + 1, len(self.disagreements)) if not self.disagreements[index].settled]
        if following:
            self.index = following[0]
        self.show()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS)))
