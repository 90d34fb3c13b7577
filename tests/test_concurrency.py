"""Several people on one project at once, on each backend: two coders coding one document from two
processes lose nothing, and a codebook edit chosen on a tree someone changed since is refused
instead of applied over their change."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Event

import pytest
from sqlalchemy import event, text
from sqlmodel import select

from tests.factories import MG31_TRANSCRIPT, write_sample_codebook
from tests.helpers import database_snapshot, run_cli
from workbench.domain.errors import ConflictError, NotFoundError
from workbench.services.codebook.merge import merge_codes
from workbench.services.codebook.operations import rename_code
from workbench.services.coding.codings import add_coding, list_codings
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project, change_log
from workbench.storage.queries import find_document
from workbench.storage.records import CodingRecord

CODINGS_EACH = 100
PLANS = {"alice": ("Téléphone", 5), "bob": ("Confiance", 7)}
"""Each coder's code, and the width of the spans they code: one starting at every offset below 100."""

CODER = """
import sys
from workbench.services.coding.codings import add_coding
from workbench.storage.project import Project

location, coder, code, width, count = sys.argv[1:]
project = Project.open(location)
print("ready", flush=True)
sys.stdin.readline()
for start in range(int(count)):
    add_coding(project, "MG31", code, start, start + int(width), coder=coder)
project.close()
"""
"""A coder's process: opens the project, waits for the go, then adds one coding per transaction."""


@pytest.fixture
def shared_document(project_location: str, tmp_path: Path) -> str:
    """The sample codebook and the transcript MG31, imported through the CLI."""
    (tmp_path / "MG31.txt").write_text(MG31_TRANSCRIPT, encoding="utf-8")
    assert run_cli(project_location, "init").exit_code == 0
    for source in (write_sample_codebook(tmp_path), tmp_path / "MG31.txt"):
        result = run_cli(project_location, "import", str(source))
        assert result.exit_code == 0, result.output
    return project_location


