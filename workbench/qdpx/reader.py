"""Reading a REFI-QDA project exchange file (``.qdpx``) into a :class:`ProjectExchange`.

A ``.qdpx`` may come from anyone, so it is read in memory (nothing is extracted) and refused,
with one line saying why, when:

* it is not a zip, or its entries are not harmless (:func:`workbench.importers.zip_safety.checked_entries`:
  paths going out, links, encryption, zip bombs), and so are the Word files inside it;
* ``project.qde`` is not well-formed, declares a DTD or entities (defusedxml: no DTD at all), or
  nests elements deeper than :data:`workbench.qdpx.codebook_reader.MAXIMUM_DEPTH`;
* a selection is reversed, empty or outside its text, or something refers to a GUID the file does
  not define (a code, a source, a variable, a note); a text lies outside the archive.

Sources that are empty or missing from the archive, and codings or notes by users the file does not
define, are left out and listed (refused with ``strict``); a ``plainTextPath`` that is a bare file
name is looked for in the sources folder; sibling codes named alike but for case are renamed.

What is read is what :mod:`workbench.qdpx.writer` writes. Files from other programs work
too: with no codebook folders, the whole ``CodeBook`` is one codebook named after the project;
names that cannot be ids (``Interview 1``) become ids (``Interview_1``); codings that name no user
are :data:`workbench.qdpx.mapping_state.UNATTRIBUTED`'s; sources other than text, sets, links
and graphs are left out with a notice. A text that is not NFC with LF line ends is normalised and
its selections' positions are moved with it (a position ``p`` becomes the length of the normalised
first ``p`` code points); a UTF-8 byte-order mark is not counted.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.domain.documents import ParsedDocument, SpeakerRole, Turn
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.importers.transcripts import parse_transcript
from workbench.qdpx.archive import Archive, LooseProject
from workbench.qdpx.elements import parse_qde
from workbench.qdpx.mapping import ProjectReader
from workbench.qdpx.model import QDE_SUFFIX, ExchangedDocument, ProjectExchange

PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def read_project_qdpx(path: Path, *, language: str = "fr", strict: bool = False) -> ProjectExchange:
    """Check and parse a ``.qdpx`` (or a ``project.qde`` alone, whose sources are then all missing);
    ``language`` is its codebooks' (the format does not say); ``strict``: refuse what would be left
    out (see :mod:`workbench.qdpx.mapping`)."""
    with LooseProject(path) if path.suffix.lower() == QDE_SUFFIX else Archive(path) as archive:
        return ProjectReader(archive, language, strict=strict).project(parse_qde(archive.project_entry(), archive.where))


def parsed_document(document: ExchangedDocument) -> ParsedDocument:
    """The document with its speaker turns: those the transcript parser finds when it gives the
    same text back (it does for every text workbench stores), else one turn per paragraph."""
    try:
        parsed = parse_transcript(document.text, identifier=document.identifier, kind=document.kind)
        turns = parsed.turns if parsed.text == document.text else None
    except InputError:
        turns = None
    notices = []
    if turns is None:
        turns = paragraph_turns(document.text)
        notices.append(_("{document}: speaker turns not recognised; its text is kept as it is, one turn per paragraph").format(document=document.identifier))
    return ParsedDocument(
        document.identifier, document.kind, document.text, turns, document.participant,
        document.source, document.language, document.title, notices,
    )  # fmt: skip


def paragraph_turns(text: str) -> list[Turn]:
    """One unlabelled turn per paragraph (lines between blank lines), trimmed of spaces."""
    turns = []
    for paragraph in PARAGRAPH.finditer(text):
        content = paragraph.group()
        start = paragraph.start() + len(content) - len(content.lstrip())
        end = paragraph.end() - len(content) + len(content.rstrip())
        if start < end:
            turns.append(Turn(SpeakerRole.OTHER, "", "", start, end, inferred=True))
    return turns
