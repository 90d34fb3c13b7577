"""Writing export files so that a reader never finds one half-written."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from workbench.domain.errors import InputError


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` (a temporary file of its own, flushed to disk), then rename: ``path``
    is never left half-written, even by two exports to it at once.

    The file gets the permissions of the file it replaces, else those of any new file (0666 less
    the umask), so that a colleague or a shared folder can read an export as any other file."""
    if path.is_dir():
        raise InputError(f"{path} is a folder", "-o", "give a file name, e.g. codebook.docx")
    if not path.parent.is_dir():
        raise InputError(f"no folder {path.parent}", "-o", "create it first")
    handle, temporary = create_beside(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if path.exists():
                os.fchmod(stream.fileno(), path.stat().st_mode & 0o7777)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file in ``path``'s folder, created as any new file is (the umask
    applies), and its open handle."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
