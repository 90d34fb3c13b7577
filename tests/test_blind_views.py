"""Blind in every view: each screen and command that shows codings, or anything counted or drawn
from them, driven as the second coder bob on the bundled study, where thesis-000 coded every
interview, bob coded one passage of MG14 and only MG14 is revealed to bob. Nothing of another
coder's work on the other documents may appear: no quote, no count, no progress figure. Someone who
has coded nothing (a supervisor, here claire) reads everything.

Every screen class under ``workbench/tui/screens`` and every command of ``workbench`` is listed
below, as driven here or as showing no coding; a new one fails the guard until it is listed.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import typer
from docx import Document as WordDocument
from textual.screen import Screen
from textual.widgets import DataTable, Log, OptionList, Static, Tree

import workbench.tui.screens
from tests.factories import BUNDLED_TRANSCRIPTS, Build, Templates, build_bundled_study
from tests.helpers import assert_rejected, run_cli, run_json
from workbench.domain.codings import Coding
from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import InputError
from workbench.main import app as program
from workbench.services.coding.codings import add_coding, list_codings, reveal
from workbench.services.coding.visibility import (
    check_may_read,
    readable_coders,
    visibility,
    visible_codebooks,
    visible_codings,
)
from workbench.services.coding.workspace import coding_progress
from workbench.storage.project import Project
from workbench.storage.queries import load_document
from workbench.tui.app import create_app
from workbench.tui.screens.agreement import AgreementScreen, ReviewScreen
from workbench.tui.screens.analysis import AnalysisScreen
from workbench.tui.screens.codebook import CodebookScreen
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.dialogs import Choice
from workbench.tui.screens.exports import KINDS, ExportScreen
from workbench.tui.screens.search import SearchScreen

BLIND = "bob"
REFERENCE = "thesis-000"
SUPERVISOR = "claire"
REVEALED = "MG14"
CODE = "Manque de médecins"
SIZE = (100, 30)

SCREENS_DRIVEN = {
    "HomeScreen": "another coder's progress column: figures on revealed documents only",
    "CodebookScreen": "each code's count, and the codebook's total",
    "CodingScreen": "the others' codings of a document only once it is revealed",
    "ExportScreen": "« Whose coding? » offers readable coders; tables hold what bob may read; .qdpx refused",
    "AnalysisScreen": "the coders offered, the saturation chart and the codes × attribute table",
    "SearchScreen": "hits with their context, never a coding",
    "AgreementScreen": "the revealed documents only",
    "ReviewScreen": "the disagreements of the revealed documents only",
}
SCREENS_NOT_DRIVEN = {  # they show no coding, or only what the screen opening them gives them
    "JournalScreen": "the project's journal: memos, no coding",
    "ImportScreen": "the files being imported: their speakers, turns and words, no coding",
    "SpanSelector": "a passage of the document's text, to select a span",
    "Choice": "a list its screen gives it (the coders offered are checked with that screen)",
    "Checklist": "a list its screen gives it (the codebook screen's split offers a coder only their own codings)",
    "CodeFinder": "the codes of a codebook, without counts",
    "Confirm": "a question and its answers",
    "KeyHelp": "the keys of a screen",
    "MemoEditor": "the memo being written",
    "Prompt": "a line being typed",
    "CoderPrompt": "a coder's name being typed",
    "FirstCoderPrompt": "a coder's name being typed, at first start",
}
COMMANDS_DRIVEN = {
    "codes", "code edit", "log", "search", "coreq", "saturation", "export tree", "export codings", "export matrix",
    "export transcript", "export qdpx", "export coreq", "agreement", "disagreements", "resolve",
}  # fmt: skip
COMMANDS_WITHOUT_CODINGS = {
    "init": "creates a project",
    "import": "reads documents and participants; its report counts what it read",
    "import-reference": "writes a reference coder's codings; its report counts those it wrote",
    "documents": "documents with their counts of turns and words",
    "participants": "participants and their attributes",
    "participants label": "sets how exports head an attribute",
    "participants labels": "how exports head each attribute, in each language",
    "language": "shows or sets the project's language",
    "segment": "cuts documents into units; codings are kept, none is shown",
    "units": "a document's units and their text",
    "unit split": "one unit split in two",
    "unit merge": "one unit merged with the next",
    "document remove": "removes a document; a refusal names whose codings it holds and how many, never what they are",
    "document undo": "puts a removed document back; its report counts the codings by coder, as the removal's",
    "document redo": "removes a document again; its report counts the codings by coder, as the removal's",
    "audit-identifiers": "names left in the documents' text",
    "code add": "prints the code as `codes --json` does, through the same count (`code edit` is driven)",
    "code rename": "as code add",
    "code move": "as code add",
    "code merge": "as code add",
    "code split": "as code add",
    "code delete": "as code add",
    "code undo": "as code add",
    "code redo": "as code add",
    "coreq set": "stores the investigator's answer to an item",
    "coreq clear": "removes the investigator's answer to an item",
    "export codebook": "the codes and their definitions, without counts",
    "suggest": "codes ranked from the codebook and the coder's own codings only (tests/test_suggestions_cli.py drives it blind)",
    "suggest evaluate": "replays the coder's own codings only, as suggest",
    "bench": "benchmarks on projects of their own",
    "backup": "a copy of the whole database for safekeeping; its summary counts every table's rows",
    "check": "the integrity of every row; its summary counts every table's rows, every coder's codings together",
}


# The study: the bundled one, with bob's one coding of MG14 and MG14 revealed to bob.


def build_blind_study(location: str, folder: Path) -> None:
    build_bundled_study(location, folder)
    project = Project.open(location)
    try:
        with project.session() as session:
            turn = next(turn for turn in load_document(session, REVEALED).turns if turn.role is SpeakerRole.PARTICIPANT)
        add_coding(project, REVEALED, CODE, turn.start, turn.end, coder=BLIND)
        reveal(project, REVEALED, coder=BLIND)
    finally:
        project.close()


@pytest.fixture
def study(templates: Templates, tmp_path: Path) -> Path:
    """This test's own copy of the study (built once per test run)."""
    return templates.sqlite_copy("blind", build_blind_study, tmp_path / "blind.db")


