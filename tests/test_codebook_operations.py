"""Codebook operations (the API the terminal UI calls), each one undone and redone, on the sample
codebook (``factories.sample_project``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select, update

from tests.factories import SAMPLE_CODES, code_fragment, code_id, sample_project
from tests.helpers import database_snapshot
from workbench.domain.errors import ConflictError, InputError, NotFoundError
from workbench.services.codebook.merge import delete_code, merge_codes
from workbench.services.codebook.operations import SAME_PARENT, add_code, edit_code, move_code, rename_code, split_code
from workbench.storage.codebooks import load_codebooks
from workbench.storage.history import redo, stacks, undo
from workbench.storage.project import Project, change_log
from workbench.storage.records import CodeRecord, CodingRecord, MemoRecord


def codings_by_code(project: Project) -> dict[str, list[int]]:
    (stored,) = load_codebooks(project)
    with project.session() as session:
        rows = session.exec(select(CodingRecord).order_by(CodingRecord.id)).all()
    return {stored.tree.path_text(row.code_id): [other.id for other in rows if other.code_id == row.code_id] for row in rows}


def tree_shape(project: Project) -> list[tuple[int, str, int]]:
    """(depth, name, position) of every code in pre-order."""
    (stored,) = load_codebooks(project)
    return [(stored.tree.depth(code.id), code.name, code.position) for code in stored.tree.walk()]


def without_log(snapshot: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {table: rows for table, rows in snapshot.items() if table != "change_log"}


@pytest.fixture
def project(tmp_path: Path):
    opened = sample_project(tmp_path)
    yield opened
    opened.close()


def test_add_places_a_code_and_undo_removes_it(project: Project) -> None:
    before = database_snapshot(project)
    change = add_code(
        project, "  Agenda   partagé ", actor="alice", parent="Accueil des patients", position=1,
        shortcut="g", description="L’agenda\r\nen ligne.",
    )
    (stored,) = load_codebooks(project)
    added = stored.tree.codes[change.code]
    assert added.name == "Agenda partagé" and added.description == "L’agenda\nen ligne."
    assert added.colour == "#6E91B7"  # the parent's
    assert [code.name for code in stored.tree.children(added.parent)] == ["Agenda partagé", "Téléphone", "Secrétariat"]
    assert [code.position for code in stored.tree.children(added.parent)] == [1, 2, 3]
    entry = change_log_entries(project)[-1]
    assert (entry.action, entry.actor, entry.target) == ("code.added", "alice", "Organisation du cabinet/Accueil des patients/Agenda partagé")
    assert {change["table"] for change in entry.details["changes"]} == {"code"}
    undone = undo(project, actor="bob")
    assert (undone.action, undone.summary["change"]) == ("code.undone", entry.id)
    assert without_log(database_snapshot(project)) == without_log(before)
    redone = redo(project, actor="bob")
    assert redone.code == change.code  # the same row again
    assert len(load_codebooks(project)[0].tree) == SAMPLE_CODES + 1


def test_add_refuses_a_sibling_name_and_a_taken_shortcut(project: Project) -> None:
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="already has a code named 'Téléphone'"):
        add_code(project, "téléphone", actor="alice", parent="Accueil des patients")
    with pytest.raises(ConflictError, match="shortcut 'o'"):
        add_code(project, "Autre", actor="alice", shortcut="o")
    with pytest.raises(InputError, match="not one key"):
        add_code(project, "Autre", actor="alice", shortcut="ab")
    with pytest.raises(InputError, match="#RRGGBB"):
        add_code(project, "Autre", actor="alice", colour="bleu")
    assert database_snapshot(project) == before


def test_rename_and_edit_then_undo_both(project: Project) -> None:
    before = database_snapshot(project)
    rename_code(project, "Confiance", "Confiance mutuelle", actor="alice")
    change = edit_code(
        project, "Confiance mutuelle", actor="alice", colour="#e15759", shortcut="c",
        when_to_use="Quand le médecin parle de «\u00a0confiance\u00a0».",
    )
    assert change.summary["fields"] == ["when_to_use", "colour", "shortcut"]
    edit_code(project, "Organisation du cabinet", actor="alice", shortcut="")  # removes it
    (stored,) = load_codebooks(project)
    confiance = stored.tree.find("Relation médecin–patient/Confiance mutuelle")
    assert (confiance.colour, confiance.shortcut) == ("#E15759", "c")
    assert stored.tree.find("Organisation du cabinet").shortcut is None
    assert [entry.action for entry in change_log_entries(project)[-3:]] == ["code.renamed", "code.edited", "code.edited"]
    for _ in range(3):
        undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)


def test_editing_nothing_logs_nothing(project: Project) -> None:
    entries = len(change_log_entries(project))
    edit_code(project, "Confiance", actor="alice", colour="#F4A251")
    assert len(change_log_entries(project)) == entries


def test_move_reparents_and_reorders_and_refuses_a_cycle(project: Project) -> None:
    before = database_snapshot(project)
    move_code(project, "Délégation de tâches", actor="alice", parent="Relation médecin–patient", position=1)
    move_code(project, "Confiance", actor="alice", parent=SAME_PARENT, position=1)
    move_code(project, "Secrétariat", actor="alice", parent=None)
    assert tree_shape(project)[:3] == [(1, "Organisation du cabinet", 1), (2, "Accueil des patients", 1), (3, "Téléphone", 1)]
    assert tree_shape(project)[5:] == [
        (1, "Relation médecin–patient", 2),
        (2, "Confiance", 1),
        (2, "Délégation de tâches", 2),
        (3, "Prise des constantes", 1),
        (3, "Tâches administratives", 2),
        (1, "Secrétariat", 3),
    ]
    moved = database_snapshot(project)
    with pytest.raises(InputError, match="inside it"):
        move_code(project, "Organisation du cabinet", actor="alice", parent="Appels manqués")
    assert database_snapshot(project) == moved
    for _ in range(3):
        undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)


def test_merge_moves_codings_children_and_memos_then_undo_restores_all(project: Project) -> None:
    kept = code_fragment(project, "Téléphone", "gère le téléphone")
    moved = code_fragment(project, "Secrétariat", "prend les constantes")
    duplicate = code_fragment(project, "Secrétariat", "gère le téléphone")
    with project.transaction() as session:
        session.add(MemoRecord(target_kind="coding", target_id=duplicate, text="à revoir"))
        session.add(MemoRecord(target_kind="code", target_id=code_id(project, "Secrétariat"), text="mémo"))
    add_code(project, "Standard", actor="alice", parent="Secrétariat")
    before = database_snapshot(project)
    change = merge_codes(project, "Secrétariat", "Téléphone", actor="alice")
    assert change.summary | {"source": None, "target": None} == {
        "source": None, "target": None, "codings_moved": 1, "duplicates_dropped": 1, "children_moved": 1, "memos_moved": 1,
    }
    assert codings_by_code(project) == {"Organisation du cabinet/Accueil des patients/Téléphone": [kept, moved]}
    (stored,) = load_codebooks(project)
    telephone = stored.tree.find("Téléphone")
    assert [code.name for code in stored.tree.children(telephone.id)] == ["Appels manqués", "Standard"]
    with project.session() as session:
        memos = {(memo.target_kind, memo.target_id) for memo in session.exec(select(MemoRecord))}
    assert memos == {("coding", kept), ("code", telephone.id)}
    undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)


def test_merge_into_its_own_sub_code_is_refused(project: Project) -> None:
    before = database_snapshot(project)
    with pytest.raises(InputError, match="inside it"):
        merge_codes(project, "Accueil des patients", "Téléphone", actor="alice")
    with pytest.raises(ConflictError, match="already has a code named 'Accueil des patients'"):
        add_code(project, "Accueil des patients", actor="alice", parent="Organisation du cabinet")
    assert database_snapshot(project) == before


def test_split_moves_the_chosen_codings_to_a_new_sibling(project: Project) -> None:
    first = code_fragment(project, "Prise des constantes", "prend les constantes")
    second = code_fragment(project, "Prise des constantes", "gère le téléphone")
    before = database_snapshot(project)
    change = split_code(project, "Prise des constantes", "Gestion du téléphone", [second], actor="alice")
    (stored,) = load_codebooks(project)
    parent = stored.tree.find("Délégation de tâches")
    assert [code.name for code in stored.tree.children(parent.id)] == [
        "Prise des constantes", "Gestion du téléphone", "Tâches administratives",
    ]
    assert stored.tree.codes[change.code].colour == "#8EA9C7"
    assert stored.codings[change.code] == 1 and stored.codings[stored.tree.find("Prise des constantes").id] == 1
    with pytest.raises(InputError, match=rf"codings \[{first}\] are not codings of"):
        split_code(project, "Tâches administratives", "Autre", [first], actor="alice")
    undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)


def test_delete_is_refused_while_codings_or_sub_codes_exist(project: Project) -> None:
    code_fragment(project, "Rappels l’après-midi", "confiance en elle")
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="sub-codes"):
        delete_code(project, "Téléphone", actor="alice")
    with pytest.raises(ConflictError, match="hold 1 coding and 0 memos") as refused:
        delete_code(project, "Téléphone", actor="alice", recursive=True)
    assert "--reassign-to" in refused.value.one_line()
    with pytest.raises(InputError, match="not both"):
        delete_code(project, "Téléphone", actor="alice", recursive=True, reassign_to="Confiance", drop_codings=True)
    with pytest.raises(InputError, match="being deleted"):
        delete_code(project, "Téléphone", actor="alice", recursive=True, reassign_to="Appels manqués")
    assert database_snapshot(project) == before


def test_delete_reassigns_or_drops_codings_and_undo_brings_them_back(project: Project) -> None:
    coding = code_fragment(project, "Rappels l’après-midi", "confiance en elle")
    before = database_snapshot(project)
    change = delete_code(project, "Téléphone", actor="alice", recursive=True, reassign_to="Confiance")
    assert change.summary["codings_reassigned"] == 1 and len(change.summary["deleted"]) == 3
    assert codings_by_code(project) == {"Relation médecin–patient/Confiance": [coding]}
    assert [name for _, name, _ in tree_shape(project)][:3] == ["Organisation du cabinet", "Accueil des patients", "Secrétariat"]
    assert tree_shape(project)[2] == (3, "Secrétariat", 1)
    undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)
    delete_code(project, "Téléphone", actor="alice", recursive=True, drop_codings=True)
    assert codings_by_code(project) == {}
    undo(project, actor="alice")
    assert without_log(database_snapshot(project)) == without_log(before)  # same coding ids, texts and times


def test_undo_refuses_when_the_rows_changed_since(project: Project) -> None:
    change = add_code(project, "Nouveau", actor="alice")
    with project.transaction() as session:  # coded since it was added
        session.add(CodingRecord(coder_id=1, code_id=change.code, document_id=1, start=0, end=3, text="MG1"))
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="'Nouveau' still has 1 coding —"):
        undo(project, actor="alice")
    assert database_snapshot(project) == before
    rename_code(project, "Confiance", "Confiance mutuelle", actor="alice")
    with project.transaction() as session:  # another program renames it again, outside the codebook operations
        session.exec(update(CodeRecord).where(CodeRecord.name == "Confiance mutuelle").values(name="Confiance (bis)"))
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="cannot undo code renamed .* 'Confiance \\(bis\\)' has changed since"):
        undo(project, actor="alice")
    assert database_snapshot(project) == before


def test_undo_works_across_restarts_and_a_new_change_clears_redo(tmp_path: Path) -> None:
    project = sample_project(tmp_path)
    rename_code(project, "Confiance", "Confiance mutuelle", actor="alice")
    rename_code(project, "Secrétariat", "Secrétariat médical", actor="alice")
    project.close()
    project = Project.open(tmp_path / "codebook.db")
    undo(project, actor="bob")
    undo(project, actor="bob")
    redo(project, actor="bob")
    assert load_codebooks(project)[0].tree.find("Confiance mutuelle")
    add_code(project, "Nouveau", actor="bob")
    with project.session() as session:
        done, undone = stacks(session)
    assert [entry.action for entry in done] == ["code.renamed", "code.added"] and undone == []
    with pytest.raises(NotFoundError, match="no codebook change to redo"):
        redo(project, actor="bob")
    project.close()


def test_codes_are_found_by_id_path_or_unique_end(project: Project) -> None:
    (stored,) = load_codebooks(project)
    telephone = stored.tree.find("Organisation du cabinet/Accueil des patients/Téléphone")
    assert stored.tree.find(str(telephone.id)) == telephone == stored.tree.find("accueil des patients/téléphone")
    rename_code(project, telephone.id, "Téléphone/fax", actor="alice")
    assert load_codebooks(project)[0].tree.find("Accueil des patients/Téléphone/fax/Appels manqués")
    add_code(project, "Confiance", actor="alice", parent="Organisation du cabinet")
    with pytest.raises(NotFoundError, match="2 codes match 'Confiance'"):
        rename_code(project, "Confiance", "Autre", actor="alice")
    with pytest.raises(NotFoundError, match="did you mean 'Secrétariat'"):
        rename_code(project, "Secretariat", "Autre", actor="alice")


def change_log_entries(project: Project):  # noqa: ANN201 - ChangeRecord rows
    with project.session() as session:
        return change_log(session)
