"""Writing export files so that a reader never finds one half-written, and never over something
that is not a file.

The rules, for every export and backup: a destination that exists must be a regular file (a
folder, a device such as ``/dev/null``, a named pipe or a socket is refused and left as it is); a
symbolic link to a regular file is written through (the file it points to is replaced, the link
stays), a link to nothing is refused; an error while writing (a full disk, a read-only folder, no
permission) is one line, and no temporary file is left behind."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _

WRITE_HINTS = {
    errno.ENOSPC: "free some space on the disk, or write elsewhere",
    errno.EDQUOT: "free some space (the disk quota is reached), or write elsewhere",
    errno.EROFS: "the disk is read-only: write elsewhere",
    errno.EACCES: "check the folder's permissions, or write elsewhere",
    errno.EPERM: "check the folder's permissions, or write elsewhere",
}


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` (a temporary file of its own, flushed to disk), then rename: ``path``
    is never left half-written, even by two exports to it at once.

    The file gets the permissions of the file it replaces, else those of any new file (0666 less
    the umask), so that a colleague or a shared folder can read an export as any other file."""
    path = writable_destination(path)
    temporary: Path | None = None
    try:
        handle, temporary = create_beside(path)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if path.exists():
                os.fchmod(stream.fileno(), path.stat().st_mode & 0o7777)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        raise write_error(path, error) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


FILE_HINT = N_("give the name of a new file, or of a file to replace")


def writable_destination(path: Path) -> Path:
    """The file to write for ``path`` (a link's target), once it is known to be a regular file or
    a new name in an existing folder; :class:`InputError` otherwise."""
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            raise InputError(_('{path} is a symbolic link to nothing ({target})').format(path=path, target=target), "-o", _(FILE_HINT))
        path = target
    if path.is_dir():
        raise InputError(_('{path} is a folder').format(path=path), "-o", _(FILE_HINT))
    if path.exists() and not path.is_file():
        raise InputError(_('{path} is {special_kind}, not a file: it is left as it is').format(path=path, special_kind=special_kind(path)), "-o", _(FILE_HINT))
    if not path.parent.is_dir():
        raise InputError(_('no folder {parent}').format(parent=path.parent), "-o", _('create it first'))
    return path


def special_kind(path: Path) -> str:
    mode = path.stat().st_mode
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def write_error(path: Path, error: OSError) -> InputError:
    """One line for a failed write: what the system said, and what to do."""
    reason = error.strerror or type(error).__name__
    return InputError(_('cannot write {path} ({reason})').format(path=path, reason=reason), "-o", WRITE_HINTS.get(error.errno or 0, "check the disk and the folder, or write elsewhere"))


def create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file in ``path``'s folder, created as any new file is (the umask
    applies), and its open handle."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
