"""Writes that respect what is there: an export or a backup never replaces a device, a named pipe,
a socket or a folder, reports a failed write in one line and leaves no temporary file; a command
other than ``init`` never creates a project where there is none."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

import pytest

from tests.helpers import run_cli, snapshot_of
from workbench.export import files

THESIS_002 = "Thèse 002 — Vécu de médecins généralistes collaborant avec un assistant médical (Aube/Yonne)"
EXPORTS = [
    ("export", "codebook", "--format", "yaml", "--codebook", THESIS_002, "-o"),
    ("export", "tree", "--coder", "thesis-000", "-o"),
    ("backup", "--force", "-o"),
]


def refused_in_one_line(result: object, mentions: str) -> str:
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("workbench: ") and mentions in lines[0], lines
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".partial"))


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device: a copy of /dev/null made in the test's folder where the tests may make
    one (as root), so that a regression replaces that copy, never the machine's /dev/null; else
    /dev/null itself, which a user other than root cannot replace anyway."""
    copy = tmp_path / "null"
    try:
        os.mknod(copy, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        if os.geteuid() == 0:
            pytest.skip("cannot make a device here")
        return Path("/dev/null")
    return copy


@pytest.mark.parametrize("command", EXPORTS, ids=[" ".join(command[:2]) for command in EXPORTS])
def test_a_device_is_refused_and_left_in_place(bundled_copy: Path, device: Path, command: tuple[str, ...]) -> None:
    before = os.stat(device)
    result = run_cli(bundled_copy, *command, str(device))
    refused_in_one_line(result, f"{device} is a device, not a file: it is left as it is")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert leftovers(device.parent) == []


def test_a_named_pipe_a_socket_and_a_folder_are_refused(bundled_copy: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "tube.csv"
    os.mkfifo(pipe)
    refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(pipe)), "tube.csv is a named pipe (FIFO), not a file")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "prise.csv"))
        refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(tmp_path / "prise.csv")), "prise.csv is a socket, not a file")
        assert stat.S_ISSOCK((tmp_path / "prise.csv").lstat().st_mode)
    finally:
        server.close()
    (tmp_path / "dossier.csv").mkdir()
    refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(tmp_path / "dossier.csv")), "dossier.csv is a folder")
    assert leftovers(tmp_path) == []


def test_a_link_to_a_file_is_written_through_and_a_link_to_nothing_refused(bundled_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "réel.csv"
    target.write_text("ancien contenu\n", encoding="utf-8")
    link = tmp_path / "lien.csv"
    link.symlink_to(target)
    result = run_cli(bundled_copy, "export", "codings", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8-sig").startswith("codage,document,participant,codeur,")
    dangling = tmp_path / "perdu.csv"
    dangling.symlink_to(tmp_path / "nulle-part" / "x.csv")
    refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(dangling)), "perdu.csv is a symbolic link to nothing")
    assert dangling.is_symlink() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "reason", "hint"),
    [
        (errno.ENOSPC, "No space left on device", "free some space on the disk"),
        (errno.EROFS, "Read-only file system", "the disk is read-only: write elsewhere"),
    ],
)
def test_a_failed_write_is_one_line_and_leaves_the_old_file_and_no_temporary(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str, hint: str
) -> None:
    """The disk fills up (or turns read-only) once the temporary file is written, before it is
    synced: the file already there keeps its text."""
    destination = tmp_path / "codages.csv"
    destination.write_text("l’ancienne version « intacte »\n", encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(code, reason)

    monkeypatch.setattr(files.os, "fsync", full_disk)
    line = refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(destination)), f"cannot write {destination} ({reason})")
    assert hint in line
    assert destination.read_text(encoding="utf-8") == "l’ancienne version « intacte »\n"
    assert leftovers(tmp_path) == []


def test_a_backup_on_a_full_disk_is_one_line_and_leaves_no_temporary(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.services.maintenance import backup

    def full_disk(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "sync", full_disk)
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    destination = folder / "étude.db"
    line = refused_in_one_line(run_cli(bundled_copy, "backup", "-o", str(destination)), f"cannot write {destination} (No space left on device)")
    assert "free some space on the disk" in line
    assert list(folder.iterdir()) == []


def test_a_folder_that_refuses_new_files_is_one_line(bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a read-only folder does to anyone but root (the tests may run as root: simulated)."""

    def refused(path: Path) -> tuple[int, Path]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files, "create_beside", refused)
    line = refused_in_one_line(run_cli(bundled_copy, "export", "codings", "-o", str(tmp_path / "x.csv")), "(Permission denied)")
    assert "check the folder's permissions" in line and not (tmp_path / "x.csv").exists()


def test_a_command_on_an_empty_file_leaves_it_empty(tmp_path: Path) -> None:
    transcript = tmp_path / "MG1.txt"
    transcript.write_text("M : Bonjour.\nMG1 : Bonjour, l’assistante « fait » l’accueil.\n", encoding="utf-8")
    empty = tmp_path / "vide.db"
    empty.touch()
    for command in (["documents"], ["participants"], ["codes"], ["import", str(transcript)]):
        line = refused_in_one_line(run_cli(empty, *command), f"no project at {empty} (an empty file)")
        assert line.endswith(f"create one with workbench --db {empty} init")
    assert empty.stat().st_size == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["MG1.txt", "vide.db"]


def test_a_missing_project_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "sous-dossier" / "étude.db"
    for command in (["documents"], ["check"], ["log"]):
        line = refused_in_one_line(run_cli(missing, *command), f"no project at {missing}")
        assert line == f"workbench: no project at {missing} — create one with workbench --db {missing} init"
    assert list(tmp_path.iterdir()) == []


def test_init_creates_the_project_then_commands_open_it(tmp_path: Path) -> None:
    empty = tmp_path / "vide.db"
    empty.touch()
    assert run_cli(empty, "init").exit_code == 0
    assert run_cli(empty, "documents").exit_code == 0
    assert snapshot_of(empty)["document"] == []
