"""Reading the text of an OpenDocument text file (``.odt``, LibreOffice), one paragraph per line.

The archive gets the checks of a Word file first (size, zip bomb); then :mod:`odfdo` reads it.
Tables whose first column names the speaker become labelled lines, as in Word files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from odfdo import Document, Element

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.domain.text import normalise_text
from workbench.importers.encoding import checked_size
from workbench.importers.labels import row_as_line
from workbench.importers.limits import DOCUMENT_CHARACTERS, check_count, check_lines
from workbench.importers.zip_safety import checked_entries

SAVE_AS = N_("open it in LibreOffice and save it as .odt, or export it as plain text (.txt)")


def read_odt(path: Path) -> str:
    """The paragraphs' text, one per line, normalised (LF, NFC)."""
    checked_size(path)
    data = path.read_bytes()
    where = path.name
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(_('is not an OpenDocument .odt file (not a zip archive)'), where, _(SAVE_AS))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(checked_entries(archive.infolist(), where))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(_('is a damaged zip archive ({error})').format(error=error), where, _(SAVE_AS)) from None
    if "content.xml" not in names:
        raise InputError(_('is not an OpenDocument .odt file (no content.xml part)'), where, _(SAVE_AS))
    try:
        body = Document(io.BytesIO(data)).body
        lines = [line for child in body.children for line in element_lines(child)]
    except Exception as error:  # odfdo and lxml raise many kinds of error on a damaged package
        raise InputError(
            _('cannot be read as an OpenDocument text ({name}: {error})').format(name=type(error).__name__, error=error), where, _(SAVE_AS)
        ) from None
    text = "\n".join(lines)
    check_count(DOCUMENT_CHARACTERS, len(text), where)
    text = normalise_text(text)
    check_lines(text, where)
    return text


def element_lines(element: Element) -> list[str]:
    """The lines of one body element: a paragraph or heading, a list, a table or a section."""
    if element.tag in {"text:p", "text:h"}:
        return [str(element).rstrip("\n")]
    if element.tag == "table:table":
        return [row_as_line([str(cell).strip() for cell in row.get_cells()]) for row in element.get_rows()]
    if element.tag in {"text:list", "text:section", "text:list-item"}:
        return [line for child in element.children for line in element_lines(child)]
    return []
