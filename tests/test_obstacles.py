"""What a new user met in a first afternoon of use, each caught here: the first-start prompt, the
home footer, the trees and the code finder, the coding screen's header and position, exports."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import typer
from textual.widgets import Label, Log
from typer.testing import CliRunner

from tests.factories import sample_project, split_plain_sentences
from tests.helpers import ENGLISH_LOCALE, open_mg14, run_json
from tests.test_tui_snapshots import app_on, settled, study, utc_clock  # noqa: F401 - fixtures
from tests.test_tui_snapshots import open_mg14 as snapshot_open_mg14
from workbench.cli import app as program
from workbench.services.coding.codings import add_coding, reveal
from workbench.services.coding.units import list_units, segment
from workbench.services.coding.workspace import in_vivo_code, open_workspace
from workbench.services.reports.thematic_tree import build_thematic_tree
from workbench.storage.project import Project
from workbench.tui.app import CODER_SETTING, create_app
from workbench.tui.language import translate
from workbench.tui.screens.agreement import AgreementScreen
from workbench.tui.screens.coding import position_key
from workbench.tui.screens.coding_view import elided
from workbench.tui.screens.dialogs import Choice, CodeFinder, CoderPrompt, FirstCoderPrompt, fitted
from workbench.tui.screens.exports import KINDS, ExportScreen, free_name
from workbench.tui.screens.home import HomeScreen
from workbench.tui.widgets.code_tree import CodeTree
from workbench.tui.widgets.key_bar import KeyBar


def french_sample(tmp_path: Path) -> Project:
    project = sample_project(tmp_path)
    project.set_setting("language", "fr")
    return project


def shown(label: Label) -> str:
    """A label's text, its non-breaking spaces (French typography) read as spaces."""
    return str(label.render()).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("key", ["escape", "ctrl+q", "ctrl+c"])
async def test_the_first_start_prompt_can_be_left(tmp_path: Path, key: str) -> None:
    project = french_sample(tmp_path)
    app = create_app(project)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstCoderPrompt)
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running
    assert project.setting(CODER_SETTING) is None


