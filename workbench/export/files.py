"""Writing export files so that a reader never finds one half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from workbench.domain.errors import InputError


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` (a temporary file of its own, flushed to disk), then rename: ``path``
    is never left half-written, even by two exports to it at once."""
    if path.is_dir():
        raise InputError(f"{path} is a folder", "-o", "give a file name, e.g. codebook.docx")
    if not path.parent.is_dir():
        raise InputError(f"no folder {path.parent}", "-o", "create it first")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
