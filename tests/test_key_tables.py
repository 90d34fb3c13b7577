"""The key tables of the README and of ``docs/terminal-ui.md`` against the screens' own bindings:
every key a screen binds (with a description) is in the guide's table for that screen, and every
key the tables name is bound there, or handled by one of the screen's widgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from workbench.tui.app import WorkbenchApp
from workbench.tui.screens import agreement, analysis, codebook, coding, dialogs, exports, home, importing, journal, search, span

ROOT = Path(__file__).resolve().parent.parent
SCREENS = {
    "Home (documents)": home.HomeScreen, "Coding": coding.CodingScreen, "Span selection": span.SpanSelector,
    "Codebook": codebook.CodebookScreen, "Agreement": agreement.AgreementScreen, "Review": agreement.ReviewScreen,
    "Search": search.SearchScreen, "Analysis": analysis.AnalysisScreen, "Journal": journal.JournalScreen,
    "Export": exports.ExportScreen, "Import": importing.ImportScreen, "Memo editor": dialogs.MemoEditor,
}  # fmt: skip
"""The guide's name of each screen in its table of every key."""
WIDGET_KEYS = {
    home.HomeScreen: {"↑", "↓"},
    coding.CodingScreen: {"↑", "↓", "Tab", "Enter", "…", "→", "←", "Space"},
    span.SpanSelector: set(),
    codebook.CodebookScreen: {"↑", "↓", "←", "→", "Space"},
    agreement.AgreementScreen: {"↑", "↓", "Tab"},
    search.SearchScreen: {"Enter", "Tab"},
    exports.ExportScreen: {"↑", "↓", "Enter"},
    importing.ImportScreen: {"Enter"},
}
"""Keys a screen's widgets handle themselves (a list's arrows, a tree's, Enter in a field)."""
PROSE = re.compile(r"a code's shortcut key|shift\+arrows|the mouse|then|on a code|on a hit|\btype\b|\bor\b|\bin the tree\b")
"""Words of a key cell that name no key."""
KEY = re.compile(r"Ctrl\+[A-Z]|F\d{1,2}|Esc|Enter|Tab|Delete|Space|[↑↓←→…/?+=−\d\[\]]|(?<![\w'])[A-Za-z](?![\w'])")
NAMES = {
    "escape": "Esc", "enter": "Enter", "tab": "Tab", "delete": "Delete", "slash": "/", "question_mark": "?",
    "plus": "+", "equals_sign": "=", "minus": "−", "space": "Space", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "left_square_bracket": "[", "right_square_bracket": "]",
}  # fmt: skip


def key_name(key: str) -> str:
    """A binding's key as the tables write it: ``ctrl+z`` is Ctrl+Z, ``escape`` Esc, ``f1`` F1."""
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    if re.fullmatch(r"f\d{1,2}", key):
        return key.upper()
    return NAMES.get(key, key)


def bound(screen: type) -> dict[str, str]:
    """Every key the screen binds, by name, with the description of its binding ('' for a key
    described by another, such as the digits after 1)."""
    return {
        key_name(key.strip()): binding.description
        for binding in screen.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }


def keys_in(cell: str) -> set[str]:
    """The keys a table's cell names: ``a / A`` is two keys, ``c or /`` names the slash."""
    cell = re.sub(r"(?<=\S) / (?=\S)", " ; ", cell.replace("`", "").replace("the arrows", "↑ ↓ ← →"))
    return set(KEY.findall(PROSE.sub(" ", cell)))


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The rows of the first table under ``heading``, as lists of cells."""
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows[1:] if not set(row) <= set("|- ")]


def guide_keys() -> dict[str, set[str]]:
    """``docs/terminal-ui.md``'s table of every key: the keys it names for each screen."""
    keys: dict[str, set[str]] = {}
    screen = ""
    for cells in table_rows((ROOT / "docs" / "terminal-ui.md").read_text(encoding="utf-8"), "## Every key"):
        screen = cells[0] or screen
        keys.setdefault(screen, set()).update(keys_in(cells[1]))
    return keys


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_guide_names_every_key_of_each_screen_and_only_those(name: str) -> None:
    screen, documented = SCREENS[name], guide_keys()[name]
    keys = bound(screen)
    described = {key for key, description in keys.items() if description}
    missing = described - documented - {"?", "F1"}  # ? and F1: the guide's "every screen" row
    assert not missing, f"{name}: bound but not in docs/terminal-ui.md's table: {sorted(missing)}"
    assert not documented - set(keys) - WIDGET_KEYS.get(screen, set()), (
        f"{name}: in the guide but not bound: {sorted(documented - set(keys))}"
    )


def test_the_guide_s_every_screen_rows_hold() -> None:
    keys = guide_keys()
    assert keys["every screen"] == {"?", "F1"} and keys["everywhere"] == {"Ctrl+P", "Ctrl+Q"}
    with_help = [screen for screen in SCREENS.values() if screen is not dialogs.MemoEditor and screen is not span.SpanSelector]
    assert all({"?", "F1"} <= set(bound(screen)) for screen in with_help)
    assert bound(WorkbenchApp) == {"Ctrl+Q": "Quit"}


README_SCREENS = {"home": [home.HomeScreen], "coding": [coding.CodingScreen], "codebook": [codebook.CodebookScreen]}


def test_the_readme_s_first_keys_are_bound_where_it_says() -> None:
    rows = table_rows((ROOT / "README.md").read_text(encoding="utf-8"), "## Ten keys to start with")
    assert len(rows) == 10
    for key_cell, where, _ in rows:
        keys = keys_in(key_cell) - {"↑", "↓", "…"}
        if where == "everywhere":
            assert keys == {"Ctrl+P"}
            continue
        screens = [screen for place in where.split(", ") for screen in README_SCREENS.get(place, [])]
        if where == "any screen but home":
            screens = [screen for screen in SCREENS.values() if screen is not home.HomeScreen and screen is not dialogs.MemoEditor]
        assert screens, where
        for screen in screens:
            assert keys <= set(bound(screen)) | WIDGET_KEYS.get(screen, set()), f"README: {key_cell} in {screen.__name__}"


def test_the_readme_s_home_line_names_the_home_keys() -> None:
    """The line under the table: every home key it names is bound on the home screen."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = readme.split("From home, ", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`(\w)`", line))
    assert named and named <= set(bound(home.HomeScreen)), sorted(named - set(bound(home.HomeScreen)))
