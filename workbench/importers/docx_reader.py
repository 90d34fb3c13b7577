"""Reading the text of a Word .docx file, one paragraph per line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from workbench.domain.errors import InputError
from workbench.domain.text import normalise_text
from workbench.importers.encoding import checked_size
from workbench.importers.zip_safety import checked_entries

SAVE_AS = "open it in Word and save it as .docx, or export it as plain text (.txt)"


def read_docx(path: Path) -> str:
    """The paragraphs' text, one per line, normalised (LF, NFC)."""
    checked_size(path)
    return docx_text(path.read_bytes(), path.name)


def docx_text(data: bytes, where: str) -> str:
    """The paragraphs' text of the .docx held in ``data``, one per line, normalised (LF, NFC).

    The bytes are checked with :mod:`zipfile` first, so that a renamed or broken file gets a
    plain explanation rather than a python-docx traceback, and a zip bomb is refused.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("is not a Word .docx file (not a zip archive)", where, SAVE_AS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(checked_entries(archive.infolist(), where))
    except (zipfile.BadZipFile, OSError, ValueError) as error:  # ValueError: a name marked UTF-8 that is not
        raise InputError(f"is a damaged zip archive ({error})", where, SAVE_AS) from None
    if "word/document.xml" not in names:
        raise InputError("is not a Word .docx file (no word/document.xml part)", where, SAVE_AS)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds of error on a damaged package
        raise InputError(
            f"cannot be read as a Word document ({type(error).__name__}: {error})", where, SAVE_AS
        ) from None
    return normalise_text("\n".join(paragraph.text for paragraph in document.paragraphs))
