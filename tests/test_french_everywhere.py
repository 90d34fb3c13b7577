"""A French team reads French: the terminal UI of a French project, the command line under a French
locale, and what they write. Checked against the catalogue: no English text it translates reaches
the screen or the output."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from docx import Document as WordDocument
from openpyxl import load_workbook
from textual.app import App
from textual.pilot import Pilot

from tests.helpers import open_mg14, run_cli, run_json
from workbench.domain.language import LOCALE_FOLDER
from workbench.storage.project import Project
from workbench.tui.app import create_app

FRENCH = {"LANG": "fr_FR.UTF-8"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@cache
def english_fragments() -> frozenset[str]:
    """The English texts the French catalogue translates otherwise, as they would show: each run of
    words between placeholders that has three words or more (shorter ones, ``code`` or ``id``,
    would also match names and data)."""
    with (LOCALE_FOLDER / "fr" / "LC_MESSAGES" / "workbench.po").open("rb") as catalogue:
        messages = [message for message in read_po(catalogue) if message.id]
    fragments = set()
    for message in messages:
        english = [message.id] if isinstance(message.id, str) else list(message.id)
        french = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in english:
            for fragment in PLACEHOLDER.split(text):
                fragment = fragment.strip(" .,:;()—·\n")
                if len(fragment.split()) >= 3 and not any(fragment in translated for translated in french):
                    fragments.add(fragment)
    return frozenset(fragments)


def english_in(shown: str) -> list[str]:
    """The English fragments of the catalogue found in ``shown``."""
    flat = " ".join(shown.split())
    return sorted(fragment for fragment in english_fragments() if fragment in flat)


def screen_text(app: App) -> str:
    """What the terminal shows now, as text."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return html.unescape("".join(lines)).replace("\u00a0", " ")


WALK = [
    (), ("question_mark",), ("escape",),
    ("b", "enter"), ("question_mark",), ("escape", "tab", "A"), ("escape", "escape", "escape"),
    *[step for key in "elsni" for step in ((key,), ("question_mark",), ("escape", "escape"))],
    ("a",), ("enter",), ("question_mark",), ("escape", "escape", "escape"),
    ("open MG14",), ("question_mark",), ("escape", "j", "c"), (*"manque de medecins", "enter"), ("u",), ("v",), ("escape", "m"),
]
"""The keys pressed from the home screen through every screen and its help, a dialog, a coding and its undo."""


async def look(pilot: Pilot, app: App, keys: tuple[str, ...], seen: dict[str, str]) -> None:
    await pilot.press(*keys)
    for _ in range(20):
        await pilot.pause(0.05)
    seen[f"{len(seen)}: {type(app.screen).__name__} after {' '.join(keys)}"] = screen_text(app)


@pytest.mark.slow
async def test_no_english_reaches_the_screens_of_a_french_project(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    app = create_app(project, coder="thesis-000")
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in WALK:
            if keys == ("open MG14",):
                await open_mg14(pilot, app)
                keys = ()
            await look(pilot, app, keys, seen)
        seen["toasts"] = "\n".join(str(notification.message) for notification in app._notifications)
    project.close()
    assert len(seen) == len(WALK) + 1
    english = {where: found for where, shown in seen.items() if (found := english_in(shown))}
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
