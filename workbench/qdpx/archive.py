"""The zip layer of a ``.qdpx``: its entries are checked
(:func:`workbench.importers.zip_safety.checked_entries`) before anything is read, then read one at
a time, in memory (nothing is extracted). A ``project.qde`` given alone is read as an archive without
sources (:class:`LooseProject`).

A source file is found by its exact name in the sources folder (``sources/`` or ``Sources/``). An
entry whose name differs only by case or Unicode composition is read when it is the only one, with
a notice; when several do, the file is refused: another source's text is never read in its place."""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from types import TracebackType

from workbench.domain.errors import InputError
from workbench.domain.language import _, counted
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
            raise InputError(_('not a zip archive, so not a .qdpx'), self.where, _('give a project exported as REFI-QDA (.qdpx)')) from None
        except ValueError as error:  # an entry name marked UTF-8 that is not
            raise InputError(_('a damaged zip archive ({error})').format(error=error), self.where, _('export the project again')) from None
        except OSError as error:
            raise InputError(_('cannot read the file ({strerror})').format(strerror=error.strerror), str(path), _('check the path')) from None
        try:
            self.entries = checked_entries(self.zip.infolist(), self.where)
        except InputError:
            self.zip.close()
            raise
        self.notices: list[str] = []
        self.sources: dict[str, list[zipfile.ZipInfo]] = {}
        for name, entry in self.entries.items():
            if name[: len(SOURCES_FOLDER)].casefold() == SOURCES_FOLDER:
                self.sources.setdefault(name[len(SOURCES_FOLDER) :], []).append(entry)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.zip.close()

    def project_entry(self) -> bytes:
        """``project.qde``, else the one ``.qde`` at the top of the archive."""
        names = [PROJECT_ENTRY] if PROJECT_ENTRY in self.entries else [name for name in self.entries if re.fullmatch(r"[^/]+\.qde", name)]
        if len(names) != 1:
            raise InputError(_('no {project_entry} in the archive').format(project_entry=PROJECT_ENTRY), self.where, _('give a project exported as REFI-QDA (.qdpx)'))
        return self.read(self.entries[names[0]])

    def source(self, name: str) -> bytes | None:
        """The file ``name`` of the sources folder, if there is one (see the module's docstring)."""
        entries = self.sources.get(name) or [entry for other, found in self.sources.items() if same_name(other, name) for entry in found]
        if len(entries) > 1:
            shown = ", ".join(sorted(entry.filename for entry in entries))
            raise InputError(
                _("{entries} could be {sources_folder}{name} ({shown})").format(
                    entries=counted(len(entries), "{count} entry", "{count} entries"), sources_folder=SOURCES_FOLDER, name=name, shown=shown
                ), self.where,
                _('rename them in the archive so that each source names its own file'),
            )  # fmt: skip
        if not entries:
            return None
        if entries[0].filename[len(SOURCES_FOLDER) :] != name:
            self.notices.append(
                _("{where}: {sources_folder}{name} is read from {entry} (its name differs by case or accents)").format(
                    where=self.where, sources_folder=SOURCES_FOLDER, name=name, entry=entries[0].filename
                )
            )
        return self.read(entries[0])

    def read(self, entry: zipfile.ZipInfo) -> bytes:
        try:
            with self.zip.open(entry) as stream:
                return stream.read(entry.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, UnicodeDecodeError) as error:
            raise InputError(_('entry {filename!r} cannot be read ({error})').format(filename=entry.filename, error=error), self.where, _('export the project again')) from None


def same_name(first: str, second: str) -> bool:
    """Whether two names differ only by case or Unicode composition."""
    return unicodedata.normalize("NFC", first).casefold() == unicodedata.normalize("NFC", second).casefold()


class LooseProject:
    """A ``project.qde`` given on its own: an archive whose sources are all missing."""

    def __init__(self, path: Path) -> None:
        self.where = path.name
        self.path = path
        self.notices: list[str] = []
        checked_size(path)

    def __enter__(self) -> LooseProject:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        return None

    def project_entry(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as error:
            raise InputError(_('cannot read the file ({strerror})').format(strerror=error.strerror), str(self.path), _('check the path')) from None

    def source(self, name: str) -> bytes | None:
        return None
