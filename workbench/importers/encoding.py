"""Reading a text file whatever its encoding turns out to be, or saying clearly why not.

UTF-8 is the norm (with or without a byte-order mark). UTF-16 and UTF-32 are read by their
byte-order mark only, the UTF-32 marks checked first (``FF FE 00 00`` begins with UTF-16's
``FF FE``), and converted with a notice. Files saved by older Windows tools are often
Windows-1252 (cp1252); they are converted with a notice rather than refused. Whatever the
encoding, a text holding NUL characters is refused: it is binary data, never stored.

Every file an import reads goes through :func:`checked_size`: a symbolic link is refused there
(the file itself must be named), as is a file over :func:`max_file_bytes`.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted, format_number
from workbench.domain.text import normalise_text
from workbench.importers.limits import DOCUMENT_CHARACTERS, check_count, check_lines

DEFAULT_MAX_MEGABYTES = 50
SIZE_LIMIT_VARIABLE = "WORKBENCH_MAX_FILE_MB"
"""The environment variable that sets the largest file any importer reads, in megabytes."""
SAVE_AS_UTF8 = N_("save it as plain text in UTF-8 (Word: Save As › Plain text › Unicode UTF-8)")

BINARY_SIGNATURES: list[tuple[bytes, str, str]] = [
    (
        b"PK\x03\x04",
        N_("a zip archive (it may be a .docx renamed)"),
        N_("give it the .docx suffix, or save it as plain text in UTF-8 (Word: Save As › Plain text › Unicode UTF-8)"),
    ),
    (b"PK\x05\x06", N_("an empty zip archive"), SAVE_AS_UTF8),
    (b"%PDF-", N_("a PDF file"), N_("copy its text into a .txt or .docx file")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an old Word .doc (or .xls) file"), N_("save it as .docx")),
    (b"{\\rtf", N_("an RTF file"), N_("save it as .docx or .txt")),
    (b"\x89PNG\r\n\x1a\n", N_("a PNG image"), N_("import the transcript, not a picture of it")),
    (b"\xff\xd8\xff", N_("a JPEG image"), N_("import the transcript, not a picture of it")),
    (b"GIF8", N_("a GIF image"), N_("import the transcript, not a picture of it")),
]
"""What a binary file is, by its first bytes, and what to do instead (both marked, translated where shown)."""
UNICODE_BOMS: list[tuple[bytes, str, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
]
"""Byte-order marks, UTF-32's before UTF-16's (``FF FE 00 00`` begins with ``FF FE``); the codec
reads the mark and drops it."""
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""C0 controls other than tab, LF, FF and CR: present only in binary data, not in real text."""
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
"""A multi-byte UTF-8 character (``é`` is C3 A9): rare in real cp1252 text (it reads ``Ã©``)."""


def max_file_bytes() -> int:
    """The size limit of imported files: :data:`SIZE_LIMIT_VARIABLE` megabytes, else 50."""
    setting = os.environ.get(SIZE_LIMIT_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_MEGABYTES * 1_000_000
    try:
        megabytes = float(setting)
    except ValueError:
        megabytes = -1
    if megabytes <= 0:
        raise InputError(_('{size_limit_variable}={setting!r} is not a size in megabytes').format(size_limit_variable=SIZE_LIMIT_VARIABLE, setting=setting), SIZE_LIMIT_VARIABLE, _('give a positive number, e.g. 50'))
    return int(megabytes * 1_000_000)


def checked_size(path: Path, max_bytes: int | None = None) -> int:
    """The size of the file at ``path``, refused when missing, a symbolic link or over the limit.

    A link is refused as a study manifest refuses a file outside its folder: what is read is the
    file named, never one the link leads to elsewhere."""
    if path.is_symlink():
        raise InputError(_('is a symbolic link; only the file itself is read'), str(path), _('name the file it points to'))
    if not path.is_file():
        raise InputError(_('no such file'), str(path), _('check the path'))
    limit = max_file_bytes() if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            _('the file is {describe_size}, more than the {describe_size2} allowed').format(describe_size=describe_size(size), describe_size2=describe_size(limit)),
            path.name,
            _('check that it is the right file; {size_limit_variable} raises the limit (in MB)').format(size_limit_variable=SIZE_LIMIT_VARIABLE),
        )
    return size


def read_text(path: Path, *, max_bytes: int | None = None) -> tuple[str, list[str]]:
    """The file's text normalised (LF, NFC) and notices for the user.

    Raises :class:`InputError` for a missing, empty, binary, oversized or undecodable file, and
    for a text over :data:`~workbench.importers.limits.DOCUMENT_CHARACTERS` (counted before it is
    normalised) or with a line over :data:`~workbench.importers.limits.LINE_LENGTH`.
    """
    where = path.name
    checked_size(path, max_bytes)
    data = path.read_bytes()
    text, notices = decode(data, where)
    del data  # free the bytes before the text is normalised (a copy)
    check_count(DOCUMENT_CHARACTERS, len(text), where)
    text = normalise_text(text)
    check_lines(text, where)
    if not text.strip():
        raise InputError(_('the file is empty'), where, _('check that you chose the right file'))
    return text, notices


def describe_size(count: int) -> str:
    if count >= 1_000_000:
        return _("{megabytes} MB").format(megabytes=format_number(count / 1_000_000, 1))
    return counted(count, "{count} byte", "{count} bytes")


def decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode ``data`` as UTF-8 (BOM dropped), UTF-16 or UTF-32 with a BOM, or plausible cp1252."""
    if not data.strip():
        raise InputError(_('the file is empty'), where, _('check that you chose the right file'))
    for signature, what, hint in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(_('not a text file: {what}').format(what=_(what)), where, _(hint))
    for mark, codec, name in UNICODE_BOMS:
        if data.startswith(mark):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(_('damaged {name} text').format(name=name), where, _(SAVE_AS_UTF8)) from None
            if "\x00" in text:
                raise InputError(_('not a text file: its {name} text contains NUL characters (binary)').format(name=name), where, _(SAVE_AS_UTF8))
            return text, [_("{where}: {name} text converted to UTF-8").format(where=where, name=name)]
    if b"\x00" in data:
        raise InputError(_('not a text file: it contains NUL bytes (binary)'), where, _(SAVE_AS_UTF8))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    if UTF8_SEQUENCE.search(data):
        raise InputError(
            _('UTF-8 text with invalid bytes (first at offset {start})').format(start=utf8_error.start),
            where,
            _("the file is damaged or mixes encodings; {save_as}").format(save_as=_(SAVE_AS_UTF8)),
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not CONTROL_CHARACTERS.search(text):
        return text, [_("{where}: not UTF-8; read as Windows-1252 (cp1252) and converted").format(where=where)]
    raise InputError(
        _('not UTF-8 (bad byte at offset {start}) nor Windows-1252 text').format(start=utf8_error.start),
        where,
        _(SAVE_AS_UTF8),
    )
