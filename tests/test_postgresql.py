"""The storage and CLI suites on both backends: each test here runs on a SQLite file and on a fresh
PostgreSQL database (skipped, with the reason, when no server is given: see ``postgres_url``).

The checks are those of the SQLite suites, imported and called on a project at ``project_location``
(their ``database`` is a path or a URL alike), plus what only PostgreSQL has: its append-only
trigger, and ``backup`` through ``pg_dump``.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

import tests.test_agreement_project as agreement_project
from tests import (
    test_agreement_cli,
    test_cli_import,
    test_codebook_cli,
    test_exports,
    test_maintenance,
    test_qdpx,
    test_storage,
    test_units_cli,
)
from tests.helpers import run_cli, run_json, snapshot_of
from tests.test_agreement_project import PLANS, SEGMENTED, TRANSCRIPTS, UNIT_COUNTS, stored_text
from tests.test_codebook_operations import TEXT, add_coding, write_sample
from tests.test_qdpx import rich_project  # noqa: F401 - a fixture
from workbench.services.codebook.importing import import_codebook
from workbench.services.coding.codings import list_codings, mark_done, reveal
from workbench.services.maintenance.backup import libpq_url
from workbench.services.coding.units import list_units
from workbench.storage.project import Project
from workbench.storage.records import CoderRecord, DocumentRecord

Check = Callable[..., None]


def run_check(check: Check, **fixtures: object) -> None:
    """Call a test function of another suite with the fixtures it names."""
    check(**{name: fixtures[name] for name in inspect.signature(check).parameters})


def named(check: Check) -> str:
    return check.__name__.removeprefix("test_")


@pytest.fixture
def project_path(project_location: str) -> str:
    """The location the shared ``project`` fixture opens: a file or a URL."""
    return project_location


@pytest.fixture
def imported(project_location: str, tmp_path: Path) -> str:
    """``test_cli_import``'s project: MG31 imported through the CLI."""
    (tmp_path / "MG31.txt").write_text(test_cli_import.TRANSCRIPT, encoding="utf-8")
    result = run_cli(project_location, "import", str(tmp_path / "MG31.txt"))
    assert result.exit_code == 0, result.output
    return project_location


@pytest.fixture
def coded_sample(project_location: str, tmp_path: Path) -> str:
    """``test_codebook_cli``'s project: the sample codebook, MG1, and one coding by alice."""
    project = Project.open(project_location)
    import_codebook(project, write_sample(tmp_path), actor="test")
    with project.transaction() as session:
        session.add(DocumentRecord(identifier="MG1", kind="transcript", text=TEXT, checksum="x"))
        session.add(CoderRecord(name="alice"))
    add_coding(project, "Téléphone", "gère le téléphone")
    project.close()
    return project_location


@pytest.fixture
def two_transcripts(project_location: str, tmp_path: Path) -> str:
    """``test_units_cli``'s project: MG51 and MG52 imported, not segmented."""
    (tmp_path / "MG51.txt").write_text(test_units_cli.TRANSCRIPT, encoding="utf-8")
    (tmp_path / "MG52.txt").write_text("M : Bonjour.\n\nMG52 : Bonjour, je suis installée seule.\n", encoding="utf-8")
    assert run_cli(project_location, "import", str(tmp_path / "MG51.txt"), str(tmp_path / "MG52.txt")).exit_code == 0
    return project_location


