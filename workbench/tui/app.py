"""The Textual application and its factory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from workbench.storage.project import Project
from workbench.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from workbench.cli.context import CommandContext


class WorkbenchApp(App[None]):
    """The coding workbench. Screens own their key bindings; the app only quits."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", show=False)]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def on_mount(self) -> None:
        self.sub_title = self.project.setting("name") or self.project.url
        self.push_screen(HomeScreen(self.project))


def create_app(project: Project) -> WorkbenchApp:
    """Build the app on an open project (tests pass a temporary one)."""
    return WorkbenchApp(project)


def run_terminal_ui(context: CommandContext) -> None:
    project = context.open_project()
    create_app(project).run()
