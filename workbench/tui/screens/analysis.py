"""The analysis screen: data sufficiency as a bar chart in the terminal, and beside it either the
codes × a participant attribute (participants having each code, and their share) or the codes
applied together to one unit of meaning, as pairs, most frequent first (``o`` switches).

Both are computed in a worker (the codings of every document are read); the coder is the one at the
keyboard, or another chosen with ``c`` among those whose codings the one at the keyboard may all
read (blind coding, :mod:`workbench.services.coding.visibility`); ``t`` changes the attribute of the table.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, LoadingIndicator, Static

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import format_share, ngettext
from workbench.domain.participants import attribute_label
from workbench.domain.saturation import SaturationReport
from workbench.domain.text import shortened
from workbench.services.analysis.saturation import saturation
from workbench.services.coding.visibility import readable_coders
from workbench.services.projects import Project, attribute_types
from workbench.services.reports.frames import code_attribute_matrix, codings_table, cooccurrence_matrix
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import Choice, KeyHelp, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.table_filling import fill_table

BAR = "█"
BAR_WIDTH = 30
"""Columns of the longest bar."""
NAME_WIDTH = 40
"""Characters of a code's name in the tables."""


def saturation_chart(report: SaturationReport) -> Text:
    """One line per interview: its bar of new codes, their number, the cumulative count."""
    chart = Text()
    largest = max((len(step.new_codes) for step in report.steps), default=0) or 1
    for step in report.steps:
        new = len(step.new_codes)
        chart.append(f"{step.document:>6} ", style="bold" if step.document == report.last_new else "")
        chart.append(BAR * round(BAR_WIDTH * new / largest), style="blue")
        chart.append(f" {new}", style="bold")
        chart.append(f"  Σ {step.cumulative}\n", style="dim")
    if report.last_new:
        conclusion = ngettext("No new code after {document}, confirmed by {count} interview.", "No new code after {document}, confirmed by {count} interviews.", report.confirmed_by)
        chart.append(conclusion.format(document=report.last_new, count=report.confirmed_by))
    return chart


def short_name(path: str) -> str:
    """A code's own name, from its path, cut to fit a column."""
    name = path.split(" / ")[-1]
    return shortened(name, NAME_WIDTH)


def code_pairs(matrix) -> list[list[str]]:  # noqa: ANN001 - the co-occurrence DataFrame
    """Each pair of codes applied to one unit at least once, most frequent first, as the number of
    units and the two codes on two lines, each with the number of units having it (the matrix's
    diagonal) in brackets."""
    codes = list(matrix.index)
    pairs = [
        (int(matrix.iloc[first, second]), codes[first], codes[second])
        for first in range(len(codes))
        for second in range(first + 1, len(codes))
        if matrix.iloc[first, second]
    ]
    with_units = {code: f"{short_name(code)} ({int(matrix.loc[code, code])})" for code in codes}
    return [
        [str(together), f"{with_units[first]}\n+ {with_units[second]}"]
        for together, first, second in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2]))
    ]


class AnalysisScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("c", "choose_coder", "Coder", id="analysis-coder"),
        Binding("t", "choose_attribute", "Attribute", id="analysis-attribute"),
        Binding("o", "switch_table", "Co-occurrence", id="analysis-cooccurrence"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project, self.coder = project, coder
        self.attributes = list(attribute_types(project))
        self.attribute = "sex" if "sex" in self.attributes else (self.attributes[0] if self.attributes else None)
        self.cooccurrence = False
        """Whether the table shows the codes applied together rather than the attribute matrix."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="analysis-title")
        yield LoadingIndicator(id="analysis-loading")
        with Horizontal(id="analysis-area"):
            yield Static(id="saturation-chart")
            yield DataTable(id="attribute-matrix", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("Analysis")
        self.compute()

    def compute(self) -> None:
        self.query_one("#analysis-loading").display = True
        shown = text("codes applied together") if self.cooccurrence else text("attribute {attribute}", attribute=attribute_label(self.attribute) if self.attribute else "—")
        self.query_one("#analysis-title", Static).update(safe_text(f"{self.coder} · {shown}"))
        self.analyse(self.coder, self.app.coder, self.attribute, self.cooccurrence)

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self, coder: str, viewer: str | None, attribute: str | None, cooccurrence: bool) -> None:
        try:
            report = saturation(self.project, coder=coder, viewer=viewer)
        except WorkbenchError as error:
            self.app.call_from_thread(self.show_error, error.one_line())
            return
        try:
            codings = codings_table(self.project, coders=[coder], viewer=viewer)
            if cooccurrence:
                matrix = cooccurrence_matrix(self.project, codings)
            else:
                matrix = code_attribute_matrix(codings, attribute) if attribute else None
        except WorkbenchError as error:
            self.app.call_from_thread(self.show, report, None, error.one_line())
            return
        self.app.call_from_thread(self.show, report, matrix)

    def show_error(self, message: str) -> None:
        self.query_one("#analysis-loading").display = False
        self.query_one("#saturation-chart", Static).update(safe_text(Text(message, style="bold red")))

    def show(self, report: SaturationReport, matrix, problem: str | None = None) -> None:  # noqa: ANN001 - a pandas DataFrame or None
        self.query_one("#analysis-loading").display = False
        self.query_one("#saturation-chart", Static).update(safe_text(saturation_chart(report)))
        table = self.query_one("#attribute-matrix", DataTable)
        if problem is not None:
            fill_table(table, [text("codes applied together")], [[Text(problem, style="bold red")]])
        elif matrix is not None and self.cooccurrence:
            fill_table(table, [text("together"), text("codes (units)")], code_pairs(matrix), height=2)
        elif matrix is not None:
            rows = [
                [short_name(code), *(format_share(value, digits=0) if "%" in column else str(int(value)) for column, value in row.items())]
                for code, row in matrix.iterrows()
                if row.iloc[::2].sum()
            ]
            fill_table(table, [text("code"), *matrix.columns], rows)
        else:
            table.clear(columns=True)

    def action_choose_coder(self) -> None:
        coders = readable_coders(self.project, self.app.coder)

        def chosen(coder: str | None) -> None:
            if coder:
                self.coder = coder
                self.compute()

        self.app.push_screen(Choice(text("Whose coding?"), [(name, name) for name in coders]), chosen)

    def action_choose_attribute(self) -> None:
        def chosen(attribute: str | None) -> None:
            if attribute:
                self.attribute = attribute
                self.compute()

        self.app.push_screen(Choice(text("Which attribute?"), [(name, attribute_label(name)) for name in self.attributes]), chosen)

    def action_switch_table(self) -> None:
        self.cooccurrence = not self.cooccurrence
        self.compute()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS)))