@pytest.fixture
def project(study: Path) -> Iterator[Project]:
    opened = Project.open(study)
    yield opened
    opened.close()


def seen_by_blind(coding: Coding) -> bool:
    """The rule, written out here: bob reads his own codings, and the others' on MG14."""
    return coding.coder == BLIND or coding.document == REVEALED


def everything(project: Project) -> tuple[list[Coding], list[Coding]]:
    """Every coding, and those bob may not read (many of thesis-000's among them)."""
    codings = list_codings(project)
    hidden = [coding for coding in codings if not seen_by_blind(coding)]
    assert sum(coding.coder == REFERENCE for coding in hidden) >= 80
    return codings, hidden


def quotes(codings: list[Coding]) -> set[str]:
    """Quotes long enough not to be found by chance elsewhere."""
    return quotes_of({coding.text for coding in codings})


def others_documents(text: str) -> set[str]:
    """The documents other than the revealed one that ``text`` names."""
    return set(re.findall(r"\bM(?:G)?\d+\b", text)) - {REVEALED}


def quotes_of(texts: set[str]) -> set[str]:
    return {text.strip()[:60] for text in texts if len(text.strip()) >= 40}


def counts_by_code(codings: list[Coding]) -> Counter[int]:
    return Counter(coding.code for coding in codings)


# What a screen shows: the text of its widgets, rows scrolled out of sight included.


def rendered(screen: Screen) -> str:
    parts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, DataTable):
            parts += [str(column.label) for column in widget.columns.values()]
            parts += [str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row)]
        elif isinstance(widget, Tree):
            parts += [str(node.label) for node in tree_nodes(widget.root)]
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(index).prompt) for index in range(widget.option_count)]
        elif isinstance(widget, Log):
            parts += [str(line) for line in widget.lines]
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def tree_nodes(node) -> Iterator:  # noqa: ANN001 - a Textual TreeNode
    yield node
    for child in node.children:
        yield from tree_nodes(child)


def offered(screen: Choice) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


# The guard: every screen and command is listed.


def screen_classes() -> set[str]:
    found = set()
    for module in pkgutil.iter_modules(workbench.tui.screens.__path__):
        loaded = importlib.import_module(f"{workbench.tui.screens.__name__}.{module.name}")
        found |= {
            name for name, value in inspect.getmembers(loaded, inspect.isclass)
            if issubclass(value, Screen) and value.__module__ == loaded.__name__
        }  # fmt: skip
    return found


def command_names(command, prefix: tuple[str, ...] = ()) -> Iterator[str]:  # noqa: ANN001 - a click command
    if hasattr(command, "commands"):
        if prefix and command.invoke_without_command:
            yield " ".join(prefix)
        for name, sub in command.commands.items():
            yield from command_names(sub, (*prefix, name))
    else:
        yield " ".join(prefix)


