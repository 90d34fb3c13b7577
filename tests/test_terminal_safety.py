"""Text from files is data, never terminal control: what the command line prints and what the
terminal UI draws shows control characters and bidi controls (``␛``, ``U+202E``) and never lets
one through raw; names holding one are refused at import, ids are limited to their characters.

The project here holds hostile text in every field a file can fill: a transcript's text and its
labels as imported (kept as written), and, as a database from before these rules (or written by
another program) would, code and codebook names, a description, a document title and a
participant attribute.
"""

from __future__ import annotations

import asyncio
import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.text import Span, Text
from sqlmodel import select
from textual.widgets import DataTable, Input, OptionList, Tree

from tests.helpers import assert_rejected, run_cli, snapshot_of
from workbench.domain.codebook import check_name
from workbench.domain.errors import InputError
from workbench.domain.participants import check_identifier
from workbench.domain.terminal_text import ANY_CONTROL, BIDI_CONTROLS, visible, visible_in_place, visible_positions
from workbench.storage.project import Project
from workbench.storage.records import CodebookRecord, CodeRecord, DocumentRecord, ParticipantRecord
from workbench.tui.app import create_app
from workbench.tui.screens.codebook import CodebookScreen
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.dialogs import CodeFinder
from workbench.tui.shown import safe_text

TITLE_CHANGE = "\x1b]0;PWNED\x07"
"""What retitles a terminal (OSC 0 … BEL)."""
CLEAR_SCREEN = "\x1b[2J"
CLIPBOARD_WRITE = "\x1b]52;c;cm0gLXJmIH4=\x07"
FRENCH = "Accueil « l’assistante » à l’écoute…\u00a0d’accord"

CONTROLS = [chr(code) for code in range(0x20)] + ["\x7f"] + [chr(code) for code in range(0x80, 0xA0)] + list(BIDI_CONTROLS)
hostile = (
    st.lists(st.one_of(st.sampled_from(CONTROLS), st.sampled_from(list("aéE«» ’…\u00a0[]/:;0b"))), min_size=1, max_size=14)
    .map("".join)
    .filter(lambda text: ANY_CONTROL.search(text) is not None)
)
PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PLACE = 12
"""The transcript's hostile places hold this many characters (replaced in place, offsets kept)."""
TRANSCRIPT = f"M : Question {'A' * PLACE} ?\n\nMG1 : Réponse « {'B' * PLACE} » l’accueil.\n"
CODEBOOK = """\
name: "Livre"
language: fr
codes:
- name: "Accueil"
  colour: "#4E79A7"
  children:
  - name: "Téléphone"
    colour: "#F28E2B"
"""


def raw_controls(output: str) -> list[str]:
    """The control characters in ``output`` a terminal would obey (tab and newline are layout)."""
    return sorted({f"U+{ord(character):04X}" for character in ANY_CONTROL.findall(output) if character not in "\n\t"})


