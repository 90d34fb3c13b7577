"""The import screen: type the paths of transcripts or participant tables, see what they would
give (the preview of ``workbench import --dry-run``), then import them with Ctrl+S.

Reading and importing run in a worker thread while a progress bar runs, as exports do. A file
whose speakers were not read is refused here as on the command line; Ctrl+L reads a label as
``--participant-label`` or ``--interviewer-label`` would, Ctrl+F imports as read as ``--force``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Log, ProgressBar, Static

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, counted, format_number, ngettext
from workbench.domain.terminal_text import visible
from workbench.importers import LabelPatterns
from workbench.importers.labels import patterns_with_labels
from workbench.services.exchange.importing import ImportReport, import_batch, read_files
from workbench.services.exchange.preview import FilePreview, preview_files, preview_lines
from workbench.services.projects import Project
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import Choice, KeyHelp, Prompt, key_rows
from workbench.tui.widgets.key_bar import KeyBar


def paths_of(answer: str) -> list[Path]:
    """The paths typed, separated by spaces (quote a path that holds spaces)."""
    try:
        words = shlex.split(answer)
    except ValueError:
        words = answer.split()
    return [Path(word).expanduser() for word in words]


def imported_counts(report: ImportReport) -> dict[str, str]:
    """What an import did, each count with its own plural (``1 ajouté``, ``2 remplacés``)."""
    added, replaced, unchanged = len(report.added), len(report.replaced), len(report.unchanged)
    return {
        "added": counted(added, "{count} added", "{count} added"),
        "replaced": counted(replaced, "{count} replaced", "{count} replaced"),
        "unchanged": counted(unchanged, "{count} unchanged", "{count} unchanged"),
    }


class ImportScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("ctrl+s", "import_files", "Import", id="import-confirm"),
        Binding("ctrl+l", "read_label", "Read a label", id="import-label"),
        Binding("ctrl+f", "toggle_force", "Import as read", id="import-force"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.previewed: list[Path] = []
        self.importable = False
        self.running = False
        self.labels: dict[str, list[str]] = {"participant": [], "interviewer": []}
        self.force = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="import-help")
        yield Input(placeholder=text("Files to import (.txt, .docx, .odt, .vtt, .srt, .csv), separated by spaces"), id="import-paths")
        yield ProgressBar(total=None, show_eta=False, id="import-progress")
        yield Log(id="import-log")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = text("Import")
        self.query_one("#import-progress").display = False
        self.query_one("#import-help", Static).update(Text(text("Enter shows what the files would give; nothing is written before Ctrl+S.")))
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.preview(paths_of(event.value))

    def preview(self, paths: list[Path]) -> None:
        if not paths or self.running:
            return
        self.previewed, self.importable = paths, False
        log = self.query_one(Log)
        log.clear()
        for role, labels in self.labels.items():
            if labels:
                log.write_line(visible(text("Read as {role}: {labels}", role=text(role), labels=", ".join(labels)), one_line=True))
        if self.force:
            log.write_line(text("Files whose speakers were not all read are imported as read (Ctrl+F)."))
        self.busy(True)
        self.run_preview(paths)

    def patterns(self) -> LabelPatterns:
        return patterns_with_labels(**self.labels)

    @work(thread=True, group="import")
    def run_preview(self, paths: list[Path]) -> None:
        previews = preview_files(paths, patterns=self.patterns(), force=self.force)
        self.app.call_from_thread(self.show_preview, previews)

    def action_read_label(self) -> None:
        def with_role(label: str, role: str | None) -> None:
            if role:
                self.labels[role].append(label)
                self.preview(self.previewed)

        def chosen(label: str | None) -> None:
            if label and label.strip():
                roles = [("participant", text("participant")), ("interviewer", text("interviewer"))]
                self.app.push_screen(Choice(text("{label} is the label of", label=label.strip()), roles), lambda role: with_role(label.strip(), role))

        self.app.push_screen(Prompt(text("A speaker label as written (P1000, Dr Martin)")), chosen)

    def action_toggle_force(self) -> None:
        self.force = not self.force
        self.notify(text("Import as read: on") if self.force else text("Import as read: off"))
        self.preview(self.previewed)

    def show_preview(self, previews: list[FilePreview]) -> None:
        log = self.query_one(Log)
        for preview in previews:
            for line in preview_lines(preview):
                log.write_line(visible(line, one_line=True))
        refused = sum(1 for preview in previews if preview.refused is not None)
        self.importable = refused == 0
        self.busy(False)
        if self.importable:
            log.write_line(ngettext("Nothing imported yet: Ctrl+S imports this file.", "Nothing imported yet: Ctrl+S imports these {count} files.", len(previews)).format(count=format_number(len(previews))))
        else:
            # The files counted take the total's form, the verb the refused count's (« 1 sur 3 fichiers serait refusé »).
            files = counted(len(previews), "{count} file", "{count} files")
            refusal = ngettext("{refused} of {files} would be refused: nothing can be imported.", "{refused} of {files} would be refused: nothing can be imported.", refused)
            log.write_line(refusal.format(refused=format_number(refused), files=files))

    def action_import_files(self) -> None:
        if self.running:
            return
        if not self.previewed or not self.importable:
            self.notify(text("Preview files that can all be imported first (Enter)."), severity="warning")
            return
        self.busy(True)
        self.run_import(list(self.previewed), self.app.coder or "workbench")

    @work(thread=True, group="import")
    def run_import(self, paths: list[Path], actor: str) -> None:
        try:
            report = import_batch(self.project, read_files(paths, patterns=self.patterns(), force=self.force), actor=actor)
        except WorkbenchError as error:
            self.app.call_from_thread(self.finished, N_("Refused: {reason}"), failed=True, reason=error.one_line())
            return
        self.app.call_from_thread(lambda: self.finished(N_("Imported: {added}, {replaced}, {unchanged}."), **imported_counts(report)))

    def finished(self, english: str, failed: bool = False, **values: object) -> None:
        """Say how the import ended (on the app's thread, where the interface language is known)."""
        line = text(english, **values)
        self.busy(False)
        self.importable = False
        self.query_one(Log).write_line(visible(line, one_line=True))
        self.notify(line, severity="error" if failed else "information")

    def busy(self, running: bool) -> None:
        self.running = running
        self.query_one("#import-progress").display = running

    def action_help(self) -> None:
        self.app.push_screen(
            KeyHelp(key_rows(self.BINDINGS, ("enter", N_("Show what the files would give"))))
        )
