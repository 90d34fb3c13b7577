"""``workbench document remove ID``: refused while someone has coded the document unless
``--force`` (naming whose codings), logged with every row it took, undone and redone as a whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import split_plain_sentences, write_sample_codebook
from tests.helpers import assert_rejected, database_snapshot, run_cli, run_json, stored_text
from workbench.services.coding.codings import add_coding, reveal
from workbench.services.coding.memos import write_memo
from workbench.services.coding.units import segment
from workbench.storage.project import Project
from workbench.storage.queries import find_document

TRANSCRIPT = (
    "M : Comment l’assistante vous aide-t-elle ?\n\n"
    "MG41 : Elle gère « le téléphone ». Je peux déléguer les constantes.\n\n"
    "M : Et les dossiers ?\n\n"
    "MG41 : Je lui délègue le tri du courrier…\n"
)
OTHER = "M : Bonjour.\n\nMG42 : Je n’ai pas d’assistante, je fais tout moi-même.\n"
SEARCH_TABLES = ("search_passage", "search_text")
"""The search index: its rows get new ids when a document is indexed again."""


@pytest.fixture
def study(project_location: str, tmp_path: Path) -> str:
    """MG41 cut into sentences and coded by alice and bob (a memo on bob's coding, revealed to
    alice), and MG42, coded by nobody."""
    for name, content in (("MG41.txt", TRANSCRIPT), ("MG42.txt", OTHER)):
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert run_cli(project_location, "init").exit_code == 0
    assert run_cli(project_location, "import", str(tmp_path / "MG41.txt"), str(tmp_path / "MG42.txt")).exit_code == 0
    assert run_cli(project_location, "import", str(write_sample_codebook(tmp_path))).exit_code == 0
    project = Project.open(project_location)
    segment(project, ["MG41"], actor="test", split_sentences=split_plain_sentences)
    stored = stored_text(project, "MG41")
    start = stored.index("Elle gère")
    add_coding(project, "MG41", "Secrétariat", start, start + 33, coder="alice")
    add_coding(project, "MG41", "Secrétariat", start, start + 33, coder="bob")
    start = stored.index("Je lui")
    coding = add_coding(project, "MG41", "Confiance", start, start + 30, coder="bob")
    write_memo(project, "Délégation — « tri du courrier »", coder="bob", about="coding", target=coding.id)
    with project.session() as session:
        document = find_document(session, "MG41").id
    write_memo(project, "Entretien riche.", coder="alice", about="document", target=document)
    reveal(project, "MG41", coder="alice")
    project.close()
    return project_location


def rows(location: str) -> dict[str, list[tuple]]:
    """Every row but the change log's and the search index's."""
    project = Project.open(location)
    try:
        return {
            table: found
            for table, found in database_snapshot(project).items()
            if table != "change_log" and not table.startswith(SEARCH_TABLES)
        }
    finally:
        project.close()


def hits(location: str, query: str) -> list[str]:
    return [hit["document"] for hit in run_json(location, "search", query)["hits"]]


def test_a_document_nobody_coded_is_removed_and_put_back(study: str) -> None:
    before = rows(study)
    assert hits(study, "assistante") == ["MG42"]
    removed = run_json(study, "--coder", "carole", "document", "remove", "MG42")
    assert removed == {"action": "document.removed", "document": "MG42", "codings": {}, "units": 0, "turns": 2, "memos": 0}
    assert [document["id"] for document in run_json(study, "documents")["documents"]] == ["MG41"]
    assert hits(study, "assistante") == []
    (entry,) = run_json(study, "log", "--action", "document.removed")["entries"]
    assert (entry["actor"], entry["target_kind"], entry["target"]) == ("carole", "document", "MG42")
    assert entry["details"]["forced"] is False and {change["table"] for change in entry["details"]["changes"]} == {"turn", "document"}

    put_back = run_cli(study, "document", "undo")
    assert put_back.exit_code == 0 and put_back.stdout == "Put back: MG42 (2 turns, 0 units, 0 memos; codings: none).\n"
    assert rows(study) == before
    assert hits(study, "assistante") == ["MG42"]
    assert run_cli(study, "check").exit_code == 0


def test_a_coded_document_is_refused_naming_whose_codings(study: str) -> None:
    message = assert_rejected(study, "--coder", "alice", "document", "remove", "MG41", mentions="MG41")
    assert message == (
        "workbench: document 'MG41' has codings (alice 1, bob 2): removing it removes that work"
        " — add --force to remove it with them (undo: workbench document undo)"
    )
    assert_rejected(study, "document", "remove", "MG99", mentions="MG99")


def test_force_removes_every_coder_s_work_and_undo_puts_it_all_back(study: str) -> None:
    before = rows(study)
    removed = run_json(study, "--coder", "alice", "document", "remove", "MG41", "--force")
    assert removed["codings"] == {"alice": 1, "bob": 2}
    assert (removed["units"], removed["turns"], removed["memos"]) == (3, 4, 2)
    after = rows(study)
    assert after["coding"] == [] and after["memo"] == [] and after["unit"] == []
    assert not [row for row in after["setting"] if "MG41" in row[0]]
    assert hits(study, "délègue") == []

    assert run_json(study, "document", "undo")["action"] == "document.undone"
    assert rows(study) == before
    assert hits(study, "délègue") == ["MG41"]
    assert run_json(study, "--coder", "alice", "document", "redo")["codings"] == {"alice": 1, "bob": 2}
    assert rows(study) == after
    assert run_json(study, "document", "undo")["document"] == "MG41"
    assert rows(study) == before
    assert run_cli(study, "check").exit_code == 0
    message = assert_rejected(study, "document", "undo", mentions="no document removal to undo")
    assert message.endswith("see `workbench log --action document.`")


def test_undo_is_refused_once_a_document_of_that_id_is_imported_again(study: str, tmp_path: Path) -> None:
    assert run_cli(study, "document", "remove", "MG42").exit_code == 0
    (tmp_path / "MG42.txt").write_text("M : Re-bonjour.\n\nMG42 : Autre entretien.\n", encoding="utf-8")
    assert run_cli(study, "import", str(tmp_path / "MG42.txt")).exit_code == 0
    assert_rejected(study, "document", "undo", mentions="cannot undo the removal of document 'MG42'")
