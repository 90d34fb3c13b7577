"""Checking a zip archive (a ``.qdpx``, a Word ``.docx``) before reading anything from it.

An archive may come from anyone: an entry can name a path outside the folder it would be
extracted to, be a symbolic link, or expand to gigabytes (a zip bomb). Nothing is ever extracted
here, but the entries are refused anyway, so that no later code can be led astray. Sizes are those
the archive declares; :mod:`zipfile` never reads an entry past its declared size.
"""

from __future__ import annotations

import re
import stat
import zipfile

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted, format_number

MAXIMUM_ENTRIES = 10_000
MAXIMUM_TOTAL_SIZE = 200 * 1024 * 1024
MAXIMUM_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
"""Smaller entries are not checked for their compression ratio: they cannot weigh much."""
ABSOLUTE = re.compile(r"[/\\]|[A-Za-z]:")
REFUSED = N_("refused for safety: the archive must hold plain files under relative paths")


def checked_entries(entries: list[zipfile.ZipInfo], where: str) -> dict[str, zipfile.ZipInfo]:
    """The archive's files by name, once every entry is known to be harmless; else
    :class:`InputError` naming the first entry that is not."""
    if len(entries) > MAXIMUM_ENTRIES:
        raise InputError(_("{entries} in the archive (at most {maximum_entries})").format(
                entries=counted(len(entries), "{count} entry", "{count} entries"), maximum_entries=format_number(MAXIMUM_ENTRIES)
            ), where, _('refused: too many files'))
    files: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for entry in entries:
        here = _("{where}: entry {name!r}").format(where=where, name=entry.filename)
        if not entry.filename:
            raise InputError(_('an entry without a name'), here, _(REFUSED))
        if ABSOLUTE.match(entry.filename):
            raise InputError(_('absolute path in the archive'), here, _(REFUSED))
        if ".." in re.split(r"[/\\]", entry.filename):
            raise InputError(_('path going up out of the archive (..)'), here, _(REFUSED))
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise InputError(_('symbolic link in the archive'), here, _(REFUSED))
        if entry.flag_bits & 0x1:
            raise InputError(_('encrypted entry'), here, _('save it again without a password'))
        if entry.filename in files:
            raise InputError(_('the archive holds two entries of this name'), here, _('save it again'))
        total += entry.file_size
        if total > MAXIMUM_TOTAL_SIZE:
            raise InputError(_('more than {value} MB once uncompressed').format(value=MAXIMUM_TOTAL_SIZE // 2**20), where, _('refused: too big for a project of texts'))
        if entry.file_size >= RATIO_CHECKED_FROM and entry.file_size > MAXIMUM_RATIO * entry.compress_size:
            raise InputError(_('compressed more than {maximum_ratio} times (a zip bomb?)').format(maximum_ratio=MAXIMUM_RATIO), here, _('refused for safety'))
        if not entry.is_dir():
            files[entry.filename] = entry
    return files