@pytest.fixture
def double_coded(project_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``test_agreement_project``'s project (segmented with its sentence splitter, coded by alice
    and bob), built by its own ``build_project`` with the project opened at ``project_location``."""
    monkeypatch.setattr(agreement_project, "Project", SimpleNamespace(open=lambda _path: Project.open(project_location)))
    agreement_project.build_project(tmp_path)
    return project_location


@pytest.fixture
def bundled(project_location: str) -> str:
    """The bundled study, loaded through ``workbench init --bundled``."""
    report = run_json(project_location, "init", "--bundled")
    assert len(report["added"]) == 29 and [entry.endswith(": added") for entry in report["codebooks"]] == [True, True]
    return project_location


STORAGE_SUITE = [
    test_storage.test_opening_creates_the_schema_at_the_latest_migration,
    test_storage.test_reopening_a_project_keeps_its_data,
    test_storage.test_change_log_is_append_only,
    test_storage.test_a_coding_must_cover_at_least_one_character,
    test_storage.test_a_coding_needs_an_existing_document,
    test_storage.test_migrations_downgrade_to_nothing_and_upgrade_again,
    test_storage.test_a_project_at_the_first_revision_is_upgraded_with_its_data,
]


@pytest.mark.parametrize("check", STORAGE_SUITE, ids=named)
def test_storage_suite(check: Check, project: Project, project_path: str) -> None:
    run_check(check, project=project, project_path=project_path)


IMPORT_SUITE = [
    check for name, check in inspect.getmembers(test_cli_import, inspect.isfunction) if name.startswith("test_")
]


@pytest.mark.parametrize("check", IMPORT_SUITE, ids=named)
def test_import_suite(check: Check, imported: str, tmp_path: Path) -> None:
    run_check(check, database=imported, tmp_path=tmp_path)


CODEBOOK_SUITE = [
    test_codebook_cli.test_codes_json_lists_every_code_in_pre_order,
    test_codebook_cli.test_codes_text_is_an_indented_numbered_tree,
    test_codebook_cli.test_code_commands_edit_and_undo,
    test_codebook_cli.test_delete_with_codings_is_refused_and_changes_nothing,
    test_codebook_cli.test_export_codebook_writes_each_format,
    test_codebook_cli.test_import_reports_the_codebook,
]


@pytest.mark.parametrize("check", CODEBOOK_SUITE, ids=named)
def test_codebook_suite(check: Check, coded_sample: str, tmp_path: Path) -> None:
    run_check(check, database=coded_sample, tmp_path=tmp_path)


UNITS_SUITE = [
    test_units_cli.test_segment_reports_units_per_document,
    test_units_cli.test_include_interviewer,
    test_units_cli.test_units_json_shape_and_participant_speech_only,
    test_units_cli.test_split_and_merge,
    test_units_cli.test_resegmenting_leaves_codings_untouched,
    test_units_cli.test_offset_outside_the_unit_is_rejected,
    test_units_cli.test_merging_the_last_unit_or_across_turns_is_rejected,
]


@pytest.mark.parametrize("check", UNITS_SUITE, ids=named)
def test_units_suite(check: Check, two_transcripts: str) -> None:
    if "segmented" in inspect.signature(check).parameters:
        assert run_cli(two_transcripts, "segment", "--json").exit_code == 0
    run_check(check, database=two_transcripts, segmented=two_transcripts)


AGREEMENT_SUITE = [
    test_agreement_cli.test_agreement_json_shape_and_figures,
    test_agreement_cli.test_depth_and_min_cover_options,
    test_agreement_cli.test_character_and_document_levels,
    test_agreement_cli.test_csv_has_a_row_per_code_and_the_pooled_row,
    test_agreement_cli.test_disagreements_json,
    test_agreement_cli.test_resolve_writes_consensus_codings_then_replaces_them,
    test_agreement_cli.test_a_document_both_coded_but_not_segmented_is_refused_with_a_hint,
]


@pytest.mark.parametrize("check", AGREEMENT_SUITE, ids=named)
def test_agreement_suite(check: Check, double_coded: str) -> None:
    run_check(check, database=double_coded)


def test_segmentation_and_codings_read_back(double_coded: str) -> None:
    """The units the sentence splitter made and the codings added on them, through the services and the CLI."""
    project = Project.open(double_coded)
    texts = {document: stored_text(project, document) for document in TRANSCRIPTS}
    for document in SEGMENTED:
        units = list_units(project, document)
        assert [(unit.start, unit.end) for unit in units] == [
            (entry["start"], entry["end"]) for entry in run_json(double_coded, "units", "--document", document)["units"]
        ]
        assert all(texts[document][unit.start : unit.end].strip() for unit in units)
    assert {document: len(list_units(project, document)) for document in UNIT_COUNTS} == UNIT_COUNTS
    codings = list_codings(project, coders=["bob"])
    project.close()
    planned = sum(len(codes) for by_unit in PLANS["bob"].values() for codes in by_unit.values())
    assert len(codings) == planned and {coding.document for coding in codings} == {"MG61", "MG62"}
    assert all(coding.text == texts[coding.document][coding.start : coding.end] for coding in codings)
    logged = run_json(double_coded, "log", "--actor", "bob", "--action", "coding.added")
    assert len(logged) == planned and [entry["id"] for entry in logged] == sorted((entry["id"] for entry in logged), reverse=True)


BUNDLED_SUITE = [
    test_maintenance.test_the_bundled_study_checks_clean,
    test_exports.test_the_tree_has_one_heading_per_node_at_its_depth_and_verbatim_attributed_quotes,
    test_exports.test_the_tree_in_other_numbering,
    test_exports.test_tree_errors_leave_the_database_as_it_was,
    test_exports.test_codings_table_has_one_row_per_coding_with_attributes,
    test_exports.test_code_by_participant_matrix_matches_an_independent_count,
    test_exports.test_cooccurrence_needs_units_and_a_table_needs_a_known_suffix,
    test_exports.test_a_transcript_in_word_carries_each_coding_as_a_comment,
    test_exports.test_cooccurrence_counts_units_where_both_codes_were_applied,
]


def test_bundled_study_suite(bundled: str, tmp_path: Path) -> None:
    """The bundled study loaded once, then its checks and exports in turn (the last one adds units and codings)."""
    for check in BUNDLED_SUITE:
        output = tmp_path / named(check)
        output.mkdir()
        run_check(check, bundled_copy=bundled, tmp_path=output)


@pytest.fixture
def pg_restore() -> str:
    """``pg_restore``, once ``pg_dump`` is there too (``.ci/run`` puts the server's own first on PATH)."""
    program = shutil.which("pg_restore")
    if program is None or shutil.which("pg_dump") is None:
        pytest.skip("pg_dump and pg_restore are not installed (postgresql-client)")
    return program


def restore(archive: Path, url: str, program: str) -> None:
    """Put the database back as ``archive`` has it, dropping what was created since."""
    parsed = make_url(url)
    environment = {**os.environ, "PGPASSWORD": str(parsed.password or "")}
    command = [program, "--clean", "--if-exists", "--single-transaction", "--dbname", libpq_url(parsed), str(archive)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr


def test_postgresql_backup_restores_to_what_was_committed(postgres_url: str, tmp_path: Path, pg_restore: str) -> None:
    """``workbench backup`` runs pg_dump; pg_restore of its archive gives back every row, trigger included.

    pg_dump refuses a server of a newer major version than its own: the error then names both."""
    run_json(postgres_url, "init", "--bundled")
    archive = tmp_path / "study.dump"
    report = run_json(postgres_url, "backup", "-o", str(archive))
    assert report == {"path": str(archive), "bytes": archive.stat().st_size, "rows": {}}
    backed_up = snapshot_of(postgres_url)
    assert run_cli(postgres_url, "code", "rename", "Manque de médecins", "Pénurie de médecins").exit_code == 0
    assert snapshot_of(postgres_url) != backed_up
    restore(archive, postgres_url, pg_restore)
    assert snapshot_of(postgres_url) == backed_up
    project = Project.open(postgres_url)
    with pytest.raises(DatabaseError, match="append-only"), project.transaction() as session:
        session.execute(text("DELETE FROM change_log"))
    project.close()


def test_a_url_with_no_server_behind_it_is_refused_in_one_line_without_its_password() -> None:
    result = run_cli("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "documents")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("workbench: ") and "cannot open the project" in result.stderr
    assert "secret" not in result.stderr


LONG_HEADER = "Présence d’une assistante médicale au cabinet au moment de l’entretien (oui/non)"


def test_long_names_and_headers_are_kept_alike_on_both_backends(project_location: str, tmp_path: Path) -> None:
    """Names at their limit and spreadsheet headers past 64 characters are stored the same on both
    backends (PostgreSQL enforces column lengths, SQLite does not); ``nan`` stays the text it was."""
    identifier, coder = "MG31_" + "é" * 59, "c" * 64
    (tmp_path / f"{identifier}.txt").write_text(test_cli_import.TRANSCRIPT, encoding="utf-8")
    assert run_cli(project_location, "import", str(tmp_path / f"{identifier}.txt")).exit_code == 0
    (tmp_path / "participants.csv").write_text(f"participant,{LONG_HEADER},score\nMG31,oui,nan\n", encoding="utf-8")
    run_json(project_location, "import", str(tmp_path / "participants.csv"))
    assert run_json(project_location, "participants")["participants"] == [
        {"id": "MG31", "attributes": {LONG_HEADER: True, "score": "nan"}}
    ]
    project = Project.open(project_location)
    mark_done(project, identifier, coder=coder)
    reveal(project, identifier, coder=coder)
    project.close()
    logged = run_json(project_location, "log", "--actor", coder, "--action", "DOCUMENT.")
    assert [entry["action"] for entry in logged] == ["document.revealed", "document.done"]


def test_a_qdpx_project_moves_between_backends_losslessly(rich_project: Path, project_location: str, tmp_path: Path) -> None:
    """The bundled study with memos and a second coder, exported from SQLite, imported on each
    backend: the same content, and exporting it again gives the same bytes."""
    output = tmp_path / "étude.qdpx"
    test_qdpx.export(rich_project, output)
    assert run_cli(project_location, "init").exit_code == 0
    report = run_json(project_location, "import", str(output))
    assert report["codings"] == {"alice": 2, "thesis-000": 114, "thesis-002": 109}
    assert test_qdpx.project_content(project_location) == test_qdpx.project_content(rich_project)
    again = tmp_path / "again.qdpx"
    test_qdpx.export(project_location, again)
    assert again.read_bytes() == output.read_bytes()


async def test_coding_in_the_terminal_ui_on_each_backend(bundled: str) -> None:
    from tests.test_tui_coding import open_mg14
    from workbench.tui.app import create_app

    project = Project.open(bundled)
    app = create_app(project, coder="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("j", "c")
        await pilot.pause()
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        unit = screen.current_unit
    (coding,) = list_codings(project, coders=["alice"])
    project.close()
    assert (coding.document, coding.start, coding.end, coding.text) == ("MG14", unit.start, unit.end, unit.text)
