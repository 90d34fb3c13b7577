"""The identification audit: invented names and towns are leaks, initials are anonymised, the allow-list holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import database_snapshot, run_cli, run_json
from workbench.segmentation.identifiers import (
    ALLOW_LIST_SETTING,
    DEFAULT_ALLOW_LIST,
    Classification,
    classify,
    folded_allow_list,
)
from workbench.storage.project import Project
from workbench.storage.queries import find_document

TRANSCRIPT = (
    "M : L’entretien sera anonyme. Pouvez-vous vous présenter ?\n\n"
    "MG71 : Oui. J’ai travaillé avec le Dr Martin à Valenciennes pendant dix ans. "
    "Mme Lefèvre de Maubeuge est notre assistante, et Jean-Pierre Dubois nous a aidés à l’embaucher. "
    "Maintenant j’en parle souvent avec J. et avec Mr P. de la CPAM, à X dans la MSP. "
    "Merci de vos questions, c’est l’ARS qui finance.\n"
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    database = tmp_path / "audit.db"
    (tmp_path / "MG71.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert run_cli(database, "init").exit_code == 0
    assert run_cli(database, "import", str(tmp_path / "MG71.txt")).exit_code == 0
    return database


def by_class(report: dict) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind.value: set() for kind in Classification}
    for entity in report["entities"]:
        found[entity["classification"]].add(entity["text"])
    return found


@pytest.mark.slow
def test_invented_persons_and_towns_are_leaks(database: Path) -> None:
    report = run_json(database, "audit-identifiers")
    found = by_class(report)
    leaks = " ".join(found["leak"])
    for name in ("Martin", "Valenciennes", "Lefèvre", "Maubeuge", "Dubois"):
        assert name in leaks, (name, found)
    assert {"J.", "Mr P.", "X"} <= found["anonymised"], found
    assert found["allowed"] == {"MSP"}, found
    assert not any(word in leaks for word in ("Maintenant", "Merci", "Pouvez"))
    assert report["counts"] == {kind: len([e for e in report["entities"] if e["classification"] == kind]) for kind in report["counts"]}
    entity = next(entity for entity in report["entities"] if "Valenciennes" in entity["text"])
    assert set(entity) == {"document", "start", "end", "text", "label", "classification", "found_by", "context"}
    assert entity["document"] == "MG71" and entity["label"] == "LOC"
    assert "Dr Martin à Valenciennes pendant" in entity["context"]


def test_allowing_a_name_is_kept_in_the_project(database: Path) -> None:
    report = run_json(database, "audit-identifiers", "--allow", "Valenciennes", "--allow", "CPAM")
    assert report["allow_list"] == [*DEFAULT_ALLOW_LIST, "Valenciennes"]
    assert "Valenciennes" in by_class(report)["allowed"]
    project = Project.open(database)
    assert "Valenciennes" in (project.setting(ALLOW_LIST_SETTING) or "")
    project.close()
    assert run_json(database, "audit-identifiers")["allow_list"][-1] == "Valenciennes"


def test_an_unknown_document_changes_nothing(database: Path) -> None:
    project = Project.open(database)
    before = database_snapshot(project)
    project.close()
    result = run_cli(database, "audit-identifiers", "--document", "MG99", "--allow", "Valenciennes")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "MG99" in result.stderr
    project = Project.open(database)
    assert database_snapshot(project) == before
    project.close()


def test_offsets_point_at_the_text(database: Path) -> None:
    project = Project.open(database)
    with project.session() as session:
        text = find_document(session, "MG71").text
    project.close()
    for entity in run_json(database, "audit-identifiers", "--document", "MG71")["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Dr X", Classification.ANONYMISED),
        ("Mme B.", Classification.ANONYMISED),
        ("Mme M.", Classification.ANONYMISED),
        ("M. Dupont", Classification.LEAK),
        ("MG3", Classification.ANONYMISED),
        ("J.-P.", Classification.ANONYMISED),
        ("la CPAM", Classification.ALLOWED),
        ("CPAM de Lille", Classification.LEAK),
        ("Docteur Lemaire", Classification.LEAK),
        ("caisse du", None),
        ("Maintenant", None),
    ],
)
def test_classification(span: str, expected: Classification | None) -> None:
    common = frozenset({"maintenant", "caisse", "du", "de", "la"})
    assert classify(span, folded_allow_list(list(DEFAULT_ALLOW_LIST)), common) == expected
