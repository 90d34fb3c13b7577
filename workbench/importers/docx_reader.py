"""Reading the text of a Word .docx file, one paragraph per line.

A ``.docx`` may come from anyone. Before python-docx reads it, every XML part of the package is
parsed as a ``.qdc`` is (defusedxml, no DTD allowed), so that a DOCTYPE or an entity is refused
rather than silently dropping the text after it, and damaged XML is named by its part and line;
python-docx's own errors are never shown as they are.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ErrorString

import defusedxml
import defusedxml.ElementTree as SafeElementTree
import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.domain.text import normalise_text
from workbench.importers.encoding import checked_size
from workbench.importers.labels import row_as_line
from workbench.importers.limits import DOCUMENT_CHARACTERS, check_count, check_lines
from workbench.importers.zip_safety import checked_entries

BOLD_LABEL_LENGTH = 40
"""The longest bold lead read as a speaker label (``Dr Martin``), not a bold sentence."""
SAVE_AS = N_("open it in Word and save it as .docx, or export it as plain text (.txt)")
UNREADABLE = N_("cannot be read as a Word document")
DOCUMENT_PART = "word/document.xml"
TEXT_ELEMENT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
UNREADABLE_ENTRY = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError)


def read_docx(path: Path) -> str:
    """The paragraphs' text, one per line, normalised (LF, NFC), speaker labels made visible
    (see :func:`transcript_lines`)."""
    checked_size(path)
    return docx_text(path.read_bytes(), path.name, transcript=True)


def docx_text(data: bytes, where: str, *, transcript: bool = False) -> str:
    """The paragraphs' text of the .docx held in ``data``, one per line, normalised (LF, NFC);
    with ``transcript``, as :func:`transcript_lines` lays it out.

    The bytes are checked with :mod:`zipfile` first, so that a renamed or broken file gets a
    plain explanation rather than a python-docx traceback, and a zip bomb is refused.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(_('is not a Word .docx file (not a zip archive)'), where, _(SAVE_AS))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = checked_entries(archive.infolist(), where)
            if DOCUMENT_PART not in entries:
                raise InputError(_('is not a Word .docx file (no word/document.xml part)'), where, _(SAVE_AS))
            for entry in entries.values():
                check_xml_part(archive, entry, where)
    except (zipfile.BadZipFile, OSError, ValueError) as error:  # ValueError: a name marked UTF-8 that is not
        raise InputError(_('is a damaged zip archive ({error})').format(error=error), where, _(SAVE_AS)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError:  # a relationship naming a part the archive does not hold
        raise InputError(_('{unreadable}: a part it refers to is missing from the archive').format(unreadable=_(UNREADABLE)), where, _(SAVE_AS)) from None
    except Exception:  # python-docx raises many kinds of error on a damaged package
        raise InputError(_('{unreadable}: its parts do not form a Word document').format(unreadable=_(UNREADABLE)), where, _(SAVE_AS)) from None
    lines = transcript_lines(document) if transcript else [paragraph.text for paragraph in document.paragraphs]
    text = "\n".join(lines)
    check_count(DOCUMENT_CHARACTERS, len(text), where)
    text = normalise_text(text)
    check_lines(text, where)
    return text


def transcript_lines(document: DocxDocument) -> list[str]:
    """Paragraphs and tables in document order. A label set in bold with no separator
    (**MG3** Oui) gets one (``MG3 : Oui``); a table row whose first column names the
    speaker becomes a labelled line."""
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [row_as_line([cell.text for cell in row.cells]) for row in block.rows]
        else:
            lines.append(bold_label_line(block))
    return lines


def bold_label_line(paragraph: Paragraph) -> str:
    """The paragraph's text, with `` :`` after a short bold lead followed by plain text."""
    runs = paragraph.runs
    lead = 0
    while lead < len(runs) and (runs[lead].bold or not runs[lead].text.strip()):
        lead += 1
    label = "".join(run.text for run in runs[:lead]).strip()
    rest = "".join(run.text for run in runs[lead:]).strip()
    if not label or not rest or len(label) > BOLD_LABEL_LENGTH or label.endswith((":", ".", "-", "–", "—")):
        return paragraph.text
    return f"{label} : {rest}"


def check_xml_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, where: str) -> None:
    """Parse ``entry`` through to its end, as a ``.qdc`` is parsed, if it holds XML (its first
    character, after a byte-order mark and spaces, is ``<``); nothing is kept. The document's runs
    of text are counted on the way, so that a document over the limit (a few hundred kilobytes
    compressed may hold millions of characters) is refused before python-docx builds it."""
    part = entry.filename
    try:
        with archive.open(entry) as stream:
            start = stream.read(64)
        if not start.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
            return
        characters = 0
        with archive.open(entry) as stream:
            for _event, element in SafeElementTree.iterparse(stream, forbid_dtd=True):
                if part == DOCUMENT_PART and element.tag == TEXT_ELEMENT:
                    characters += len(element.text or "")
                    check_count(DOCUMENT_CHARACTERS, characters, where)
                element.clear()
    except ParseError as error:
        line, column = error.position
        raise InputError(_('{unreadable}: {part}, line {line}, column {value}: not well-formed XML ({errorstring})').format(unreadable=_(UNREADABLE), part=part, line=line, value=column + 1, errorstring=ErrorString(error.code)), where, _(SAVE_AS)) from None
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise InputError(_('{part} declares a DTD or entities, which a Word document never needs').format(part=part), where, _('refused for safety; save it again in Word')) from None
    except (LookupError, ValueError) as error:  # an encoding declared that Python or expat cannot decode
        raise InputError(_('{unreadable}: {part}: the XML cannot be decoded ({error})').format(unreadable=_(UNREADABLE), part=part, error=error), where, _(SAVE_AS)) from None
    except UNREADABLE_ENTRY as error:
        raise InputError(_('is a damaged zip archive (entry {part!r} cannot be read: {name})').format(part=part, name=type(error).__name__), where, _(SAVE_AS)) from None
