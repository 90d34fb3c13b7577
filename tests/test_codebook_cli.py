"""The codebook commands: ``codes``, ``code …``, ``export codebook`` and ``import FILE.yaml``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.factories import SAMPLE_CODES, SAMPLE_NAME, code_fragment, sample_project
from tests.helpers import assert_rejected, run_cli, run_json
from workbench.cli import app

CODE_KEYS = [
    "id", "name", "number", "depth", "path", "parent", "position", "colour", "shortcut",
    "description", "when_to_use", "when_not_to_use", "example", "codings",
]


@pytest.fixture
def database(project_location: str, tmp_path: Path) -> str:
    """On each backend: the sample codebook, MG1, and alice's coding of "gère le téléphone"."""
    project = sample_project(tmp_path, project_location)
    code_fragment(project, "Téléphone", "gère le téléphone")
    project.close()
    return project_location


def test_codes_json_lists_every_code_in_pre_order(database: str) -> None:
    (codebook,) = run_json(database, "codes")["codebooks"]
    assert list(codebook) == ["id", "name", "language", "source", "codes"]
    assert (codebook["name"], codebook["language"], codebook["source"]) == (SAMPLE_NAME, "fr", "Entretiens MG1–MG3")
    codes = codebook["codes"]
    assert len(codes) == SAMPLE_CODES and all(list(code) == CODE_KEYS for code in codes)
    assert [(code["number"], code["depth"], code["name"]) for code in codes[:6]] == [
        ("I.", 1, "Organisation du cabinet"),
        ("A.", 2, "Accueil des patients"),
        ("1.", 3, "Téléphone"),
        ("", 4, "Appels manqués"),
        ("", 5, "Rappels l’après-midi"),
        ("2.", 3, "Secrétariat"),
    ]
    telephone = codes[2]
    assert telephone["path"] == ["Organisation du cabinet", "Accueil des patients", "Téléphone"]
    assert (telephone["parent"], telephone["position"], telephone["codings"]) == (codes[1]["id"], 1, 1)
    assert codes[0]["shortcut"] == "o" and codes[0]["example"] == "«\u00a0On a réorganisé l’accueil\u00a0»"
    assert [code["number"] for code in codes if code["name"] in ("Prise des constantes", "Confiance")] == ["", "A."]


def test_codes_text_is_an_indented_numbered_tree(database: str) -> None:
    result = run_cli(database, "codes")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{SAMPLE_NAME} (11 codes)"
    assert lines[1].startswith("  I. Organisation du cabinet  (#1, key o)")
    assert lines[3] == "      1. Téléphone  (#3, 1 coding)"
    assert lines[4] == "        • Appels manqués  (#4)"


def test_code_commands_edit_and_undo(database: str) -> None:
    added = run_json(database, "code", "add", "Agenda partagé", "--under", "Accueil des patients", "--position", "1", "--shortcut", "g")
    assert added["action"] == "code.added" and list(added["code"]) == CODE_KEYS
    assert (added["code"]["number"], added["code"]["position"], added["code"]["shortcut"]) == ("1.", 1, "g")
    renamed = run_json(database, "code", "rename", str(added["code"]["id"]), "Agenda en ligne")
    assert (renamed["from"], renamed["to"]) == ("Agenda partagé", "Agenda en ligne")
    edited = run_json(database, "code", "edit", "Agenda en ligne", "--colour", "#59a14f", "--example", "«\u00a0Doctolib\u00a0»")
    assert edited["fields"] == ["example", "colour"] and edited["code"]["colour"] == "#59A14F"
    moved = run_json(database, "code", "move", "Agenda en ligne", "--top")
    assert moved["to"] == {"parent": None, "position": 3} and moved["code"]["number"] == "III."
    split = run_json(database, "code", "split", "Téléphone", "Standard", "--coding", "1")
    assert split["codings_moved"] == 1 and split["code"]["codings"] == 1
    merged = run_json(database, "code", "merge", "Standard", "--into", "Téléphone")
    assert (merged["code"]["name"], merged["codings_moved"], merged["code"]["codings"]) == ("Téléphone", 1, 1)
    deleted = run_json(database, "code", "delete", "Agenda en ligne")
    assert deleted["code"] is None and deleted["deleted"] == [["Agenda en ligne"]]
    undone = run_json(database, "code", "undo")
    assert (undone["action"], undone["code"]["name"]) == ("code.undone", "Agenda en ligne")
    assert run_json(database, "code", "redo")["action"] == "code.redone"
    result = run_cli(database, "code", "undo")
    assert result.exit_code == 0 and result.stdout.startswith("Undone: code.deleted of 'Agenda en ligne'")


def test_delete_with_codings_is_refused_and_changes_nothing(database: str) -> None:
    line = assert_rejected(database, "code", "delete", "Téléphone", "--recursive", mentions="hold 1 coding and 0 memos")
    assert "--reassign-to CODE" in line
    assert_rejected(database, "code", "move", "Accueil des patients", "--under", "Téléphone", mentions="inside it")
    assert_rejected(database, "code", "rename", "Nulle part", "Autre", mentions="no code 'Nulle part'")
    assert_rejected(database, "code", "move", "Téléphone", "--top", "--under", "Confiance", mentions="--under and --top")
    reassigned = run_json(database, "code", "delete", "Téléphone", "--recursive", "--reassign-to", "Secrétariat")
    assert reassigned["codings_reassigned"] == 1 and reassigned["reassigned_to"][-1] == "Secrétariat"


def test_export_codebook_writes_each_format(database: str, tmp_path: Path) -> None:
    for name, expected in (("codes.yaml", "yaml"), ("codes.qdc", "qdc"), ("annexe.docx", "docx")):
        report = run_json(database, "export", "codebook", "-o", str(tmp_path / name))
        assert report == {"codebook": SAMPLE_NAME, "format": expected, "path": str(tmp_path / name), "codes": SAMPLE_CODES}
    assert yaml.safe_load((tmp_path / "codes.yaml").read_text(encoding="utf-8"))["codes"][0]["number"] == "I."
    forced = run_json(database, "export", "codebook", "--format", "qdc", "--codebook", "essai", "-o", str(tmp_path / "codes.xml"))
    assert forced["format"] == "qdc"
    assert run_cli(database, "export", "codebook", "--format", "pdf", "-o", str(tmp_path / "x.pdf")).exit_code == 2
    assert_rejected(database, "export", "codebook", "--codebook", "inconnu", "-o", str(tmp_path / "x.yaml"), mentions="no codebook 'inconnu'")


def test_import_reports_the_codebook(database: str, tmp_path: Path) -> None:
    exported = tmp_path / "copie.yaml"
    run_json(database, "export", "codebook", "-o", str(exported))
    assert run_json(database, "import", str(exported)) == {
        "codebook": SAMPLE_NAME, "status": "unchanged", "codes": SAMPLE_CODES, "documents": [], "notices": [],
    }


def test_help_lists_the_codebook_commands() -> None:
    output = CliRunner().invoke(app, ["--help"]).stdout
    assert all(command in output for command in ("codes", "code", "export"))
    code_help = CliRunner().invoke(app, ["code", "--help"]).stdout
    assert all(command in code_help for command in ("add", "rename", "edit", "move", "merge", "split", "delete", "undo", "redo"))
