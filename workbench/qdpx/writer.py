"""Writing a project as a REFI-QDA project exchange file (``.qdpx``, Project.xsd 1.0).

A ``.qdpx`` is a zip holding ``project.qde`` (the XML) and each document's text as
``sources/<guid>.txt`` (UTF-8). What goes where:

* each coder is a ``User``;
* the standard allows one ``CodeBook``: each codebook is a top-level code in it that is not codable
  (a folder), named after the codebook, with the codebook's source as its description and
  :func:`codebook_guid` as its GUID (which is how a reader tells it from a code); its codes are
  written as in a ``.qdc``;
* each document is a ``TextSource`` named by its id, with ``plainTextPath="internal://<guid>.txt"``;
  its title, kind, source, language and codebook are text variables on it (``document title``…);
* each coding is a ``PlainTextSelection`` holding one ``Coding`` (its code and its coder);
* each participant is a ``Case`` with its attributes as variable values and a ``SourceRef`` to each
  of its documents; attribute types become variable types (a duration is a ``Float`` of minutes
  whose variable is described as :data:`DURATION_DESCRIPTION`);
* each memo is a ``Note`` (its text as ``PlainTextContent``) that a ``NoteRef`` on what it is about
  points to: the project, a document (its ``TextSource``), a code or a coding.

**Positions.** REFI-QDA 1.5 §10.2 defines a text selection by "the first and the last character
(Unicode codepoint) in the file", the first code point being 0. Programs that exchange ``.qdpx``
files read ``endPosition`` as the position just after the last character (QualCoder takes
``text[startPosition:endPosition]``): a selection is a half-open span of code points, as a coding
is here, so ``startPosition`` is a coding's start and ``endPosition`` its end, unchanged, in the
document's text (LF, NFC), which is exactly what the ``.txt`` holds.

GUIDs are UUID 5 of stable keys (a coder's name, a document's id, a code's GUID or path…) and the
only times written are when each coding and memo was made (``creationDateTime``, UTC), so
exporting the same project twice gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import workbench
from workbench.domain.codebook import Codebook, derived_guid
from workbench.domain.participants import AttributeType, Participant
from workbench.qdpx.codebook_writer import code_element, exchanged_names
from workbench.qdpx.model import (
    DOCUMENT_FIELDS,
    DURATION_DESCRIPTION,
    ENTRY_TIME,
    INTERNAL,
    NAMESPACE,
    PROJECT_ENTRY,
    SOURCES_FOLDER,
    VARIABLE_TYPES,
    CodeAddress,
    ExchangedCoding,
    ExchangedDocument,
    ProjectExchange,
    codebook_guid,
    document_variable_guid,
    participant_variable_guid,
    source_guid,
    stable_guid,
    user_guid,
)


def project_qdpx(project: ProjectExchange) -> bytes:
    """The ``.qdpx`` file of ``project``: ``project.qde`` first, then the sources in document order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        add_entry(archive, PROJECT_ENTRY, QdeWriter(project).qde())
        for document in project.documents:
            add_entry(archive, f"{SOURCES_FOLDER}{source_guid(document.identifier)}.txt", document.text.encode("utf-8"))
    return buffer.getvalue()


def add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, data)


