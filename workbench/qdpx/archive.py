"""The zip layer of a ``.qdpx``: its entries are checked
(:func:`workbench.importers.zip_safety.checked_entries`) before anything is read, then read one at
a time, in memory (nothing is extracted)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from types import TracebackType

from workbench.domain.errors import InputError
from workbench.importers.encoding import checked_size
from workbench.importers.zip_safety import checked_entries
from workbench.qdpx.model import PROJECT_ENTRY, SOURCES_FOLDER


class Archive:
    """A zip whose entries were all checked; entries are read one at a time, in memory."""

    def __init__(self, path: Path) -> None:
        self.where = path.name
        checked_size(path)
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError("not a zip archive, so not a .qdpx", self.where, "give a project exported as REFI-QDA (.qdpx)") from None
        except ValueError as error:  # an entry name marked UTF-8 that is not
            raise InputError(f"a damaged zip archive ({error})", self.where, "export the project again") from None
        except OSError as error:
            raise InputError(f"cannot read the file ({error.strerror})", str(path), "check the path") from None
        try:
            self.entries = checked_entries(self.zip.infolist(), self.where)
        except InputError:
            self.zip.close()
            raise
        self.folded = {name.casefold(): entry for name, entry in self.entries.items()}

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.zip.close()

    def project_entry(self) -> bytes:
        """``project.qde``, else the one ``.qde`` at the top of the archive."""
        names = [PROJECT_ENTRY] if PROJECT_ENTRY in self.entries else [name for name in self.entries if re.fullmatch(r"[^/]+\.qde", name)]
        if len(names) != 1:
            raise InputError(f"no {PROJECT_ENTRY} in the archive", self.where, "give a project exported as REFI-QDA (.qdpx)")
        return self.read(self.entries[names[0]])

    def source(self, name: str) -> bytes | None:
        """The file ``name`` of the sources folder (``sources`` or ``Sources``), if there is one."""
        entry = self.folded.get((SOURCES_FOLDER + name).casefold())
        return None if entry is None else self.read(entry)

    def read(self, entry: zipfile.ZipInfo) -> bytes:
        try:
            with self.zip.open(entry) as stream:
                return stream.read(entry.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, UnicodeDecodeError) as error:
            raise InputError(f"entry {entry.filename!r} cannot be read ({error})", self.where, "export the project again") from None
