"""A French team reads French: the terminal UI of a French project, the command line under a French
locale, and what they write. Checked against the catalogue: no English text it translates reaches
the screen or the output."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from rich.console import Console
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.factories import split_plain_sentences
from tests.helpers import open_mg14, run_cli, run_json
from tests.language_check import english_in
from tests.test_transcript_formats import P1000
from workbench.services.coding.codings import add_coding, reveal
from workbench.services.coding.units import list_units, segment
from workbench.storage.project import Project
from workbench.tui.app import create_app

FRENCH = {"LANG": "fr_FR.UTF-8"}


def screen_text(app: App) -> str:
    """What the current screen shows, line by line: of a dialog, only the dialog (the screen under
    it is looked at on its own, and the dialog's edges cut its words: « 22 unit█ »)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    lines = [CUT_AT_THE_EDGE.sub("…", line) if len(line) == app.size.width else line for line in console.export_text().splitlines()]
    if app.screen.is_modal:
        dialog = shown_region(app.screen)
        lines = [line[dialog.x : dialog.right] for line in lines[dialog.y : dialog.bottom]]
    return "\n".join(lines)


CUT_AT_THE_EDGE = re.compile(r"(?<=\s)[^\W\d_]+$")
"""A word the right edge of the terminal cuts (a table wider than the screen: « accord si codé »
seen as « ac »), made a cut word (``…``) that the language check passes over."""


def shown_region(widget: Widget) -> Region:
    """Where ``widget``'s children show (a container laid over the screen may have no region of its
    own, and a scrolled label reaches past what shows of it)."""
    regions = [child.region if child.region.area else shown_region(child) for child in widget.children]
    return Region.from_union([region for region in regions if region.area] or [Region()])


class Walk:
    """The terminal UI driven through its screens, what each showed kept: its text, the toasts up
    then, the screen's class."""

    def __init__(self, pilot: Pilot, app: App) -> None:
        self.pilot, self.app = pilot, app
        self.seen: dict[str, str] = {}
        self.screens: list[str] = []

    async def look(self, name: str, *keys: str) -> None:
        """Press ``keys``, wait until the screen is still, and keep what it shows as ``name``."""
        await self.pilot.press(*keys)
        await settled(self.pilot)
        toasts = "\n".join(str(notification.message) for notification in self.app._notifications)
        self.seen[name] = f"{screen_text(self.app)}\n{toasts}"
        self.screens.append(type(self.app.screen).__name__)

    async def type(self, name: str, line: str) -> None:
        """Type ``line`` in the focused field (replacing its text), then Enter."""
        self.app.focused.value = line
        await self.look(name, "enter")


async def settled(pilot: Pilot) -> None:
    """The workers done and the screen the same twice in a row (a table measures its columns over
    a few refreshes)."""
    previous = None
    for _ in range(40):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
        current = screen_text(pilot.app)
        if current == previous:
            return
        previous = current


async def walk_every_screen(walk: Walk, transcript: Path) -> None:
    """From the first-start prompt through every screen, its help, its dialogs and the toasts of
    its changes (a coding applied, undone, redone; a code added and deleted; an export; an import)."""
    await walk.look("first-start prompt")
    await walk.type("first-start prompt, a name refused", "a b")
    await walk.type("home, coding as thesis-000", "thesis-000")
    await walk.look("home help", "question_mark")
    await walk.look("home filter", "escape", "slash")
    await walk.look("command palette", "escape", "ctrl+p")
    await walk.look("command palette, a search", *"touche")
    await walk.pilot.press("escape", "ctrl+p", *"qqqq")
    await walk.pilot.pause(0.8)
    await walk.look("command palette, no match")
    await walk.look("theme palette", "escape", "ctrl+p", *"thème", "enter")
    await walk.look("home, back", "escape")
    await open_mg14(walk.pilot, walk.app)
    await walk.look("coding MG14 by speaker turns")
    await walk.look("coding help", "question_mark")
    await walk.look("coding help, its end", "end")
    await walk.look("code finder", "escape", "c")
    await walk.look("code finder, no match", *"zzz", "enter")
    await walk.type("code applied", "manque de medecins")
    await walk.look("coding undone", "u")
    await walk.look("coding redone", "U")
    await walk.look("in-vivo code", "i")
    await walk.look("memo", "escape", "m")
    await walk.look("span selection", "escape", "v")
    await walk.look("reveal question", "escape", "r")
    await walk.look("coding MG14 in units of meaning", "escape", "s")
    await walk.look("coding a unit of meaning", "j", "1")
    await walk.look("search", "escape", "s")
    await walk.type("search hits", "déléguer")
    await walk.look("search help", "question_mark")
    await walk.look("journal", "escape", "escape", "l")
    await walk.look("journal entry", "n")
    await walk.look("analysis", "escape", "escape", "n")
    await walk.look("analysis co-occurrence", "o")
    await walk.look("analysis attribute", "t")
    await walk.look("exports", "escape", "escape", "e")
    await walk.look("export: whose coding", "enter")
    await walk.look("export written", "enter")
    await walk.look("import", "escape", "i")
    await walk.type("import preview", str(transcript))
    await walk.look("import done", "ctrl+s")
    await walk.look("agreement: with whom", "escape", "a")
    await walk.look("agreement", "enter")
    await walk.look("agreement help", "question_mark")
    await walk.look("review", "escape", "v")
    await walk.look("review, one settled", "a")
    await walk.look("codebook: which", "escape", "escape", "b")
    await walk.look("codebook", "enter")
    await walk.look("codebook help", "question_mark")
    await walk.look("codebook help, its end", "end")
    await walk.look("codebook, new code", "escape", "down", "a")
    await walk.type("codebook, code added", "Code à supprimer")
    await walk.look("codebook, delete question", "D")
    await walk.look("codebook, code deleted", "enter")
    await walk.look("codebook, delete undone", "u")
    await walk.look("codebook, delete redone", "U")


def with_a_second_coder_on_mg1(project: Project) -> None:
    """MG1 cut into sentences, four of its units coded by alice, revealed to thesis-000: the
    agreement and review screens have figures and disagreements to show."""
    segment(project, ["MG1"], actor="test", split_sentences=split_plain_sentences)
    for unit in list_units(project, "MG1")[1:5]:
        add_coding(project, "MG1", "Manque de médecins", unit.start, unit.end, coder="alice")
    reveal(project, "MG1", coder="thesis-000")


WALKED = [
    "FirstCoderPrompt", "FirstCoderPrompt", "HomeScreen", "KeyHelp", "Prompt", "Palette", "Palette", "Palette",
    "Palette", "HomeScreen",
    "CodingScreen", "KeyHelp", "KeyHelp", "CodeFinder", "CodeFinder", "CodingScreen", "CodingScreen", "CodingScreen",
    "Prompt", "MemoEditor", "SpanSelector", "Confirm", "CodingScreen", "CodingScreen",
    "SearchScreen", "SearchScreen", "KeyHelp", "JournalScreen", "MemoEditor",
    "AnalysisScreen", "AnalysisScreen", "Choice", "ExportScreen", "Choice", "ExportScreen", "ImportScreen", "ImportScreen", "ImportScreen",
    "Choice", "AgreementScreen", "KeyHelp", "ReviewScreen", "ReviewScreen",
    "Choice", "CodebookScreen", "KeyHelp", "KeyHelp", "Prompt", "CodebookScreen", "Choice", "CodebookScreen", "CodebookScreen", "CodebookScreen",
]  # fmt: skip
"""The screen each look of :func:`walk_every_screen` lands on."""


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_no_english_word_reaches_the_screens_of_a_french_project(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    transcript = tmp_path / "P1000.txt"
    transcript.write_text(P1000, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the exports go there
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    with_a_second_coder_on_mg1(project)
    app = create_app(project)
    async with app.run_test(size=size) as pilot:
        walk = Walk(pilot, app)
        await walk_every_screen(walk, transcript)
    project.close()
    assert walk.screens == WALKED
    assert "Unité 2 (" in walk.seen["coding a unit of meaning"] and "Désaccord 2 sur" in walk.seen["review, one settled"]
    assert "écrit\u00a0: " in walk.seen["export written"] and "Import terminé" in walk.seen["import done"]
    assert "confirmé par 1" in walk.seen["analysis"] and "entretien(s)" not in walk.seen["analysis"]
    assert "Aucune correspondance" in walk.seen["command palette, no match"] and "Rechercher un thème" in walk.seen["theme palette"]
    english = {where: found for where, shown in walk.seen.items() if (found := english_in(shown))}
    assert not english


def test_the_command_line_speaks_the_locale_s_language(bundled_copy: Path) -> None:
    french = run_cli(bundled_copy, "documents", locale=FRENCH)
    english = run_cli(bundled_copy, "documents", locale={"LANG": "C"})
    assert french.exit_code == english.exit_code == 0
    assert re.search(r"┃ tours +┃ mots +┃", french.stdout) and "Mots\u00a0: les mots sont" in french.stdout
    assert re.search(r"┃ turns +┃ words +┃", english.stdout) and "Words: words are" in english.stdout
    assert not english_in(french.stdout)


def test_a_refusal_is_said_in_the_locale_s_language(bundled_copy: Path) -> None:
    french = run_cli(bundled_copy, "--coder", "a b", "export", "tree", "-o", "arbre.docx", locale=FRENCH)
    english = run_cli(bundled_copy, "--coder", "a b", "export", "tree", "-o", "arbre.docx")
    assert french.exit_code == english.exit_code == 1
    assert "le nom de codeur 'a b' n’est pas utilisable" in french.stderr
    assert "coder name 'a b' is not usable" in english.stderr
    assert not english_in(french.stderr)


def word_text(path: Path) -> str:
    document = WordDocument(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def workbook_text(path: Path) -> str:
    workbook = load_workbook(path, read_only=True)
    return "\n".join(str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


@pytest.mark.slow
def test_the_files_written_for_a_french_project_are_in_french(bundled_copy: Path, tmp_path: Path) -> None:
    exports = {
        "arbre.docx": ("tree", "--coder", "thesis-000", "--charts"),
        "livre.docx": ("codebook", "--codebook", "Thèse 000 — Les assistants médicaux vus par les médecins généralistes (Valenciennois)"),
        "codages.xlsx": ("codings",),
        "matrice.xlsx": ("matrix",),
        "MG14.docx": ("transcript", "MG14"),
    }
    written = {}
    for name, arguments in exports.items():
        command, *options = arguments
        run_json(bundled_copy, "export", command, *options, "-o", str(tmp_path / name))
        read = word_text if name.endswith(".docx") else workbook_text
        written[name] = read(tmp_path / name)
    assert "Caractéristiques des participants" in written["arbre.docx"] and "type d’exercice" in written["arbre.docx"]
    assert {name: found for name, shown in written.items() if (found := english_in(shown))} == {}