def start_coder(location: str, coder: str) -> subprocess.Popen[str]:
    code, width = PLANS[coder]
    arguments = [sys.executable, "-c", CODER, location, coder, code, str(width), str(CODINGS_EACH)]
    process = subprocess.Popen(arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n", process.communicate()[1]
    return process


def test_two_coders_coding_one_document_at_once_lose_nothing(shared_document: str) -> None:
    processes = [start_coder(shared_document, coder) for coder in PLANS]
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.close()
    for process in processes:
        assert process.wait() == 0, process.stderr.read()
    project = Project.open(shared_document)
    with project.session() as session:
        text = find_document(session, "MG31").text
        logged = [(entry.actor, entry.target) for entry in change_log(session) if entry.action == "coding.added"]
    (stored,) = load_codebooks(project)
    codings = list_codings(project, documents=["MG31"])
    project.close()
    expected = {
        (coder, stored.tree.find(code).id, start, start + width)
        for coder, (code, width) in PLANS.items()
        for start in range(CODINGS_EACH)
    }
    assert len(codings) == len(expected) == 2 * CODINGS_EACH
    assert {(coding.coder, coding.code, coding.start, coding.end) for coding in codings} == expected
    assert all(coding.text == text[coding.start : coding.end] for coding in codings)
    assert sorted(logged) == sorted((coder, f"MG31 {start}–{end}") for coder, _, start, end in expected)
    result = run_cli(shared_document, "check")
    assert result.exit_code == 0 and result.stdout.startswith("ok:"), result.output


def test_sqlite_writers_wait_for_each_other_rather_than_fail(project: Project) -> None:
    """A second writer waits (up to the busy timeout) for the lock instead of failing at once with
    "database is locked"."""
    with project.engine.connect() as connection:
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000


def test_a_merge_chosen_before_a_rename_is_refused(shared_document: str) -> None:
    """B read the tree, A renamed a code, then B merges it by id: B did not see what it would merge."""
    alice, bob = Project.open(shared_document), Project.open(shared_document)
    (seen,) = load_codebooks(bob)
    telephone, secretariat = seen.tree.find("Téléphone"), seen.tree.find("Secrétariat")
    rename_code(alice, telephone.id, "Standard téléphonique", actor="alice", seen=load_codebooks(alice)[0].tree)
    before = database_snapshot(bob)
    path = seen.tree.path_text(telephone.id)
    with pytest.raises(ConflictError, match=f"code '{re.escape(path)}' has changed since you read the codebook: it is now '.*/Standard téléphonique'"):
        merge_codes(bob, telephone.id, secretariat.id, actor="bob", seen=seen.tree)
    with pytest.raises(NotFoundError, match=f"no code '{re.escape(path)}'"):
        merge_codes(bob, path, secretariat.id, actor="bob")
    assert database_snapshot(bob) == before
    alice.close()
    bob.close()


def test_a_rename_chosen_before_a_merge_is_refused(shared_document: str) -> None:
    """The other order: B merged the code away, then A renames it from the tree A had read."""
    alice, bob = Project.open(shared_document), Project.open(shared_document)
    (seen,) = load_codebooks(alice)
    telephone, secretariat = seen.tree.find("Téléphone"), seen.tree.find("Secrétariat")
    merge_codes(bob, telephone.id, secretariat.id, actor="bob", seen=load_codebooks(bob)[0].tree)
    before = database_snapshot(alice)
    with pytest.raises(NotFoundError, match=f"no code with id {telephone.id}"):
        rename_code(alice, telephone.id, "Standard téléphonique", actor="alice", seen=seen.tree)
    assert database_snapshot(alice) == before
    alice.close()
    bob.close()


LOCKS_OR_WRITES = re.compile(r"^\s*(BEGIN IMMEDIATE|UPDATE|DELETE|INSERT)\b|\bFOR (NO KEY )?UPDATE\b", re.IGNORECASE)
"""The first statement of a transaction that waits for another writer: it locks or it writes."""


def test_a_rename_committing_while_a_merge_starts_is_not_merged_over(shared_document: str) -> None:
    """A's rename has written and is about to commit when B's merge starts. B must read the tree
    only once A has committed: reading it before, B would find the code as it saw it and merge it."""
    alice, bob = Project.open(shared_document), Project.open(shared_document)
    (seen,) = load_codebooks(bob)
    telephone, secretariat = seen.tree.find("Téléphone"), seen.tree.find("Secrétariat")
    rename_written, merge_waiting = Event(), Event()

    def hold_the_commit(_connection: object) -> None:
        rename_written.set()
        merge_waiting.wait(timeout=60)

    def note_a_lock(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if LOCKS_OR_WRITES.search(statement):
            merge_waiting.set()

    event.listen(alice.engine, "commit", hold_the_commit)
    event.listen(bob.engine, "before_cursor_execute", note_a_lock)
    with ThreadPoolExecutor(max_workers=1) as pool:
        renamed = pool.submit(rename_code, alice, telephone.id, "Standard téléphonique", actor="alice")
        assert rename_written.wait(timeout=60)
        with pytest.raises(ConflictError, match="it is now '.*/Standard téléphonique'"):
            merge_codes(bob, telephone.id, secretariat.id, actor="bob", seen=seen.tree)
        assert renamed.result().summary == {"from": "Téléphone", "to": "Standard téléphonique"}
    (after,) = load_codebooks(bob)
    assert after.tree.codes[telephone.id].name == "Standard téléphonique" and len(after.tree) == len(seen.tree)
    alice.close()
    bob.close()


def test_the_database_refuses_a_second_identical_coding_in_one_line(shared_document: str) -> None:
    """The services check that a coder does not code one span twice with one code; two processes can
    pass that check at the same moment, so the database holds the rule too (a unique index), and
    the second one gets a conflict rather than a duplicate."""
    project = Project.open(shared_document)
    (stored,) = load_codebooks(project)
    add_coding(project, "MG31", "Téléphone", 0, 5, coder="alice")
    before = database_snapshot(project)
    with project.session() as session:
        (row,) = session.exec(select(CodingRecord))
    duplicate = {name: getattr(row, name) for name in ("coder_id", "code_id", "document_id", "start", "end", "text")}
    with pytest.raises(ConflictError, match=r"another change stored the same thing at the same moment \(.*\)"), project.transaction() as session:
        session.add(CodingRecord(**duplicate))
    assert database_snapshot(project) == before and stored.tree.find("Téléphone").id == duplicate["code_id"]
    project.close()


SAME_CODER = """
import sys
from workbench.domain.errors import ConflictError
from workbench.services.coding.codings import add_coding
from workbench.storage.project import Project

location, count = sys.argv[1:]
project = Project.open(location)
print("ready", flush=True)
sys.stdin.readline()
conflicts = 0
for start in range(int(count)):
    try:
        add_coding(project, "MG31", "Téléphone", start, start + 5, coder="alice")
    except ConflictError:
        conflicts += 1
project.close()
print(conflicts)
"""
"""alice in two windows at once, adding the same codings: each either stores one or hears it is there."""


def test_one_coder_in_two_processes_stores_each_coding_once(shared_document: str) -> None:
    processes = []
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-c", SAME_CODER, shared_document, str(CODINGS_EACH)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert process.stdout.readline() == "ready\n", process.communicate()[1]
        processes.append(process)
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.close()
    conflicts = []
    for process in processes:
        assert process.wait() == 0, process.stderr.read()
        conflicts.append(int(process.stdout.read()))
    codings = list_codings(project := Project.open(shared_document), documents=["MG31"])
    project.close()
    assert sorted((coding.start, coding.end) for coding in codings) == [(start, start + 5) for start in range(CODINGS_EACH)]
    assert sum(conflicts) == CODINGS_EACH
