"""The Textual application and its factory."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from contextlib import contextmanager
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider

from workbench.domain.codings import check_coder_name
from workbench.domain.language import N_, use_language
from workbench.domain.terminal_text import visible
from workbench.services.projects import Project, project_language
from workbench.tui.language import text
from workbench.tui.screens.dialogs import FirstCoderPrompt, keys_shown
from workbench.tui.screens.home import HomeScreen
from workbench.tui.shown import WithoutControls
from workbench.tui.widgets.palette import Palette

CODER_SETTING = "tui.coder"
"""The setting that remembers who codes in this project's terminal UI."""
TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Show help for the focused widget and a summary of available keys"), N_("Hide the keys and widget help panel"),
    N_("Maximize"), N_("Maximize the focused widget"), N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)  # fmt: skip
"""Textual's own commands in the palette, as Textual names and describes them: listed here so that
the catalogue holds them and the palette shows them in the interface language."""


class WorkbenchApp(App[None]):
    """The coding workbench. Screens own their key bindings; the app only quits."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True)]
    """Ctrl+Q quits from every screen and dialog (a dialog would otherwise hold the key)."""

    def __init__(self, project: Project, coder: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.interface_language = project_language(project)
        """The language of every text of this app (:func:`workbench.tui.language.text`)."""
        self.coder = coder or project.setting(CODER_SETTING)
        self.without_controls = WithoutControls()

    @contextmanager
    def _context(self) -> Generator[None, None, None]:
        """Textual's context for this app's messages and tasks, speaking its language: what the
        services say to it (an error, a count) is in that language (:mod:`workbench.domain.language`)."""
        with super()._context(), use_language(self.interface_language):
            yield

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the last guard against control characters (:mod:`workbench.tui.shown`)."""
        return [*super().get_line_filters(), self.without_controls]

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and subtitle (a document id, the project's name) with their controls shown."""
        return super().format_title(visible(title, one_line=True), visible(sub_title, one_line=True))

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None, markup: bool = False
    ) -> None:
        """A notification whose text (often naming a code or a document) is shown as written: never
        read as markup unless asked, its controls visible."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=markup)

    def on_mount(self) -> None:
        self.sub_title = self.project.setting("name") or self.project.url
        self.push_screen(HomeScreen(self.project))
        if not self.coder:
            question = text("Who is coding? Your name (letters, digits, . _ -), remembered for this project")
            self.push_screen(FirstCoderPrompt(question), self.set_coder)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) offers Textual's commands and every key of the current screen, by
        what it does, in the interface language."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=text(command.title), help=text(command.help))
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                keys = keys_shown(binding.key.split(","), text(" or "))
                yield SystemCommand(text(binding.description), text("key {keys}", keys=keys), partial(screen.run_action, binding.action))

    def action_command_palette(self) -> None:
        """Textual's command palette, its search field's hint in the interface language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(text("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        """The palette of themes (the palette's « Theme » command), its hint in the interface language."""
        self.push_screen(Palette(text("Search for themes…"), providers=[ThemeProvider]))

    def set_coder(self, name: str | None) -> None:
        """Code as ``name`` (checked by the prompt) from now on, in this project."""
        if not name:
            return
        self.coder = check_coder_name(name)
        self.project.set_setting(CODER_SETTING, self.coder)
        self.notify(text("Coding as {coder}", coder=self.coder))


def create_app(project: Project, coder: str | None = None) -> WorkbenchApp:
    """Build the app on an open project (tests pass a temporary one). Without ``coder``, the one
    remembered for the project, else a prompt at start."""
    return WorkbenchApp(project, coder)


def run_terminal_ui(project: Project, coder: str | None) -> None:
    """Run the terminal UI on ``project`` until it is quit; ``coder``: as for :func:`create_app`."""
    create_app(project, coder).run()