def test_every_screen_and_command_is_listed() -> None:
    screens = screen_classes()
    assert screens == set(SCREENS_DRIVEN) | set(SCREENS_NOT_DRIVEN), (
        "a screen to drive as a blind coder here, or to list as not driven, with why:\n"
        + "\n".join(sorted(screens ^ (set(SCREENS_DRIVEN) | set(SCREENS_NOT_DRIVEN))))
    )
    commands = set(command_names(typer.main.get_command(program)))
    listed = COMMANDS_DRIVEN | set(COMMANDS_WITHOUT_CODINGS)
    assert commands == listed, "a command to drive as a blind coder here, or to list as showing no coding:\n" + "\n".join(sorted(commands ^ listed))
    assert not COMMANDS_DRIVEN & set(COMMANDS_WITHOUT_CODINGS)


# The read path itself.


def test_the_rule_as_each_reader_sees_it(template_copy: Callable[[str, Build], str]) -> None:
    """On SQLite and on PostgreSQL."""
    project = Project.open(template_copy("blind", build_blind_study))
    try:
        read_as_each_reader(project)
    finally:
        project.close()


def read_as_each_reader(project: Project) -> None:
    codings, _ = everything(project)
    visible = [coding for coding in codings if seen_by_blind(coding)]
    assert visible_codings(project, BLIND) == visible
    assert len(visible) > 1 and {coding.coder for coding in visible} == {BLIND, REFERENCE}
    for supervisor in (SUPERVISOR, None):
        assert visible_codings(project, supervisor) == codings
        assert readable_coders(project, supervisor) == sorted({coding.coder for coding in codings})
    assert visibility(project, BLIND).revealed == {REVEALED}
    assert readable_coders(project, BLIND) == [BLIND]
    assert visible_codings(project, BLIND, coders=[REFERENCE], documents=["MG3"]) == []
    with pytest.raises(InputError, match="bob may not read the other coders' codings of MG1, MG2"):
        check_may_read(project, BLIND, [REFERENCE])
    check_may_read(project, BLIND, [REFERENCE], [REVEALED])
    check_may_read(project, SUPERVISOR, [REFERENCE])
    (stored,) = visible_codebooks(project, BLIND, "Thèse 000")
    assert {code: count for code, count in stored.codings.items() if count} == counts_by_code(
        [coding for coding in visible if coding.code in stored.tree.codes]
    )


# The screens.


async def test_home_shows_another_coder_s_progress_only_where_revealed(project: Project) -> None:
    coded = {coding.document for coding in list_codings(project, coders=[REFERENCE])}
    assert len(coded) > 10
    for coder, figures in ((BLIND, {REVEALED}), (SUPERVISOR, coded)):
        app = create_app(project, coder=coder)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            columns = [str(column.label) for column in table.columns.values()]
            rows = [dict(zip(columns, map(str, table.get_row_at(index)), strict=True)) for index in range(table.row_count)]
        assert {row["document"] for row in rows if row.get(REFERENCE)} == figures
        assert ("thesis-002" in columns) is (coder == SUPERVISOR)
        assert (BLIND in columns) and {row["document"] for row in rows if row[BLIND]} == {REVEALED}
    assert set(coding_progress(project, BLIND)["MG3"]) == set()


async def test_the_codebook_screen_counts_what_its_coder_may_see(project: Project) -> None:
    codings, _ = everything(project)
    (stored,) = visible_codebooks(project, None, "Thèse 000")
    for coder, counted in ((BLIND, [coding for coding in codings if seen_by_blind(coding)]), (SUPERVISOR, codings)):
        expected = counts_by_code([coding for coding in counted if coding.code in stored.tree.codes])
        app = create_app(project, coder=coder)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.push_screen(CodebookScreen(project, stored.id, coder))
            await pilot.pause()
            tree = app.screen.query_one(Tree)
            shown = {node.data: int(str(node.label).rsplit(maxsplit=1)[-1]) for node in tree_nodes(tree.root) if node.data}
            total = str(tree.root.label)
        assert {code: count for code, count in shown.items() if count} == expected
        assert total.endswith(f"— {expected.total()} codages")  # the bundled study is French


