"""Importing a codebook into a project: once, again unchanged, replaced, and assigned to documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from tests.factories import SAMPLE_NAME, SAMPLE_YAML, code_fragment, sample_project, write_sample_codebook
from tests.helpers import database_snapshot
from workbench.domain.errors import ConflictError, InputError, NotFoundError
from workbench.services.codebook.importing import import_codebook
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project, change_log
from workbench.storage.records import DocumentRecord

CHANGED = SAMPLE_YAML.replace('- name: "Confiance"', '- name: "Confiance réciproque"')


@pytest.fixture
def project(tmp_path: Path):
    opened = sample_project(tmp_path)
    yield opened
    opened.close()


def test_the_same_file_again_changes_nothing(project: Project, tmp_path: Path) -> None:
    before = database_snapshot(project)
    report = import_codebook(project, write_sample_codebook(tmp_path), actor="test")
    assert report.as_dict() == {"codebook": SAMPLE_NAME, "status": "unchanged", "codes": 11, "documents": [], "notices": []}
    assert database_snapshot(project) == before


def test_a_different_version_is_refused_unless_replaced(project: Project, tmp_path: Path) -> None:
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="already has a different codebook") as refused:
        import_codebook(project, write_sample_codebook(tmp_path, CHANGED), actor="test")
    assert "--replace" in refused.value.one_line()
    assert database_snapshot(project) == before
    (stored,) = load_codebooks(project)
    report = import_codebook(project, write_sample_codebook(tmp_path, CHANGED), actor="test", replace=True, documents=["MG1"])
    assert (report.status, report.documents) == ("replaced", ["MG1"])
    (replaced,) = load_codebooks(project)
    assert replaced.id == stored.id and replaced.tree.find("Confiance réciproque")
    with project.session() as session:
        assert session.exec(select(DocumentRecord.codebook_id)).one() == stored.id
        assert [entry.action for entry in change_log(session)][-1] == "codebook.replaced"


def test_a_coded_codebook_is_not_replaced(project: Project, tmp_path: Path) -> None:
    code_fragment(project, "Confiance", "confiance en elle")
    before = database_snapshot(project)
    with pytest.raises(ConflictError, match="has 1 coding or memo on its codes"):
        import_codebook(project, write_sample_codebook(tmp_path, CHANGED), actor="test", replace=True)
    assert database_snapshot(project) == before


def test_documents_are_assigned_once_and_must_exist(project: Project, tmp_path: Path) -> None:
    report = import_codebook(project, write_sample_codebook(tmp_path), actor="test", documents=["MG1", "MG1"])
    assert (report.status, report.documents) == ("unchanged", ["MG1"])
    assert import_codebook(project, write_sample_codebook(tmp_path), actor="test", documents=["MG1"]).documents == []
    before = database_snapshot(project)
    with pytest.raises(NotFoundError, match="no document 'MG9'"):
        import_codebook(project, write_sample_codebook(tmp_path, CHANGED.replace(SAMPLE_NAME, "Autre")), actor="test", documents=["MG9"])
    assert database_snapshot(project) == before


def test_only_codebook_files_are_read(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "empty.db")
    with pytest.raises(InputError, match="unsupported codebook file type '.json'"):
        import_codebook(project, tmp_path / "codes.json", actor="test")
    with pytest.raises(InputError, match="no such file"):
        import_codebook(project, tmp_path / "absent.qdc", actor="test")
    (tmp_path / "latin.yaml").write_bytes(SAMPLE_YAML.encode("cp1252", errors="replace"))
    with pytest.raises(InputError, match="latin.yaml: not UTF-8"):
        import_codebook(project, tmp_path / "latin.yaml", actor="test")
    project.close()