async def test_the_first_start_prompt_explains_a_refused_name_in_french(tmp_path: Path) -> None:
    project = french_sample(tmp_path)
    app = create_app(project)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        refusal = app.screen.query_one("#answer-refused", Label)
        assert isinstance(app.screen, FirstCoderPrompt)
        assert shown(refusal) == "Tapez d’abord votre nom (Échap quitte)."
        await pilot.press(*"Zoé Martin", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FirstCoderPrompt)
        assert shown(refusal) == (
            "'Zoé Martin' ne peut pas être un nom de codeur : lettres, chiffres, . _ - ou @ (64 au plus), par exemple alice"
        )
        assert "--coder" not in shown(refusal)
        await pilot.press("ctrl+u", *"zoé.martin", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.coder == "zoé.martin"
    assert project.setting(CODER_SETTING) == "zoé.martin"


async def test_switching_coder_can_be_cancelled(tmp_path: Path) -> None:
    project = french_sample(tmp_path)
    app = create_app(project, coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == CoderPrompt.__name__ and not isinstance(app.screen, FirstCoderPrompt)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.coder == "alice" and app.is_running


def screen_lines(app) -> list[str]:  # noqa: ANN001 - a running app
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
@pytest.mark.parametrize("language", ["fr", "en"])
async def test_every_home_key_is_seen_at_100_and_80_columns(tmp_path: Path, size: tuple[int, int], language: str) -> None:
    project = sample_project(tmp_path)
    project.set_setting("language", language)
    app = create_app(project, coder="alice")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        keys = bar.keys()
        assert len(keys) == 14 and keys[1][0] == "/" and keys[-2][0] == "?" and keys[-1] == ("^p", "palette")
        bottom = "\n".join(screen_lines(app)[bar.region.y :])
        assert bar.region.height in (2, 3) and bar.region.bottom == size[1]
        for key, description in keys:
            assert f" {key} {description} " in bottom.replace("\n", " ") + " ", (key, description)
        assert "Livre de codes" in bottom if language == "fr" else "Codebook" in bottom


def french_bundled(database: Path) -> Project:
    project = Project.open(database)
    project.set_setting("language", "fr")
    return project


async def test_the_codebook_tree_opens_and_closes_with_the_arrows(bundled_copy: Path) -> None:
    app = create_app(french_bundled(bundled_copy), coder="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_mg14(pilot, app)
        await pilot.press("tab")
        tree = app.screen.query_one("#codebook", CodeTree)
        assert tree.has_focus
        await pilot.press("down")
        theme = tree.cursor_node
        assert theme.parent is tree.root and theme.is_expanded and theme.children
        await pilot.press("left")
        assert not theme.is_expanded and tree.cursor_node is theme
        await pilot.press("right")
        assert theme.is_expanded and tree.cursor_node is theme
        await pilot.press("right")
        assert tree.cursor_node is theme.children[0]
        child = theme.children[0]
        assert child.children and not child.is_expanded
        await pilot.press("right")
        assert child.is_expanded and tree.cursor_node is child
        await pilot.press("left")
        assert not child.is_expanded and tree.cursor_node is child
        await pilot.press("left")
        assert tree.cursor_node is theme and theme.is_expanded
        await pilot.press("space")
        assert not theme.is_expanded and tree.scroll_x == 0


def test_a_long_path_loses_its_middle_never_the_end_of_its_name() -> None:
    path = "Des AM, pour quel MG et pour quelles missions ?/La délégation de tâches/Les AM pourraient recueillir les constantes"
    assert fitted(path, 200) == path
    assert fitted(path, 56) == "Des AM, pou…/Les AM pourraient recueillir les constantes"
    assert fitted(path, 30) == "Des AM, pour q… les constantes"
    assert len(fitted(path, 56)) == 56 and len(fitted(path, 30)) == 30


async def test_the_code_finder_at_80_by_24(bundled_copy: Path) -> None:
    """Full code names, one a line, more than three at once; Enter without a match says so."""
    app = create_app(french_bundled(bundled_copy), coder="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mg14(pilot, app)
        await pilot.press("c", *"déleg")
        await pilot.pause()
        finder = app.screen
        assert isinstance(finder, CodeFinder)
        results = finder.query_one("#finder-results")
        width = results.scrollable_content_region.width
        prompts = [str(results.get_option_at_index(index).prompt) for index in range(results.option_count)]
        assert len(prompts) == len(finder.matches) > 3 and results.scrollable_content_region.height > 3
        for (_, path), line in zip(finder.matches, prompts, strict=True):
            assert len(line) < width and line.endswith(path[-12:]), (path, line)
        screen = "\n".join(screen_lines(app))
        assert sum(1 for line in prompts[: results.scrollable_content_region.height] if line in screen) > 3
        assert "Les AM pourraient recueillir les constantes" in screen
        await pilot.press("ctrl+u", *"zzz", "enter")
        await pilot.pause()
        assert app.screen is finder
        none = finder.query_one("#finder-none", Label)
        assert none.display and shown(none) == "Aucun code ne correspond à « zzz » : retirez des lettres, ou Échap pour revenir"


async def test_before_units_the_header_and_panel_speak_of_speaker_turns(bundled_copy: Path) -> None:
    app = create_app(Project.open(bundled_copy), coder="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.pause()
        header = str(screen.query_one("#document-title").render())
        assert header.endswith("· en aveugle · 0/20 tours de parole codés (s les découpe en unités de sens)"), header
        panel = str(screen.query_one("#unit-codes").render())
        assert "Tour de parole 1 (" in panel and "Unité 1" not in panel


def test_recent_codes_keep_the_end_that_tells_them_apart() -> None:
    first, second = "Les AM pourraient lire les résultats", "Les AM pourraient recueillir les constantes"
    assert (elided(first, 24), elided(second, 24)) == ("Les AM …re les résultats", "Les AM …r les constantes")
    assert elided("Confiance", 24) == "Confiance"


async def test_the_coding_screen_reopens_where_the_coder_left_it(bundled_copy: Path) -> None:
    """Per coder and document, across restarts: bob leaves MG14 on its 6th turn, quits; alice
    still starts at the first."""
    app = create_app(Project.open(bundled_copy), coder="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press(*["j"] * 5)
        assert screen.current_unit.position == 6
        left_at = screen.current_unit.start
        await pilot.press("ctrl+q")
    project = Project.open(bundled_copy)
    assert project.setting(position_key("MG14", "bob")) == str(left_at)
    for coder, position in (("bob", 6), ("alice", 1)):
        app = create_app(project, coder=coder)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_mg14(pilot, app)
            assert screen.current_unit.position == position, coder
            await pilot.press("escape")


async def test_the_tree_shows_the_whole_name_of_its_code_below_it(bundled_copy: Path) -> None:
    app = create_app(french_bundled(bundled_copy), coder="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mg14(pilot, app)
        assert screen.query_one("#side-panel").size.width >= 36
        await pilot.press("tab", "down", "right", "right")
        await pilot.pause()
        tree = screen.query_one("#codebook", CodeTree)
        path = screen.workspace.codebook.tree.path_text(tree.cursor_node.data)
        panel = str(screen.query_one("#unit-codes").render())
        assert panel.startswith(path + "\n")
        await pilot.press("tab")
        await pilot.pause()
        panel = str(screen.query_one("#unit-codes").render())
        assert not panel.startswith(path) and "Tour de parole 1 (" in panel


@pytest.fixture
def compared(bundled_copy: Path) -> Path:
    """The bundled study with MG14 cut into sentences, partly coded by alice and revealed to her:
    she can compare her coding with thesis-000's."""
    project = Project.open(bundled_copy)
    segment(project, ["MG14"], actor="test", split_sentences=split_plain_sentences)
    for unit in list_units(project, "MG14")[1:9]:
        add_coding(project, "MG14", "Manque de médecins", unit.start, unit.end, coder="alice")
    reveal(project, "MG14", coder="alice")
    project.close()
    return bundled_copy


async def open_agreement(pilot, app) -> AgreementScreen:  # noqa: ANN001 - Pilot, App
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, AgreementScreen)
    return app.screen


async def test_agreement_at_80_by_24_shows_every_statistic_and_every_key(compared: Path) -> None:
    app = create_app(Project.open(compared), coder="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agreement(pilot, app)
        for table in ("#agreement-codes", "#agreement-documents"):
            region = screen.query_one(table).content_region
            header = screen_lines(app)[region.y]
            assert header.split()[1:6] == ["accord", "κ", "BP", "AC1", "α"], header
        bar = screen.query_one(KeyBar)
        assert [key for key, _ in bar.keys()] == ["esc", "l", "u", "+", "-", "v", "g", "?", "^p"]
        assert "v Revoir les désaccords" in " ".join(screen_lines(app)[bar.region.y :])


async def test_agreement_depth_says_why_at_either_end(compared: Path) -> None:
    app = create_app(Project.open(compared), coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agreement(pilot, app)
        await pilot.press("plus")
        await pilot.pause()
        assert screen.depth is None
        said = translate("The codes are already as coded, the finest there is: − rolls them up to depth {depth}", "fr", depth=4)
        assert list(app._notifications)[-1].message == said
        for _ in range(4):
            await pilot.press("minus")
            await app.workers.wait_for_complete()
        assert screen.depth == 1
        await pilot.press("minus")
        await pilot.pause()
        said = translate("The codes are already rolled up to depth 1, the themes: + shows them finer", "fr")
        assert screen.depth == 1 and list(app._notifications)[-1].message == said
        await pilot.press("plus")
        await app.workers.wait_for_complete()
        assert screen.depth == 2


@pytest.mark.parametrize("level_presses", [0, 1, 2])
async def test_each_document_is_one_row_of_the_documents_table_at_every_level(compared: Path, level_presses: int) -> None:
    """The MG14 row once seen twice at character level: one row at every level, after the level
    changed while a comparison was still running too."""
    app = create_app(Project.open(compared), coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agreement(pilot, app)
        for _ in range(level_presses):
            await pilot.press("l", "g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        documents = screen.query_one("#agreement-documents")
        assert [str(documents.get_row_at(row)[0]) for row in range(documents.row_count)] == ["MG14"]


async def export(pilot, app, kind: str) -> None:  # noqa: ANN001 - Pilot, App
    app.screen.query_one("#export-kinds").highlighted = [entry.key for entry in KINDS].index(kind)
    await pilot.press("enter")
    await pilot.pause()


async def test_exports_are_named_for_what_they_hold_and_never_overwrite_unasked(bundled_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "un dossier partagé" / "exports de la thèse"
    folder.mkdir(parents=True)
    project = Project.open(bundled_copy)
    app = create_app(project, coder="alice")
    today = date.today().isoformat()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = ExportScreen(project, folder)
        app.push_screen(screen)
        await pilot.pause()
        await export(pilot, app, "tree")
        await pilot.press("enter")  # thesis-000, who coded with one codebook
        await app.workers.wait_for_complete()
        tree = folder / f"arbre_Assistants-médicaux-en_Thèse-000-Les-assistants_thesis-000_{today}.docx"
        assert [path.name for path in folder.iterdir()] == [tree.name]
        log = screen.query_one(Log)
        assert all(len(line) <= log.scrollable_content_region.width for line in map(str, log.lines))
        written = "".join(str(line).removeprefix("    ") for line in log.lines)
        assert f"→ {tree} …" in written and f"écrit\u00a0: {tree} (" in written

        await export(pilot, app, "codings-csv")
        await app.workers.wait_for_complete()
        codings = folder / f"codages_Assistants-médicaux-en_{today}.csv"
        before = codings.read_bytes()
        await export(pilot, app, "codings-csv")
        assert isinstance(app.screen, Choice)
        question = str(app.screen.query_one(Label).render())
        assert question == f"{codings} existe déjà." or question == f"{codings} exists already."
        await pilot.press("escape")
        await pilot.pause()
        assert sorted(path.name for path in folder.iterdir()) == sorted([tree.name, codings.name])
        await export(pilot, app, "codings-csv")
        await pilot.press("enter")  # the first answer: beside it
        await app.workers.wait_for_complete()
        beside = codings.with_name(f"{codings.stem}-2.csv")
        assert beside.read_bytes() == before and codings.read_bytes() == before
        await export(pilot, app, "codings-csv")
        await pilot.press("down", "enter")  # replace it
        await app.workers.wait_for_complete()
        assert len(list(folder.iterdir())) == 3


def test_free_name_counts_from_2(tmp_path: Path) -> None:
    path = tmp_path / "codages_étude_2026-12-03.csv"
    assert free_name(path) == path
    path.write_text("x")
    (tmp_path / "codages_étude_2026-12-03-2.csv").write_text("x")
    assert free_name(path).name == "codages_étude_2026-12-03-3.csv"


def test_an_in_vivo_code_stays_out_of_another_coder_s_results(bundled_copy: Path) -> None:
    """alice's in-vivo code, filed under « In vivo » in the thesis's codebook, is in her tree and
    not in the thesis coder's."""
    project = Project.open(bundled_copy)
    workspace = open_workspace(project, "MG14", coder="alice")
    unit = workspace.units[3]
    in_vivo_code(project, workspace, (unit.start, unit.end), "c’est long comme thèse")
    reference = build_thematic_tree(project, coder="thesis-000")
    assert not [node.name for node in reference.nodes if "vivo" in node.name.lower() or "long comme" in node.name]
    assert len(reference.nodes) == 70
    own = build_thematic_tree(project, coder="alice", codebook=reference.codebook)
    assert [(node.depth, node.name, node.quoted) for node in own.nodes[-2:]] == [(1, "In vivo", 1), (2, "c’est long comme thèse", 1)]


def every_command(command, prefix: tuple[str, ...] = ()):  # noqa: ANN001, ANN201 - a click command, its paths
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from every_command(sub, (*prefix, name))


def test_every_help_names_values_in_words_not_python_types() -> None:
    """No ``{files}...``, ``<list[Path]>``, ``<str>`` or ``<int range>``: arguments in capitals,
    options by their metavar or choices."""
    import workbench.main  # noqa: F401 - adds ``bench``

    helps = {}
    for path in every_command(typer.main.get_command(program)):
        result = CliRunner().invoke(program, [*path, "--help"], env=ENGLISH_LOCALE)
        assert result.exit_code == 0, (path, result.output)
        helps[" ".join(path)] = result.output
    assert len(helps) > 35
    for name, output in helps.items():
        for line in output.splitlines():
            assert "<" not in line and not re.search(r"\{\w+\}", line), f"workbench {name} --help: {line}"
    assert "Usage: workbench import [OPTIONS] FILES..." in helps["import"]
    assert re.search(r"^  FILES\.\.\.  Transcripts", helps["import"], re.MULTILINE)
    assert "--participant-label LABEL" in helps["import"] and "--kind [transcript|excerpts|survey]" in helps["import"]
    assert "--limit N" in helps["log"]
    assert "Usage: workbench export transcript [OPTIONS] DOCUMENT" in helps["export transcript"]


def test_log_json_is_an_object(tmp_path: Path) -> None:
    sample_project(tmp_path).close()
    database = tmp_path / "codebook.db"
    logged = run_json(database, "log", "--limit", "1")
    assert list(logged) == ["limit", "entries"] and logged["limit"] == 1
    assert [entry["action"] for entry in logged["entries"]] == ["codebook.added"]
    assert run_json(database, "log", "--limit", "0")["limit"] is None



async def test_the_key_help_names_keys_as_people_write_them_and_scrolls(bundled_copy: Path) -> None:
    """Esc, /, Ctrl+Z, ?, F1 (not escape, slash, ctrl+z, question_mark); every row reached at 80 × 24;
    a key without a description of its own (2 to 9, F3, F4) is no row."""
    app = create_app(french_bundled(bundled_copy), coder="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mg14(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(app.screen.query("Label").last().render())
        for row in (r"Esc +Retour", r"c, / +Coder…", r"u, Ctrl\+Z +Annuler l’action", r"\?, F1 +Touches"):
            assert re.search(f"^{row}$", help_text, re.MULTILINE), row
        assert "escape" not in help_text and "slash" not in help_text and "Project-Id-Version" not in help_text
        rows = help_text.splitlines()
        assert not [row for row in rows if row.split()[0] in {"2", "3", "F3", "F4"}]
        scroll = app.screen.query_one(".dialog")
        assert scroll.max_scroll_y > 0
        await pilot.press(*["down"] * 30)
        assert scroll.scroll_y == scroll.max_scroll_y

# Snapshots at 80 × 24 (pytest-textual-snapshot; update with --snapshot-update, see test_tui_snapshots.py).

SMALL = (80, 24)


@pytest.mark.slow
def test_home_at_80_by_24(study: Path, snap_compare) -> None:  # noqa: ANN001, F811 - the snapshot fixtures
    assert snap_compare(app_on(study), terminal_size=SMALL)


@pytest.mark.slow
def test_agreement_at_80_by_24(study: Path, snap_compare) -> None:  # noqa: ANN001, F811
    async def compare(pilot) -> None:  # noqa: ANN001
        await pilot.press("a", "enter")
        await settled(pilot)

    assert snap_compare(app_on(study), run_before=compare, terminal_size=SMALL)


@pytest.mark.slow
def test_code_finder_at_80_by_24(study: Path, snap_compare) -> None:  # noqa: ANN001, F811
    async def find(pilot) -> None:  # noqa: ANN001
        await snapshot_open_mg14(pilot)
        await settled(pilot)
        await pilot.press("c", *"déleg")
        await settled(pilot)

    assert snap_compare(app_on(study), run_before=find, terminal_size=SMALL)


@pytest.mark.parametrize(("language", "shown"), [("fr", "entretien"), ("en", "transcript")])
async def test_the_home_shows_a_document_s_kind_in_the_interface_s_language_and_filters_by_either(
    tmp_path: Path, language: str, shown: str
) -> None:
    project = sample_project(tmp_path)
    project.set_setting("language", language)
    app = create_app(project, coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert any(line.split()[:3] == ["MG1", "—", shown] for line in screen_lines(app))
        for query, count in ((f"kind:{shown}", 1), ("kind:transcript", 1), ("kind:extraits", 0)):
            home.query_text = query
            home.action_refresh_table()
            await pilot.pause()
            assert home.query_one("DataTable").row_count == count, query
