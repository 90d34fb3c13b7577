"""The export screen: the Word tree, the codebook, the REFI-QDA project, tables and matrices,
written into a chosen folder by a worker thread while a progress bar runs.

Each export is one call of :mod:`workbench.services.reports.exports` (or the codebook and project
services), the same the command line makes; a refusal is shown on the screen, in one line.

What is written is what the coder at the keyboard may read (blind coding,
:mod:`workbench.services.coding.visibility`): the tree is offered only for a coder whose codings
they may all read, tables hold only the codings they may read, and the whole project (.qdpx) is
refused while another coder's codings are hidden from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Log, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, format_number
from workbench.domain.terminal_text import visible
from workbench.services.codebook.export import export_codebook
from workbench.services.coding.visibility import check_may_read, readable_coders
from workbench.services.exchange.qdpx_project import export_qdpx
from workbench.services.projects import Project, load_codebooks
from workbench.services.reports.exports import export_codings, export_matrix, export_tree
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import Choice, KeyHelp, Prompt, key_rows
from workbench.tui.shown import safe_text


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    file_name: str
    """The file's name in the folder; ``{coder}`` and ``{codebook}`` are filled in."""
    needs: str = ""
    """What to ask first: ``coder``, ``codebook`` or nothing."""


KINDS = [
    ExportKind("tree", N_("Thematic tree with quotes (Word) — the results chapter"), "arbre-{coder}.docx", "coder"),
    ExportKind("codebook-docx", N_("Codebook with definitions (Word) — for an appendix"), "{codebook}.docx", "codebook"),
    ExportKind("codebook-yaml", N_("Codebook (YAML)"), "{codebook}.yaml", "codebook"),
    ExportKind("codebook-qdc", N_("Codebook (REFI-QDA .qdc)"), "{codebook}.qdc", "codebook"),
    ExportKind("qdpx", N_("Whole project (REFI-QDA .qdpx) — NVivo, ATLAS.ti, MAXQDA, QualCoder"), "{project}.qdpx"),
    ExportKind("codings-xlsx", N_("Codings, one row each (XLSX)"), "codages.xlsx"),
    ExportKind("codings-csv", N_("Codings, one row each (CSV)"), "codages.csv"),
    ExportKind("matrix", N_("Codes × participants (XLSX)"), "matrice-participants.xlsx"),
    ExportKind("cooccurrence", N_("Codes applied together within units (XLSX)"), "cooccurrences.xlsx"),
]


def file_stem(text: str) -> str:
    """A name safe for a file: letters, digits, dots, dashes and underscores."""
    return re.sub(r"[^\w.-]+", "-", text).strip("-.")[:60] or "export"


def export_whole_project(project: Project, path: Path, viewer: str | None) -> object:
    """The .qdpx file holds every coder's codings: refused while some are hidden from ``viewer``."""
    check_may_read(project, viewer)
    return export_qdpx(project, path)


def default_folder() -> Path:
    """``exports/`` in the current folder when there is one (the repository's), else the current folder."""
    folder = Path.cwd() / "exports"
    return folder if folder.is_dir() else Path.cwd()


class ExportScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("o", "choose_folder", "Folder", id="export-folder"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, folder: Path | None = None) -> None:
        super().__init__()
        self.project = project
        self.folder = folder or default_folder()
        self.running = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="export-folder")
        yield OptionList(*(Option(text(kind.label), id=kind.key) for kind in KINDS), id="export-kinds")
        yield ProgressBar(total=None, show_eta=False, id="export-progress")
        yield Log(id="export-log")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Export"
        self.query_one("#export-progress").display = False
        self.show_folder()
        self.query_one(OptionList).focus()

    def show_folder(self) -> None:
        self.query_one("#export-folder", Static).update(safe_text(text("Into {folder} (o to change) · Enter exports the highlighted item", folder=self.folder)))

    def action_choose_folder(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                folder = Path(answer).expanduser()
                if not folder.is_dir():
                    self.notify(text("no folder {folder}: create it first", folder=folder), severity="error")
                    return
                self.folder = folder
                self.show_folder()

        self.app.push_screen(Prompt(text("Folder to write the exports into"), str(self.folder)), chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind = next(kind for kind in KINDS if kind.key == event.option.id)
        if kind.needs == "coder":
            coders = readable_coders(self.project, self.app.coder)
            if not coders:
                self.notify(text("Nobody has coded yet."), severity="warning")
                return
            self.app.push_screen(Choice(text("Whose coding?"), [(name, name) for name in coders]), lambda coder: coder and self.start(kind, coder=coder))
        elif kind.needs == "codebook":
            codebooks = [(str(stored.id), stored.name) for stored in load_codebooks(self.project, every=True)]
            if not codebooks:
                self.notify(text("No codebook yet."), severity="warning")
                return
            self.app.push_screen(Choice(text("Which codebook?"), codebooks), lambda key: key and self.start(kind, codebook=dict(codebooks)[key]))
        else:
            self.start(kind)

    def start(self, kind: ExportKind, coder: str = "", codebook: str = "") -> None:
        project_name = self.project.setting("name") or "projet"
        path = self.folder / kind.file_name.format(coder=file_stem(coder), codebook=file_stem(codebook), project=file_stem(project_name))
        self.running += 1
        self.query_one("#export-progress").display = True
        self.query_one(Log).write_line(visible(f"{text(kind.label)} → {path} …", one_line=True))
        self.run_export(self.writer(kind, path, coder, codebook), path)

    def writer(self, kind: ExportKind, path: Path, coder: str, codebook: str) -> Callable[[], object]:
        project, viewer = self.project, self.app.coder
        writers: dict[str, Callable[[], object]] = {
            "tree": lambda: export_tree(project, path, coder=coder, viewer=viewer),
            "codebook-docx": lambda: export_codebook(project, path, format="docx", codebook=codebook),
            "codebook-yaml": lambda: export_codebook(project, path, format="yaml", codebook=codebook),
            "codebook-qdc": lambda: export_codebook(project, path, format="qdc", codebook=codebook),
            "qdpx": lambda: export_whole_project(project, path, viewer),
            "codings-xlsx": lambda: export_codings(project, path, viewer=viewer),
            "codings-csv": lambda: export_codings(project, path, viewer=viewer),
            "matrix": lambda: export_matrix(project, path, of="participants", viewer=viewer),
            "cooccurrence": lambda: export_matrix(project, path, of="cooccurrence", viewer=viewer),
        }
        return writers[kind.key]

    @work(thread=True, group="export")
    def run_export(self, write: Callable[[], object], path: Path) -> None:
        try:
            write()
        except WorkbenchError as error:
            self.app.call_from_thread(self.finished, N_("  refused: {reason}"), failed=True, reason=error.one_line())
            return
        self.app.call_from_thread(self.finished, N_("  written: {path} ({size} bytes)"), path=path, size=format_number(path.stat().st_size))

    def finished(self, english: str, failed: bool = False, **values: object) -> None:
        """Say how an export ended (on the app's thread, where the interface language is known)."""
        line = text(english, **values)
        self.running -= 1
        self.query_one(Log).write_line(visible(line, one_line=True))
        self.query_one("#export-progress").display = self.running > 0
        self.notify(line.strip(), severity="error" if failed else "information")

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("up / down", N_("Choose an export")), ("enter", N_("Write it")))))