async def test_the_coding_screen_shows_the_others_codings_only_once_revealed(project: Project) -> None:
    app = create_app(project, coder=BLIND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for document, others in (("MG3", False), (REVEALED, True)):
            app.push_screen(CodingScreen(project, document, BLIND))
            await pilot.pause()
            screen = app.screen
            assert {coding.coder for coding in screen.workspace.codings} - {BLIND} == ({REFERENCE} if others else set())
            if not others:
                assert REFERENCE not in rendered(screen)
            app.pop_screen()
            await pilot.pause()


async def export(pilot, app, kind: str) -> None:  # noqa: ANN001 - Pilot, App
    kinds = app.screen.query_one("#export-kinds", OptionList)
    kinds.highlighted = [entry.key for entry in KINDS].index(kind)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_export_screen_offers_and_writes_only_what_its_coder_may_read(project: Project, tmp_path: Path) -> None:
    codings, hidden = everything(project)
    visible = [coding for coding in codings if seen_by_blind(coding)]
    app = create_app(project, coder=BLIND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ExportScreen(project, tmp_path))
        await pilot.pause()
        await export(pilot, app, "tree")
        assert isinstance(app.screen, Choice) and offered(app.screen) == [BLIND]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        for kind in ("codings-csv", "matrix", "qdpx"):
            await export(pilot, app, kind)
            await app.workers.wait_for_complete()
        await pilot.pause()
        log = rendered(app.screen)
    assert log.count("écrit\u00a0: ") == 3 and log.count("refusé\u00a0: ") == 1 and "ne peut pas encore lire les codages des autres codeurs" in log
    assert not list(tmp_path.glob("*.qdpx"))
    (written,) = tmp_path.glob(f"arbre_*_{BLIND}_*.docx")
    tree = [paragraph.text for paragraph in WordDocument(str(written)).paragraphs if paragraph.style.name == "Quote"]
    assert len(tree) == 1
    (codings_file,) = tmp_path.glob("codages_*.csv")
    with open(codings_file, encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert sorted(int(row["codage"]) for row in rows) == sorted(coding.id for coding in visible)
    assert not quotes(hidden) & {row["texte"].strip()[:60] for row in rows}
    (matrix_file,) = tmp_path.glob("matrice-participants_*.xlsx")
    matrix = pd.read_excel(matrix_file, index_col=0)
    assert int(matrix.to_numpy().sum()) == len(visible)

    app = create_app(project, coder=SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ExportScreen(project, tmp_path))
        await pilot.pause()
        await export(pilot, app, "tree")
        assert offered(app.screen) == sorted({coding.coder for coding in codings})


async def test_the_analysis_screen_offers_and_shows_only_what_its_coder_may_read(project: Project) -> None:
    _, hidden = everything(project)
    app = create_app(project, coder=BLIND)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AnalysisScreen(project, BLIND))
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        chart = str(screen.query_one("#saturation-chart", Static).render()).splitlines()
        new_codes = {line.split()[0]: int(line.split()[-3]) for line in chart if line.split() and line.split()[0] in BUNDLED_TRANSCRIPTS}
        assert new_codes == {document: int(document == REVEALED) for document in BUNDLED_TRANSCRIPTS}
        assert screen.query_one("#attribute-matrix", DataTable).row_count == 1
        assert not {quote for quote in quotes(hidden) if quote in rendered(screen)}
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, Choice) and offered(app.screen) == [BLIND]