def hostile_project(folder: Path) -> Path:
    """A project with the transcript MG1, the participant MG1 and the codebook ``Livre``."""
    database = folder / "hostile.db"
    Project.open(database).close()
    (folder / "MG1.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "participants.csv").write_text("participant,note\nMG1,calme\n", encoding="utf-8")
    (folder / "livre.yaml").write_text(CODEBOOK, encoding="utf-8")
    for name in ("MG1.txt", "participants.csv", "livre.yaml"):
        result = run_cli(database, "import", str(folder / name))
        assert result.exit_code == 0, result.output
    return database


def fill_with(database: Path, text: str) -> None:
    """Put ``text`` in every field: the transcript's hostile places (same length, so every offset
    holds), its speaker label, the names, a description, the title and an attribute."""
    place = (text * PLACE)[:PLACE]
    project = Project.open(database)
    try:
        with project.transaction() as session:
            document = session.exec(select(DocumentRecord)).one()
            document.text = TRANSCRIPT.replace("A" * PLACE, place).replace("B" * PLACE, place)
            document.title = f"Entretien {text}"
            session.exec(select(ParticipantRecord)).one().attributes = {"note": f"calme {text}"}
            session.exec(select(CodebookRecord)).one().name = f"Livre {text}"
            for code in session.exec(select(CodeRecord)):
                code.name = f"{code.name} {text}"
                code.description = f"Définition {text}"
    finally:
        project.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return hostile_project(tmp_path)


# The rule itself.


def test_controls_are_shown_and_french_text_is_left_as_it_is() -> None:
    assert visible(f"{TITLE_CHANGE}x") == "␛]0;PWNED␇x"
    assert visible("a\u202eb\u2066c\u200fd\u061ce") == "aU+202EbU+2066cU+200FdU+061Ce"
    assert visible("\x7f\x85\x9b[2J") == "␡U+0085U+009B[2J"
    assert visible("ligne\tcolonne\nsuite\r") == "ligne\tcolonne\nsuite␍"
    assert visible("un\ndeux", one_line=True) == "un␊deux"
    assert visible(FRENCH) is FRENCH
    assert visible_in_place(f"{TITLE_CHANGE}\u202e\n") == "␛]0;PWNED␇\ufffd\n"


@given(text=st.text())
def test_nothing_visible_leaves_a_control_and_only_controls_change(text: str) -> None:
    shown = visible(text)
    assert raw_controls(shown) == []
    assert re.sub(r"␀|[\u2401-\u241f]|␡|U\+[0-9A-F]{4}", "", shown) == re.sub(r"␀|[\u2401-\u241f]|␡|U\+[0-9A-F]{4}", "", ANY_CONTROL.sub(lambda match: match.group() if match.group() in "\n\t" else "", text))
    assert len(visible_in_place(text)) == len(text)
    assert raw_controls(visible_in_place(text)) == []


@given(text=st.text(alphabet=st.one_of(st.sampled_from(CONTROLS), st.characters(codec="utf-8")), max_size=40), data=st.data())
def test_positions_follow_the_replacements(text: str, data: st.DataObject) -> None:
    shown, position = visible_positions(text)
    assert shown == visible(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert shown[position(start) : position(end)] == visible(text[start:end])


def test_a_styled_span_stays_on_its_characters() -> None:
    styled = Text("MG1 : \x1b]0;PWNED\u202eoui", spans=[Span(0, 3, "bold"), Span(16, 19, "italic")])
    shown = safe_text(styled)
    assert shown.plain == "MG1 : ␛]0;PWNEDU+202Eoui"
    assert [(shown.plain[span.start : span.end], span.style) for span in shown.spans] == [("MG1", "bold"), ("oui", "italic")]


# Names and ids at import.


@pytest.mark.parametrize("name", [f"Accueil {TITLE_CHANGE}", "Accueil\u202e", "Accueil\x9b2J", f"{CLEAR_SCREEN}Accueil"])
def test_a_name_holding_a_control_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="holds an invisible control character") as refusal:
        check_name(name, "livre.yaml: line 4")
    assert raw_controls(refusal.value.one_line()) == []
    assert check_name("  Accueil « l’assistante » à l’écoute…  ") == "Accueil « l’assistante » à l’écoute…"


def test_a_codebook_whose_name_holds_an_escape_sequence_is_refused_in_one_line(database: Path, tmp_path: Path) -> None:
    path = tmp_path / "titre.yaml"
    path.write_text(CODEBOOK.replace('name: "Livre"', 'name: "Livre \\e]0;PWNED\\a"'), encoding="utf-8")
    line = assert_rejected(database, "import", str(path), mentions="holds an invisible control character (␛)")
    assert line == "workbench: titre.yaml: line 1: the name 'Livre ␛]0;PWNED␇' holds an invisible control character (␛) — remove it from the name"


@pytest.mark.parametrize("identifier", ["MG1", "MG-1.b", "Médecin_2", "P10"])
def test_an_id_of_the_documented_characters_is_kept(identifier: str) -> None:
    assert check_identifier(f" {identifier} ", "--id") == identifier


@pytest.mark.parametrize("identifier", ["../../x", "../x", ".cache", "a/b", "a\\b", "-x", f"MG1{TITLE_CHANGE}", "MG1\u202e", "M" * 65])
def test_an_id_outside_the_documented_characters_is_refused(identifier: str) -> None:
    with pytest.raises(InputError, match="is not a usable identifier"):
        check_identifier(identifier, "--id")


def test_a_path_as_document_id_is_refused_and_the_project_is_unchanged(project_location: str, tmp_path: Path) -> None:
    (tmp_path / "MG2.txt").write_text("M : Bonjour.\n\nMG2 : Bonjour, « oui ».\n", encoding="utf-8")
    Project.open(project_location).close()
    before = snapshot_of(project_location)
    line = assert_rejected(project_location, "import", "--id", "../../x", str(tmp_path / "MG2.txt"), mentions="'../../x' is not a usable identifier")
    assert line.startswith("workbench: MG2.txt: '../../x' is not a usable identifier — use")
    assert snapshot_of(project_location) == before


def test_a_qdpx_source_name_becomes_an_id_of_the_documented_characters(tmp_path: Path) -> None:
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Étude" origin="OtherQDA 3.2">'
        '<Sources><TextSource guid="{7A1B2C3D-0000-4000-8000-000000000020}" name="Dr. Martin’s interview (2)" '
        'plainTextPath="internal://a.txt"/></Sources></Project>'
    )
    path = tmp_path / "autre.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", "M : Bonjour ?\nP1 : Oui, « bien sûr ».\n".encode())
    database = tmp_path / "qdpx.db"
    Project.open(database).close()
    result = run_cli(database, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "source 'Dr. Martin’s interview (2)' is 'Dr._Martin_s_interview_2'" in result.stderr
    assert [document["id"] for document in json.loads(run_cli(database, "documents", "--json").stdout)["documents"]] == ["Dr._Martin_s_interview_2"]


# The command line.

READS = [
    ["codes"],
    ["units", "--document", "MG1"],
    ["participants"],
    ["search", "Réponse"],
    ["documents"],
]


def check_command_line(database: Path, text: str) -> None:
    fill_with(database, text)
    for command in READS:
        result = run_cli(database, *command)
        assert result.exit_code == 0, (command, result.output)
        assert raw_controls(result.stdout + result.stderr) == [], command
    shown = run_cli(database, "documents").stdout
    assert visible(f"Entretien {text}")[:8] in shown
    for command in (["documents", "--json"], ["participants", "--json"], ["codes", "--json"], ["search", "Réponse", "--json"]):
        result = run_cli(database, *command)
        assert result.exit_code == 0, (command, result.output)
        assert raw_controls(result.stdout) == [], command
        json.loads(result.stdout)
    assert json.loads(run_cli(database, "documents", "--json").stdout)["documents"][0]["title"] == f"Entretien {text}"
    assert json.loads(run_cli(database, "participants", "--json").stdout)["participants"][0]["attributes"]["note"] == f"calme {text}"
    for command in (["units", "--document", f"MG{text}"], ["codes", "--codebook", f"Z{text}"], ["code", "rename", text, "x"]):
        result = run_cli(database, *command)
        assert result.exit_code != 0, command
        assert raw_controls(result.stdout + result.stderr) == [], command
        assert len(result.stderr.strip().splitlines()) == 1, (command, result.stderr)


@pytest.mark.slow
@PROPERTY
@example(text=TITLE_CHANGE)
@example(text=CLEAR_SCREEN + "\x1b[?1049h")
@example(text=CLIPBOARD_WRITE + "\u202e\u2066\x85\x7f")
@given(text=hostile)
def test_no_control_reaches_the_terminal_from_the_command_line(database: Path, text: str) -> None:
    check_command_line(database, text)


def test_a_table_cell_is_text_not_markup(database: Path) -> None:
    fill_with(database, "[bold]x[/bold] [/] :warning:")
    shown = run_cli(database, "participants")
    assert shown.exit_code == 0, shown.output
    assert "calme [bold]x[/bold] [/] :warning:" in shown.stdout


# The terminal UI.


async def drive_the_screens(database: Path, text: str) -> None:
    """Open the home screen, the codebook screen, a document and the code finder; at each, what
    is drawn holds no control, and the labels show the hostile text visibly."""
    project = Project.open(database)
    app = create_app(project, coder="alice")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            drawn = [app.export_screenshot()]
            home = app.screen.query_one(DataTable)
            assert Text.from_markup(home.get_row_at(0)[-1]).plain == visible("calme " + text)
            await pilot.press("b")
            await pilot.pause()
            assert isinstance(app.screen, CodebookScreen)
            drawn.append(app.export_screenshot())
            tree = app.screen.query_one(Tree)
            assert tree.root.label.plain.startswith(visible(f"Livre {text}", one_line=True))
            assert app.format_title(app.screen.title, "").plain == visible(f"Livre {text}", one_line=True)
            await pilot.press("escape", "enter")
            await pilot.pause()
            assert isinstance(app.screen, CodingScreen)
            drawn.append(app.export_screenshot())
            prompts = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
            place = visible((text * PLACE)[:PLACE])
            assert place in prompts[-1]
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, CodeFinder)
            drawn.append(app.export_screenshot())
            # A notification naming the text (a refusal, a code applied) shows it.
            app.screen.notify(f"coded {text}")
            await pilot.pause()
            assert list(app._notifications)[-1].message == visible(f"coded {text}")
            drawn.append(app.export_screenshot())
            # A widget given raw text (an Input being typed into) is drawn without its controls.
            app.screen.query_one(Input).value = f"x{TITLE_CHANGE}y"
            await pilot.pause()
            drawn.append(app.export_screenshot())
    finally:
        project.close()
    for index, screenshot in enumerate(drawn):
        assert raw_controls(screenshot) == [], index


@pytest.mark.slow
@settings(PROPERTY, max_examples=4)
@example(text=TITLE_CHANGE)
@example(text=CLIPBOARD_WRITE + "\u202e\x9b2J")
@given(text=hostile)
def test_no_control_reaches_the_terminal_from_the_screens(database: Path, text: str) -> None:
    fill_with(database, text)
    asyncio.run(drive_the_screens(database, text))
