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
from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Log, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, counted
from workbench.domain.terminal_text import visible
from workbench.services.codebook.export import export_codebook
from workbench.services.coding.codings import list_codings
from workbench.services.coding.visibility import check_may_read, readable_coders
from workbench.services.exchange.qdpx_project import export_qdpx
from workbench.services.projects import Project, load_codebooks
from workbench.services.reports.exports import export_codings, export_matrix, export_tree
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import Choice, KeyHelp, Prompt, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.key_bar import KeyBar


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    stem: str
    """What the file is, first in its name (:func:`export_name`)."""
    extension: str
    needs: str = ""
    """What to ask first: ``coder`` (then the codebook, when they coded with several), ``codebook`` or nothing."""


KINDS = [
    ExportKind("tree", N_("Thematic tree with quotes (Word) — the results chapter"), "arbre", ".docx", "coder"),
    ExportKind("codebook-docx", N_("Codebook with definitions (Word) — for an appendix"), "livre-de-codes", ".docx", "codebook"),
    ExportKind("codebook-yaml", N_("Codebook (YAML)"), "livre-de-codes", ".yaml", "codebook"),
    ExportKind("codebook-qdc", N_("Codebook (REFI-QDA .qdc)"), "livre-de-codes", ".qdc", "codebook"),
    ExportKind("qdpx", N_("Whole project (REFI-QDA .qdpx) — NVivo, ATLAS.ti, MAXQDA, QualCoder"), "projet", ".qdpx"),
    ExportKind("codings-xlsx", N_("Codings, one row each (XLSX)"), "codages", ".xlsx"),
    ExportKind("codings-csv", N_("Codings, one row each (CSV)"), "codages", ".csv"),
    ExportKind("matrix", N_("Codes × participants (XLSX)"), "matrice-participants", ".xlsx"),
    ExportKind("cooccurrence", N_("Codes applied together within units (XLSX)"), "cooccurrences", ".xlsx"),
]
NAME_PART = 24
"""Characters kept of the study's and the codebook's names in a file's name."""


def file_stem(text: str, length: int = 60) -> str:
    """A name safe for a file: letters, digits, dots, dashes and underscores, cut after a whole word
    to ``length`` characters."""
    stem = re.sub(r"[^\w.-]+", "-", text).strip("-.")
    if len(stem) > length:
        stem = stem[: length + 1]
        stem = stem[: stem.rfind("-")] if "-" in stem else stem[:length]
    return stem.strip("-.") or "export"


def export_name(kind: ExportKind, *, study: str, day: date, codebook: str = "", coder: str = "") -> str:
    """The file's name: what it is, the study, the codebook and the coder when it has them, and the
    day (``arbre_Assistants-medicaux_These-000-Les-assistants_bob_2026-12-03.docx``)."""
    parts = [
        kind.stem,
        file_stem(study, NAME_PART),
        file_stem(codebook, NAME_PART) if codebook else "",
        file_stem(coder) if coder else "",
        day.isoformat(),
    ]
    return "_".join(part for part in parts if part) + kind.extension


def free_name(path: Path) -> Path:
    """``path``, or the first of ``name-2.ext``, ``name-3.ext``… not taken in its folder."""
    candidate, number = path, 2
    while candidate.exists():
        candidate, number = path.with_name(f"{path.stem}-{number}{path.suffix}"), number + 1
    return candidate


def coded_codebooks(project: Project, coder: str) -> list[str]:
    """The codebooks ``coder`` has coded with (all of them when none), by name."""
    codebooks = load_codebooks(project, every=True)
    coded = {coding.code for coding in list_codings(project, coders=[coder])}
    used = [stored.name for stored in codebooks if coded & set(stored.tree.codes)]
    return used or [stored.name for stored in codebooks]


