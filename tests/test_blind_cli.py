"""Blind double coding below the UI: through the command line, a coder cannot read another coder's
codings of a document before it is revealed to them; a supervisor (no coding of their own) can."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import assert_rejected, run_cli, run_json
from workbench.services.coding.codings import add_coding, mark_done, reveal
from workbench.storage.project import Project


@pytest.fixture
def two_coders(bundled_copy: Path) -> Path:
    """alice and bob both code MG14 and MG2; nothing is revealed yet."""
    project = Project.open(bundled_copy)
    for coder, start in (("alice", 4), ("bob", 10)):
        for document in ("MG14", "MG2"):
            add_coding(project, document, "Manque de médecins", start, start + 30, coder=coder)
    project.close()
    return bundled_copy


BOB = "alice may not read the other coders' codings of MG2, MG14 yet"
EVERYONE = "alice may not read the other coders' codings of M1, M2, M3, M4, M5 and 22 more yet"
"""Everyone's codings include the reference coders' on every transcript and excerpt."""
READS = [
    (("export", "codings", "--coder", "bob", "-o", "{folder}/bob.csv"), BOB),
    (("export", "matrix", "-o", "{folder}/m.csv"), EVERYONE),
    (("export", "tree", "--coder", "bob", "-o", "{folder}/bob.docx"), BOB),
    (("export", "transcript", "MG14", "-o", "{folder}/mg14.docx"), "codings of MG14 yet"),
    (("export", "qdpx", "-o", "{folder}/all.qdpx"), EVERYONE),
    (("agreement", "--coders", "alice", "bob", "--level", "document"), BOB),
    (("disagreements", "--coders", "alice", "bob"), BOB),
]


@pytest.mark.parametrize(("arguments", "mention"), READS, ids=[" ".join(arguments[:2]) for arguments, _ in READS])
def test_a_coder_cannot_read_the_other_s_codings_before_the_reveal(two_coders: Path, tmp_path: Path, arguments: tuple[str, ...], mention: str) -> None:
    outputs = tmp_path / "exports"
    outputs.mkdir()
    filled = [argument.format(folder=outputs) for argument in arguments]
    line = assert_rejected(two_coders, "--coder", "alice", *filled, mentions=mention)
    assert "blind coding" in line
    assert list(outputs.iterdir()) == []


def test_their_own_codings_and_revealed_documents_can_be_read(two_coders: Path, tmp_path: Path) -> None:
    run_json(two_coders, "--coder", "alice", "export", "codings", "--coder", "alice", "-o", str(tmp_path / "alice.csv"))
    project = Project.open(two_coders)
    reveal(project, "MG14", coder="alice")
    project.close()
    assert_rejected(two_coders, "--coder", "alice", "export", "codings", "--coder", "bob", "-o", str(tmp_path / "b.csv"), mentions="of MG2 yet")
    run_json(two_coders, "--coder", "alice", "export", "transcript", "MG14", "-o", str(tmp_path / "mg14.docx"))
    project = Project.open(two_coders)
    mark_done(project, "MG2", coder="alice")
    mark_done(project, "MG2", coder="bob")
    project.close()
    summary = run_json(two_coders, "--coder", "alice", "export", "codings", "--coder", "bob", "-o", str(tmp_path / "b.csv"))
    assert summary["rows"] == 2


def test_a_supervisor_reads_everything(two_coders: Path, tmp_path: Path) -> None:
    for viewer in ([], ["--coder", "claire"]):
        result = run_cli(two_coders, *viewer, "export", "codings", "-o", str(tmp_path / "all.csv"))
        assert result.exit_code == 0, result.output
