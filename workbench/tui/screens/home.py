"""Home: the documents with their participant, attributes and each coder's progress; a filter.

Progress is shown as far as the coder at the keyboard may see it (blind coding): another coder's
column holds figures only on the documents revealed to them, and is left out when it would hold none.

The list is read a page at a time: every document's id, participant, kind and attributes (no text),
filtered, then the counts and progress of the page's documents only, so that the screen takes the
same time whatever the project's size.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from workbench.domain.documents import KIND_LABELS, kind_label
from workbench.domain.language import N_, counted, format_number, ngettext
from workbench.domain.participants import attribute_label, format_value
from workbench.domain.quote_location import fold
from workbench.services.coding.workspace import coding_progress
from workbench.services.projects import Project, attribute_types, document_list, document_summaries, load_codebooks, participants
from workbench.tui.language import Localised, text
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.dialogs import Choice, CoderPrompt, KeyHelp, Prompt, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.table_filling import fill_table

PAGE = 50
"""Documents listed at once."""
COLUMN_LABELS = {"document": N_("document"), "participant": N_("participant"), "kind": N_("kind"), "turns": N_("turns"), "words": N_("words")}
"""How the table heads its own columns (a filter names them as the keys say: ``kind:excerpts``)."""
FILTER_HELP = N_("Filter: words all found in the row (kind, id, attributes), or name:value (kind:excerpts sex:F); empty clears")


def matches(row: dict[str, str], query: str) -> bool:
    """Whether every word of ``query`` is in the row; ``name:value`` looks in that column only."""
    for word in fold(query).split():
        name, _, value = word.partition(":")
        if value and name in row:
            if value not in fold(row[name]):
                return False
        elif not any(word in fold(cell) for cell in row.values()):
            return False
    return True


class HomeScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("enter", "open_document", "Open", id="open-document", priority=True),
        Binding("slash,f", "filter", "Filter", id="filter"),
        Binding("b", "codebook", "Codebook", id="codebook"),
        Binding("a", "agreement", "Agreement", id="agreement"),
        Binding("e", "export", "Export", id="export"),
        Binding("i", "import_files", "Import", id="import"),
        Binding("l", "journal", "Journal", id="journal"),
        Binding("s", "search", "Search", id="search"),
        Binding("n", "analysis", "Analysis", id="analysis"),
        Binding("w", "switch_coder", "Coder", id="switch-coder"),
        Binding("g", "refresh_table", "Refresh", id="refresh"),
        Binding("right_square_bracket", "page(1)", "Next page", id="next-page", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", id="previous-page", show=False),
        Binding("q", "app.quit", "Quit", id="quit-home"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.query_text = ""
        self.page = 0
        self.just_mounted = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_refresh_table()
        self.just_mounted = True
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Refill the list on coming back to it (its first showing follows the mount, which filled it)."""
        if self.just_mounted:
            self.just_mounted = False
            return
        self.action_refresh_table()

    def listed(self) -> tuple[list[str], list[dict[str, str]]]:
        """The attribute columns, and every document's row without its counts, in import order."""
        types = attribute_types(self.project)
        people = {person.identifier: person for person in participants(self.project)}
        rows = []
        for identifier, participant, kind in document_list(self.project):
            attributes = people[participant].attributes if participant in people else {}
            rows.append({
                "document": identifier, "participant": participant or "—", "kind": kind,
                **{name: format_value(attributes.get(name), value_type) for name, value_type in types.items()},
            })  # fmt: skip
        return list(types), rows

    def with_counts(self, rows: list[dict[str, str]], attributes: list[str]) -> tuple[list[str], list[dict[str, str]]]:
        """The columns, and ``rows`` with their turns, words and each coder's progress."""
        identifiers = [row["document"] for row in rows]
        summaries = {summary.identifier: summary for summary in document_summaries(self.project, identifiers)}
        progress = coding_progress(self.project, self.app.coder, identifiers)
        coders = sorted({coder for identifier in identifiers for coder in progress.get(identifier, {})})
        columns = ["document", "participant", "kind", "turns", "words", *coders, *attributes]
        counted = []
        for row in rows:
            summary, done = summaries[row["document"]], progress.get(row["document"], {})
            counts = {"turns": str(summary.turns), "words": str(summary.words)}
            counts |= {coder: f"{done[coder][0]}/{done[coder][1]}" if coder in done else "" for coder in coders}
            counted.append({name: row[name] if name in row else counts[name] for name in columns})
        return columns, counted

    def action_refresh_table(self) -> None:
        attributes, rows = self.listed()
        shown = [row for row in rows if matches(row, self.query_text) or matches(self.as_shown(row), self.query_text)]
        pages = max(1, -(-len(shown) // PAGE))
        self.page = min(self.page, pages - 1)
        columns, page = self.with_counts(shown[self.page * PAGE : (self.page + 1) * PAGE], attributes)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        headers = [text(COLUMN_LABELS[name]) if name in COLUMN_LABELS else attribute_label(name) if name in attributes else name for name in columns]
        fill_table(table, headers, [list(self.as_shown(row).values()) for row in page], keys=[row["document"] for row in page])
        if page:
            table.move_cursor(row=min(cursor, len(page) - 1))
        if self.query_text:
            line = ngettext("{shown} of {total} document", "{shown} of {total} documents", len(rows)).format(shown=format_number(len(shown)), total=format_number(len(rows)))
        else:
            line = counted(len(rows), "{count} document", "{count} documents")
        if pages > 1:
            line += text(" · page {page} of {pages} ([ and ] turn it)", page=self.page + 1, pages=pages)
        line += text(" · coder {coder}", coder=self.app.coder or "?") + (text(" · filter: {query}", query=self.query_text) if self.query_text else "")
        if not rows:
            line += text(" — empty project: `workbench import FILE…` or `workbench init --bundled`")
        self.query_one("#summary", Static).update(safe_text(line))

    @staticmethod
    def as_shown(row: dict[str, str]) -> dict[str, str]:
        """``row`` with its kind in the interface's language (a filter may name either)."""
        kind = row.get("kind", "")
        return {**row, "kind": kind_label(kind)} if kind in KIND_LABELS else row

    def action_page(self, step: int) -> None:
        self.page = max(0, self.page + step)
        self.action_refresh_table()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("ctrl+p", N_("Command palette")))))

    def action_filter(self) -> None:
        def apply(query: str | None) -> None:
            self.query_text = query or ""
            self.page = 0
            self.action_refresh_table()

        self.app.push_screen(Prompt(text(FILTER_HELP), self.query_text), apply)

    def action_open_document(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        if not self.app.coder:
            self.notify(text("Say who is coding first."), severity="warning")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.app.push_screen(CodingScreen(self.project, str(row_key.value), self.app.coder))

    def action_agreement(self) -> None:
        """Compare the current coder with another: the one chosen in a list of those who coded, the
        other human coders first and the consensus last."""
        from workbench.services.agreement.disagreements import comparison_partners  # numpy and the statistics: on demand

        others = comparison_partners(self.project, self.app.coder) if self.app.coder else []
        if not self.app.coder or not others:
            self.notify(text("Agreement needs you and another coder who has coded."), severity="warning")
            return

        def compare(other: str | None) -> None:
            if other:
                from workbench.tui.screens.agreement import AgreementScreen  # numpy and the statistics: on demand

                self.app.push_screen(AgreementScreen(self.project, (self.app.coder, other)))

        self.app.push_screen(Choice(text("Compare {coder}'s coding with", coder=self.app.coder), [(name, name) for name in others]), compare)

    def action_codebook(self) -> None:
        """The codebook screen (the project's codebook, or the one chosen among several)."""
        codebooks = [(str(stored.id), stored.name) for stored in load_codebooks(self.project, every=True)]
        if not codebooks:
            self.notify(text("No codebook yet: workbench import FILE.yaml"), severity="warning")
            return

        def open_codebook(key: str | None) -> None:
            if key:
                from workbench.tui.screens.codebook import CodebookScreen

                self.app.push_screen(CodebookScreen(self.project, int(key), self.app.coder or "workbench"))

        if len(codebooks) == 1:
            open_codebook(codebooks[0][0])
        else:
            self.app.push_screen(Choice(text("Which codebook?"), codebooks), open_codebook)

    def action_export(self) -> None:
        from workbench.tui.screens.exports import ExportScreen  # pandas, python-docx: on demand

        self.app.push_screen(ExportScreen(self.project))

    def action_import_files(self) -> None:
        from workbench.tui.screens.importing import ImportScreen  # the importers: on demand

        self.app.push_screen(ImportScreen(self.project))

    def action_analysis(self) -> None:
        if not self.app.coder:
            self.notify(text("Say who is coding first."), severity="warning")
            return
        from workbench.tui.screens.analysis import AnalysisScreen  # pandas: on demand

        self.app.push_screen(AnalysisScreen(self.project, self.app.coder))

    def action_search(self) -> None:
        if not self.app.coder:
            self.notify(text("Say who is coding first."), severity="warning")
            return
        from workbench.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.project, self.app.coder))

    def action_journal(self) -> None:
        from workbench.tui.screens.journal import JournalScreen

        self.app.push_screen(JournalScreen(self.project, self.app.coder or "workbench"))

    def action_switch_coder(self) -> None:
        self.app.push_screen(CoderPrompt(text("Who is coding? Your name (letters, digits, . _ -)"), self.app.coder or ""), self.switched)

    def switched(self, name: str | None) -> None:
        if name:
            self.app.set_coder(name)
            self.action_refresh_table()