def wrapped(line: str, width: int) -> list[str]:
    """``line`` over as many lines of ``width`` as its paths need, cut only after a ``/`` or a ``_``
    (a log does not wrap): every path is read whole, and a message without one stays on one line."""
    lines, rest = [], line
    while len(rest) > width > 0 and (cut := max(rest.rfind("/", 0, width), rest.rfind("_", 0, width))) > 0:
        lines.append(rest[: cut + 1])
        rest = "    " + rest[cut + 1 :]
    return [*lines, rest]


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
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("Export")
        self.query_one("#export-progress").display = False
        self.show_folder()
        self.query_one(OptionList).focus()

    def show_folder(self) -> None:
        self.query_one("#export-folder", Static).update(
            safe_text(text("Into {folder} (o to change) · Enter exports the highlighted item", folder=self.folder))
        )

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
            self.app.push_screen(
                Choice(text("Whose coding?"), [(name, name) for name in coders]), lambda coder: coder and self.choose_codebook(kind, coder)
            )
        elif kind.needs == "codebook":
            codebooks = [(str(stored.id), stored.name) for stored in load_codebooks(self.project, every=True)]
            if not codebooks:
                self.notify(text("No codebook yet."), severity="warning")
                return
            self.app.push_screen(
                Choice(text("Which codebook?"), codebooks), lambda key: key and self.start(kind, codebook=dict(codebooks)[key])
            )
        else:
            self.start(kind)

    def choose_codebook(self, kind: ExportKind, coder: str) -> None:
        """The tree of ``coder``'s coding: of the codebook they coded with, or the one chosen among those."""
        codebooks = coded_codebooks(self.project, coder)
        if len(codebooks) == 1:
            self.start(kind, coder=coder, codebook=codebooks[0])
            return
        self.app.push_screen(
            Choice(text("Which codebook?"), [(name, name) for name in codebooks]),
            lambda name: name and self.start(kind, coder=coder, codebook=name),
        )

    def start(self, kind: ExportKind, coder: str = "", codebook: str = "") -> None:
        """Write the export under its name; a file of that name is replaced only once the coder says so."""
        study = self.project.setting("name") or "projet"
        path = self.folder / export_name(kind, study=study, day=date.today(), codebook=codebook, coder=coder)
        if not path.exists():
            self.write(kind, path, coder, codebook)
            return
        beside = free_name(path)

        def answer(choice: str | None) -> None:
            if choice in ("replace", "beside"):
                self.write(kind, path if choice == "replace" else beside, coder, codebook)

        options = [
            ("beside", text("Write {name} beside it", name=beside.name)),
            ("replace", text("Replace it")),
            ("cancel", text("Cancel")),
        ]
        self.app.push_screen(Choice(text("{path} exists already.", path=path), options), answer)

    def write(self, kind: ExportKind, path: Path, coder: str, codebook: str) -> None:
        self.running += 1
        self.query_one("#export-progress").display = True
        self.log_line(f"{text(kind.label)} → {path} …")
        self.run_export(self.writer(kind, path, coder, codebook), path)

    def log_line(self, line: str) -> None:
        """A line in the log, over several lines when it is wider than the log: every path is read whole."""
        log = self.query_one(Log)
        for part in wrapped(visible(line, one_line=True), log.scrollable_content_region.width - 1):
            log.write_line(part)

    def writer(self, kind: ExportKind, path: Path, coder: str, codebook: str) -> Callable[[], object]:
        project, viewer = self.project, self.app.coder
        writers: dict[str, Callable[[], object]] = {
            "tree": lambda: export_tree(project, path, coder=coder, viewer=viewer, codebook=codebook),
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
        self.app.call_from_thread(self.finished, N_("  written: {path} ({size})"), path=path, size=counted(path.stat().st_size, "{count} byte", "{count} bytes"))

    def finished(self, english: str, failed: bool = False, **values: object) -> None:
        """Say how an export ended (on the app's thread, where the interface language is known)."""
        line = text(english, **values)
        self.running -= 1
        self.log_line(line)
        self.query_one("#export-progress").display = self.running > 0
        self.notify(line.strip(), severity="error" if failed else "information")

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("up / down", N_("Choose an export")), ("enter", N_("Write it")))))