async def test_search_hits_show_no_coding(project: Project) -> None:
    app = create_app(project, coder=BLIND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SearchScreen(project, BLIND))
        await pilot.pause()
        await pilot.click("#search-query")
        await pilot.press(*"médecins", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown, hits = rendered(app.screen), app.screen.hits
    assert hits and REFERENCE not in shown and "thesis-002" not in shown


@pytest.mark.parametrize("screen_class", [AgreementScreen, ReviewScreen])
async def test_agreement_and_review_read_the_revealed_documents_only(project: Project, screen_class: type[Screen]) -> None:
    app = create_app(project, coder=BLIND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(screen_class(project, (BLIND, REFERENCE)))
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = rendered(app.screen)
    assert not others_documents(shown), shown


# The commands.


def counts_in_listing(output: str) -> Counter[int]:
    return Counter({int(code): int(count) for code, count in re.findall(r"\(#(\d+)[^)]*?, (\d+) codings?\)", output)})


def test_codes_and_code_operations_count_what_the_coder_may_see(study: Path) -> None:
    project = Project.open(study)
    codings, _ = everything(project)
    project.close()
    for coder, counted in ((BLIND, [coding for coding in codings if seen_by_blind(coding)]), (SUPERVISOR, codings)):
        listing = run_json(study, "--coder", coder, "codes")
        shown = Counter({code["id"]: code["codings"] for codebook in listing["codebooks"] for code in codebook["codes"] if code["codings"]})
        assert shown == counts_by_code(counted)
        result = run_cli(study, "--coder", coder, "codes")
        assert counts_in_listing(result.stdout) == counts_by_code(counted)
    edited = run_json(study, "--coder", BLIND, "code", "edit", CODE, "--colour", "#123456")
    assert edited["code"]["codings"] == sum(coding.code == edited["code"]["id"] for coding in codings if seen_by_blind(coding))


def test_the_change_log_hides_the_others_codings(study: Path) -> None:
    project = Project.open(study)
    _, hidden = everything(project)
    project.close()
    for coder, sees in ((BLIND, False), (SUPERVISOR, True)):
        entries = run_json(study, "--coder", coder, "log", "--limit", "0")["entries"]
        logged = {
            row["text"] for entry in entries for change in entry["details"].get("changes", [])
            for row in (change["before"], change["after"]) if row and "text" in row
        }  # fmt: skip
        assert bool(quotes(hidden) & quotes_of(logged)) is sees
        assert all(entry["target"] == "" and entry["details"] == {} for entry in entries if entry["hidden"])
        assert any(entry["hidden"] for entry in entries) is not sees


def test_search_and_coreq_show_nothing_hidden(study: Path) -> None:
    hits = run_cli(study, "--coder", BLIND, "search", "médecins")
    assert hits.exit_code == 0 and REFERENCE not in hits.stdout
    saturation_item = {}
    for coder in (BLIND, SUPERVISOR):
        checklist = run_json(study, "--coder", coder, "coreq")
        saturation_item[coder] = next(answer for answer in checklist["answers"] if answer["number"] == 22)["answer"]
    assert REFERENCE in saturation_item[SUPERVISOR] and REFERENCE not in saturation_item[BLIND]
    assert_rejected(study, "--coder", BLIND, "coreq", "--coders", REFERENCE, BLIND, mentions="blind coding")


def test_saturation_and_exports_of_bob_s_own_work(study: Path, tmp_path: Path) -> None:
    steps = run_json(study, "--coder", BLIND, "saturation")["steps"]
    assert {step["document"]: len(step["new_codes"]) for step in steps} == {document: int(document == REVEALED) for document in BUNDLED_TRANSCRIPTS}
    assert run_json(study, "--coder", BLIND, "export", "tree", "-o", str(tmp_path / "tree.docx"))["quotes"] == 1
    assert run_json(study, "--coder", BLIND, "export", "codings", "--coder", BLIND, "-o", str(tmp_path / "bob.csv"))["rows"] == 1
    run_json(study, "--coder", BLIND, "export", "matrix", "--coder", BLIND, "-o", str(tmp_path / "bob.xlsx"))
    project = Project.open(study)
    on_revealed = len(visible_codings(project, BLIND, documents=[REVEALED]))
    project.close()
    assert run_json(study, "--coder", BLIND, "export", "transcript", REVEALED, "-o", str(tmp_path / "mg14.docx"))["comments"] == on_revealed


REFUSED = [
    ("saturation", "--coder", REFERENCE),
    ("export", "tree", "--coder", REFERENCE, "-o", "{folder}/tree.docx"),
    ("export", "codings", "-o", "{folder}/all.csv"),
    ("export", "codings", "--coder", REFERENCE, "-o", "{folder}/reference.csv"),
    ("export", "matrix", "-o", "{folder}/matrix.xlsx"),
    ("export", "transcript", "MG3", "-o", "{folder}/mg3.docx"),
    ("export", "qdpx", "-o", "{folder}/all.qdpx"),
    ("export", "coreq", "-o", "{folder}/coreq.docx"),
    ("agreement", "--coders", BLIND, REFERENCE),
    ("disagreements", "--coders", BLIND, REFERENCE),
    ("resolve", "--coders", BLIND, REFERENCE, "--document", "MG3", "--unit", "1", "--keep", "a"),
]


@pytest.mark.parametrize("arguments", REFUSED, ids=[" ".join(arguments[:2]) for arguments in REFUSED])
def test_commands_naming_the_hidden_work_are_refused_in_one_line(study: Path, tmp_path: Path, arguments: tuple[str, ...]) -> None:
    outputs = tmp_path / "exports"
    outputs.mkdir()
    line = assert_rejected(study, "--coder", BLIND, *(argument.format(folder=outputs) for argument in arguments), mentions="blind coding")
    assert "bob may not read the other coders' codings of" in line
    assert list(outputs.iterdir()) == []


def test_a_supervisor_reads_everything(study: Path, tmp_path: Path) -> None:
    project = Project.open(study)
    codings, _ = everything(project)
    project.close()
    summary = run_json(study, "--coder", SUPERVISOR, "export", "codings", "-o", str(tmp_path / "all.csv"))
    assert summary["rows"] == len(codings)
    assert run_json(study, "--coder", SUPERVISOR, "export", "tree", "--coder", REFERENCE, "-o", str(tmp_path / "tree.docx"))["quotes"] == 114
    assert run_cli(study, "--coder", SUPERVISOR, "saturation", "--coder", REFERENCE).exit_code == 0