class QdeWriter:
    """Builds ``project.qde``; knows every element's GUID, and which notes each element refers to."""

    def __init__(self, project: ProjectExchange) -> None:
        self.project = project
        self.code_guids = {
            CodeAddress(codebook.name, path): node.guid or derived_guid(codebook.name, path)
            for codebook in project.codebooks
            for node, path in codebook.walk()
        }
        self.note_guids: dict[str, list[str]] = {}
        """The GUIDs of the notes on each element (by its GUID; the project's under ``""``)."""
        self.memo_guids: list[str] = []
        for memo in project.memos:
            about = self.about_guid(memo.about)
            notes = self.note_guids.setdefault(about, [])
            self.memo_guids.append(stable_guid("note", about, str(len(notes))))
            notes.append(self.memo_guids[-1])

    def qde(self) -> bytes:
        ElementTree.register_namespace("", NAMESPACE)
        project = self.project
        root = ElementTree.Element(tag("Project"), name=project.name, origin=f"workbench {workbench.__version__}")
        if project.coders:
            users = ElementTree.SubElement(root, tag("Users"))
            for coder in project.coders:
                ElementTree.SubElement(users, tag("User"), guid=user_guid(coder), name=coder)
        if project.codebooks:
            codes = ElementTree.SubElement(ElementTree.SubElement(root, tag("CodeBook")), tag("Codes"))
            codes.extend(self.codebook_element(codebook) for codebook in project.codebooks)
        if project.attributes or project.documents:
            root.append(self.variables())
        if project.participants:
            cases = ElementTree.SubElement(root, tag("Cases"))
            cases.extend(self.case(participant) for participant in project.participants)
        if project.documents:
            sources = ElementTree.SubElement(root, tag("Sources"))
            sources.extend(self.text_source(document) for document in project.documents)
        if project.memos:
            root.append(self.notes())
        self.add_note_references(root, "")
        ElementTree.indent(root)
        return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    def about_guid(self, about: str | CodeAddress | ExchangedCoding | None) -> str:
        if isinstance(about, str):
            return source_guid(about)
        if isinstance(about, CodeAddress):
            return self.code_guids[about]
        if isinstance(about, ExchangedCoding):
            return self.coding_guid(about)
        return ""

    def coding_guid(self, coding: ExchangedCoding) -> str:
        keys = (coding.document, str(coding.start), str(coding.end), coding.coder, self.code_guids[coding.code])
        return stable_guid("coding", *keys)

    def add_note_references(self, element: ElementTree.Element, guid: str, at: int | None = None) -> None:
        """Add the ``NoteRef`` of each note on ``element`` at index ``at`` (default: at the end)."""
        for offset, note in enumerate(self.note_guids.get(guid, [])):
            reference = ElementTree.Element(tag("NoteRef"), targetGUID=note)
            element.insert(len(element) if at is None else at + offset, reference)

    def codebook_element(self, codebook: Codebook) -> ElementTree.Element:
        folder = ElementTree.Element(tag("Code"), guid=codebook_guid(codebook.name), name=codebook.name, isCodable="false")
        if codebook.source:
            ElementTree.SubElement(folder, tag("Description")).text = codebook.source
        names = exchanged_names(codebook.codes)
        folder.extend(code_element(code, codebook, (code.name,), NAMESPACE, name=name) for code, name in zip(codebook.codes, names, strict=True))
        for code in list(folder.iter(tag("Code"))):
            self.add_note_references(code, code.get("guid", ""), at=int(code.find(tag("Description")) is not None))
        return folder

    def variables(self) -> ElementTree.Element:
        variables = ElementTree.Element(tag("Variables"))
        for name, kind in self.project.attributes.items():
            variable = ElementTree.SubElement(
                variables, tag("Variable"), guid=participant_variable_guid(name), name=name, typeOfVariable=VARIABLE_TYPES[kind]
            )
            if kind is AttributeType.DURATION:
                ElementTree.SubElement(variable, tag("Description")).text = DURATION_DESCRIPTION
        if self.project.documents:
            for name in DOCUMENT_FIELDS:
                ElementTree.SubElement(
                    variables, tag("Variable"), guid=document_variable_guid(name), name=f"document {name}", typeOfVariable="Text"
                )
        return variables

    def case(self, participant: Participant) -> ElementTree.Element:
        case = ElementTree.Element(tag("Case"), guid=stable_guid("case", participant.identifier), name=participant.identifier)
        for name, kind in self.project.attributes.items():
            value = participant.attributes.get(name)
            if value is not None:
                case.append(variable_value(participant_variable_guid(name), VARIABLE_TYPES[kind], value_text(value, kind)))
        for document in self.project.documents:
            if document.participant == participant.identifier:
                ElementTree.SubElement(case, tag("SourceRef"), targetGUID=source_guid(document.identifier))
        return case

    def text_source(self, document: ExchangedDocument) -> ElementTree.Element:
        guid = source_guid(document.identifier)
        source = ElementTree.Element(
            tag("TextSource"), guid=guid, name=document.identifier, plainTextPath=f"{INTERNAL}{guid}.txt"
        )
        codings = [coding for coding in self.project.codings if coding.document == document.identifier]
        for coding in sorted(codings, key=lambda coding: (coding.start, coding.end, coding.coder, self.code_guids[coding.code])):
            source.append(self.selection(coding))
        self.add_note_references(source, guid)
        fields = {"title": document.title, "kind": document.kind.value, "source": document.source,
                  "language": document.language, "codebook": document.codebook}  # fmt: skip
        for name in DOCUMENT_FIELDS:
            if value := fields[name]:
                source.append(variable_value(document_variable_guid(name), "Text", value))
        return source

    def selection(self, coding: ExchangedCoding) -> ElementTree.Element:
        guid = self.coding_guid(coding)
        user = user_guid(coding.coder)
        selection = ElementTree.Element(
            tag("PlainTextSelection"), guid=stable_guid("selection", guid),
            startPosition=str(coding.start), endPosition=str(coding.end), creatingUser=user,
        )  # fmt: skip
        element = ElementTree.SubElement(selection, tag("Coding"), guid=guid, creatingUser=user)
        if coding.created:
            selection.set("creationDateTime", xml_time(coding.created))
            element.set("creationDateTime", xml_time(coding.created))
        ElementTree.SubElement(element, tag("CodeRef"), targetGUID=self.code_guids[coding.code])
        self.add_note_references(element, guid)
        return selection

    def notes(self) -> ElementTree.Element:
        notes = ElementTree.Element(tag("Notes"))
        for memo, guid in zip(self.project.memos, self.memo_guids, strict=True):
            note = ElementTree.SubElement(notes, tag("Note"), guid=guid, name=memo.title)
            if memo.coder is not None:
                note.set("creatingUser", user_guid(memo.coder))
            if memo.created:
                note.set("creationDateTime", xml_time(memo.created))
            ElementTree.SubElement(note, tag("PlainTextContent")).text = memo.text
        return notes


def variable_value(variable: str, variable_type: str, text: str) -> ElementTree.Element:
    element = ElementTree.Element(tag("VariableValue"))
    ElementTree.SubElement(element, tag("VariableRef"), targetGUID=variable)
    ElementTree.SubElement(element, tag(f"{variable_type}Value")).text = text
    return element


def value_text(value: str | int | float | bool, kind: AttributeType) -> str:
    """An attribute's value as its XML Schema type writes it (``FloatValue`` is an ``xsd:decimal``:
    no exponent)."""
    if kind is AttributeType.BOOLEAN:
        return "true" if value else "false"
    if kind is AttributeType.INTEGER:
        return str(int(value))
    if kind in (AttributeType.NUMBER, AttributeType.DURATION):
        return format(Decimal(repr(float(value))), "f")
    return str(value)


def xml_time(moment: datetime) -> str:
    """An ``xsd:dateTime`` in UTC to the second (a time without zone is taken as UTC, as stored)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"
