"""The mapping of ``project.qde`` to a :class:`ProjectExchange`: users, codebooks, variables, text
sources and their selections, cases and notes, each checked against the GUIDs the file defines.

Unless ``strict``, what cannot be brought in without harm is left out and listed in the exchange's
``left_out`` summary rather than refusing the file: sources that are empty or missing from the
archive (with their selections and the notes on them), codings and notes by users the file does not
define. With ``strict``, each of these refuses the file, as every structural fault always does."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.domain.codebook import Codebook, check_name
from workbench.domain.documents import DocumentKind
from workbench.domain.errors import InputError
from workbench.domain.language import _, format_number
from workbench.domain.participants import AttributeValue, Participant
from workbench.domain.text import normalise_text
from workbench.importers.docx_reader import docx_text
from workbench.importers.limits import check_text
from workbench.qdpx.codebook_reader import Reader, folders_notice, local_name
from workbench.qdpx.elements import children, description, guid_key
from workbench.qdpx.mapping_state import UNATTRIBUTED, MappingState
from workbench.qdpx.model import (
    DOCUMENT_FIELDS,
    INTERNAL,
    PROJECT_ENTRY,
    SOURCES_FOLDER,
    CodeAddress,
    ExchangedCoding,
    ExchangedDocument,
    ExchangedMemo,
    ProjectExchange,
    codebook_guid,
)

ONE_CHARACTER_LINE_ENDS = ("ATLAS.TI",)
"""Programs (the start of ``origin``) whose positions count a CRLF in the source's text file as one
character (QualCoder's importer makes the same allowance for ATLAS.ti)."""
BARE_NAME = re.compile(r"(?!\.\.?$)[^/\\:]+")
"""A ``plainTextPath`` that is a file name alone (``board_2017.txt``): looked for in the sources folder."""


class ProjectReader(MappingState):
    """Reads ``project.qde``: users, codebooks and variables first, as sources, cases and notes refer to them."""

    def project(self, root: Element) -> ProjectExchange:
        sections: dict[str, Element] = {}
        for child in root:
            name = local_name(child)
            if name in ("Users", "CodeBook", "Variables", "Cases", "Sources", "Notes"):
                if name in sections:
                    raise InputError(_('two {name} elements').format(name=name), f"{self.where}: {PROJECT_ENTRY}", _('export the project again'))
                sections[name] = child
            elif name == "NoteRef":
                self.refer(child, None)
            elif name != "Description":
                self.left_out[_("{element} element").format(element=name)] += 1
        name = " ".join((root.get("name") or "").split()) or Path(self.where).stem
        self.lines_count_one = (root.get("origin") or "").upper().startswith(ONE_CHARACTER_LINE_ENDS)
        for user in children(sections.get("Users"), "User"):
            self.read_user(user)
        codebooks = self.read_codebooks(sections.get("CodeBook"), name)
        for variable in children(sections.get("Variables"), "Variable"):
            self.read_variable(variable)
        for source in children(sections.get("Sources")):
            if local_name(source) == "TextSource":
                self.read_text_source(source, {codebook.name for codebook in codebooks})
            else:
                self.left_out[_("{element} (only text sources are read)").format(element=local_name(source))] += 1
        participants = [self.read_case(case) for case in children(sections.get("Cases"), "Case")]
        memos = [memo for note in children(sections.get("Notes"), "Note") if (memo := self.read_note(note))]
        if missing := set(self.note_targets) - self.notes:
            raise InputError(_('a NoteRef points to {sorted}, which is no Note of the file').format(sorted=sorted(missing)[0]), self.where, _('export the project again'))
        used = {name for participant in participants for name in participant.attributes}
        coders = list(dict.fromkeys(self.users.values())) + [UNATTRIBUTED] * self.unattributed
        notices = self.notices + self.archive.notices
        notices += [_("{where}: left out {count} × {what}").format(where=self.where, count=format_number(count), what=what) for what, count in sorted(self.left_out.items())]
        if self.unattributed:
            notices.append(_("{where}: codings that name no user are {coder!r}'s").format(where=self.where, coder=UNATTRIBUTED))
        return ProjectExchange(
            name=name,
            coders=coders,
            codebooks=codebooks,
            attributes={variable.name: variable.attribute_type for variable in self.variables.values() if variable.name in used},
            participants=participants,
            documents=list(self.documents.values()),
            codings=self.codings,
            memos=memos,
            notices=notices,
            left_out=self.summary(),
        )

    def read_codebooks(self, element: Element | None, project_name: str) -> list[Codebook]:
        """Each codebook folder (see :mod:`workbench.qdpx.writer`) as a codebook; with
        none, the whole ``CodeBook`` as one codebook named after the project."""
        if element is None:
            return []
        codes = next(children(element, "Codes"), None)
        if codes is None:
            raise InputError(_('a CodeBook without Codes'), f"{self.where}: {PROJECT_ENTRY}", _('export the project again'))
        reader = Reader(self.where, strict=self.strict)
        tops = list(children(codes, "Code"))
        if tops and all(is_codebook_folder(top) for top in tops):
            codebooks = [self.codebook(reader, top, top.get("name"), description(top)) for top in tops]
        else:
            codebooks = [self.codebook(reader, codes, project_name, "")]
        if len({codebook.name for codebook in codebooks}) < len(codebooks):
            raise InputError(_('two codebooks of the same name'), self.where, _('rename one of them and export again'))
        reader.ignored.pop("NoteRef", None)
        self.left_out.update({_("{element} element in a code").format(element=element): count for element, count in reader.ignored.items()})
        self.notices += reader.renamed
        if reader.folders:
            self.notices.append(folders_notice(self.where, reader.folders))
        for codebook in codebooks:
            for node, path in codebook.walk():
                self.codes[guid_key(node.guid, self.where)] = CodeAddress(codebook.name, path)
        for code in codes.iter():
            if local_name(code) == "Code" and (address := self.codes.get(guid_key(code.get("guid"), self.where))):
                for reference in children(code, "NoteRef"):
                    self.refer(reference, address)
        return codebooks

    def codebook(self, reader: Reader, element: Element, name: str | None, source: str) -> Codebook:
        name = check_name(name or "", _("{where}: a codebook").format(where=self.where))
        codebook = Codebook(name, reader.codes(element, repr(name)), self.language, source)
        codebook.renumber()
        return codebook

    def text(self, element: Element, where: str) -> str | None:
        """A source's or a note's text: ``PlainTextContent``, its text file inside the archive, or
        else the text of its Word file there (``richTextPath``; selections then count in it);
        ``None`` when that file is missing from the archive (refused when strict)."""
        path = element.get("plainTextPath")
        if path is None:
            content = next(children(element, "PlainTextContent"), None)
            if content is not None:
                return content.text or ""
            rich = element.get("richTextPath")
            if rich is None or not rich.lower().endswith(".docx"):
                raise InputError(_('no text: neither PlainTextContent nor plainTextPath'), where, _('export the project again'))
            data = self.internal_file(rich, where)
            return None if data is None else docx_text(data, f"{where}: {rich}")
        data = self.internal_file(path, where)
        try:
            return None if data is None else data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(_('its text is not UTF-8 (byte {start})').format(start=error.start), where, _('export the project again')) from None

    def internal_file(self, path: str, where: str) -> bytes | None:
        """The bytes of ``internal://NAME``, or of a bare ``NAME``, a file of the archive's sources folder."""
        name = path.removeprefix(INTERNAL)
        if not path.startswith(INTERNAL) and not BARE_NAME.fullmatch(path):
            raise InputError(_('its text lies outside the file ({path})').format(path=path), where, _('only texts inside the .qdpx are read: export with sources embedded'))
        data = self.archive.source(name)
        if data is None and self.strict:
            if not path.startswith(INTERNAL):
                raise InputError(_('its text lies outside the file ({path})').format(path=path), where, _('only texts inside the .qdpx are read: export with sources embedded'))
            raise InputError(_('{sources_folder}{name} is not in the archive').format(sources_folder=SOURCES_FOLDER, name=name), where, _('export the project again'))
        return data

    def read_text_source(self, source: Element, codebooks: set[str]) -> None:
        guid = self.guid(source)
        name = source.get("name") or guid
        where = _("{where}: source {name!r}").format(where=self.where, name=name)
        raw = self.text(source, where)
        if raw is not None and self.lines_count_one:
            raw = raw.replace("\r\n", "\n")
        if raw is None:
            return self.leave_source_out(source, guid, name, "sources missing from the archive")
        check_text(raw, where)
        text = normalise_text(raw)
        if not text.strip():
            self.leave_out("sources without text", name, InputError(_('the source has no text'), where, _('remove it or export it again')))
            return self.leave_source_out(source, guid, name, None)
        identifier = self.identifier(name, "source")
        taken = {document.identifier for document in self.documents.values()}
        if identifier in taken:
            if self.strict:
                raise InputError(_('two sources are named {identifier!r}').format(identifier=identifier), self.where, _('rename one of them and export again'))
            given, number = identifier, 2
            while (identifier := f"{given[:60]}_{number}") in taken:
                number += 1
            self.notices.append(_("{where}: a second source named {given!r} is {identifier!r} here").format(where=self.where, given=given, identifier=identifier))
        fields: dict[str, str] = {}
        for child in source:
            kind = local_name(child)
            if kind == "VariableValue":
                variable, value = self.value(child, where)
                field = variable.name.removeprefix("document ")
                if field in DOCUMENT_FIELDS and variable.name != field and value is not None:
                    fields[field] = str(value)
                else:
                    self.left_out[_("source variable {name!r}").format(name=variable.name)] += 1
            elif kind == "NoteRef":
                self.refer(child, identifier)
            elif kind == "PlainTextSelection":
                self.read_selection(child, identifier, raw, text, where)
            elif kind == "Description" and description(source):
                self.left_out[_("description of a source")] += 1
            elif kind not in ("PlainTextContent", "Description"):
                self.left_out[_("{element} of a source").format(element=kind)] += 1
        try:
            kind = DocumentKind(fields.get("kind", DocumentKind.TRANSCRIPT))
        except ValueError:
            raise InputError(_('unknown document kind {fields!r}').format(fields=fields['kind']), where, _('kinds are transcript, excerpts and survey')) from None
        if fields.get("codebook", "") not in codebooks | {""}:
            raise InputError(_('its codebook {fields!r} is not in the file').format(fields=fields['codebook']), where, _('export the project again'))
        self.documents[guid] = ExchangedDocument(
            identifier, text, fields.get("title", "" if identifier == name else name), kind, None,
            fields.get("source", ""), fields.get("language", self.language), fields.get("codebook"),
        )  # fmt: skip

    def leave_source_out(self, source: Element, guid: str, name: str, reason: str | None) -> None:
        """Leave out a source (listed under ``reason``, if given), its selections and the notes on it."""
        if reason is not None:
            self.omitted[reason].append(name)
        self.left_sources.add(guid)
        if selections := sum(1 for _ in children(source, "PlainTextSelection")):
            self.omitted["selections on the sources left out"] += [name] * selections
        for reference in source.iter():
            if local_name(reference) == "NoteRef":
                self.orphan_notes.add(guid_key(reference.get("targetGUID"), _("{where}: a {element}").format(where=self.where, element="NoteRef")))

    def read_selection(self, selection: Element, document: str, raw: str, text: str, where: str) -> None:
        self.guid(selection)
        try:
            start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        except ValueError:
            raise InputError(_("a selection's startPosition or endPosition is not a number"), where, _('export the project again')) from None
        where = _("{where}, selection {start}–{end}").format(where=where, start=start, end=end)
        if start > end:
            raise InputError(_('reversed selection (it ends before it starts)'), where, _('export the project again'))
        if start < 0 or end > len(raw):
            raise InputError(_('selection outside the text (0–{count})').format(count=len(raw)), where, _('export the project again'))
        if start == end:
            raise InputError(_('empty selection'), where, _('export the project again'))
        if raw != text:
            start, end = len(normalise_text(raw[:start])), len(normalise_text(raw[:end]))
        codings = []
        for element in children(selection, "Coding"):
            self.guid(element)
            reference = next(children(element, "CodeRef"), None)
            code = None if reference is None else self.codes.get(guid_key(reference.get("targetGUID"), where))
            if code is None:
                target = "none" if reference is None else reference.get("targetGUID")
                raise InputError(_("a coding's code ({target}) is not a Code of the file").format(target=target), where, _('export the project again'))
            coder = self.known_user(element.get("creatingUser") or selection.get("creatingUser"), "codings", where)
            if coder is None:
                self.orphan_notes.update(guid_key(note.get("targetGUID"), where) for note in children(element, "NoteRef"))
                continue
            created = self.time(element.get("creationDateTime") or selection.get("creationDateTime"))
            codings.append(ExchangedCoding(document, start, end, coder, code, created))
            for note in children(element, "NoteRef"):
                self.refer(note, codings[-1])
        if not any(children(selection, "Coding")):
            self.left_out[_("PlainTextSelection without a coding")] += 1
        for child in selection:
            if local_name(child) not in ("Coding", "NoteRef"):
                self.left_out[_("{element} of a selection").format(element=local_name(child))] += 1
        for note in children(selection, "NoteRef"):
            self.refer(note, codings[0] if len(codings) == 1 else document)
        self.codings.extend(codings)

    def read_case(self, case: Element) -> Participant:
        guid = self.guid(case)
        identifier = self.identifier(case.get("name") or guid, "case")
        where = _("{where}: case {identifier!r}").format(where=self.where, identifier=identifier)
        attributes: dict[str, AttributeValue] = {}
        for child in case:
            kind = local_name(child)
            if kind == "VariableValue":
                variable, value = self.value(child, where)
                if value is not None:
                    attributes[variable.name] = value
            elif kind == "SourceRef":
                source = guid_key(child.get("targetGUID"), where)
                if source in self.left_sources:
                    continue
                if source not in self.documents:
                    raise InputError(_('source {get} is not a text source of the file').format(get=child.get('targetGUID')), where, _('export the project again'))
                document = self.documents[source]
                if document.participant is None:
                    self.documents[source] = replace(document, participant=identifier)
                else:
                    self.notices.append(
                        _("{where}: source {source!r} is in cases {first!r} and {second!r}; linked to the first").format(
                            where=self.where, source=document.identifier, first=document.participant, second=identifier
                        )
                    )
            elif kind != "Description":
                self.left_out[_("{element} of a case").format(element=kind)] += 1
        return Participant(identifier, attributes)

    def read_note(self, note: Element) -> ExchangedMemo | None:
        """The note as a memo; ``None`` when it is left out (on a source left out, its text missing, or by an unknown user)."""
        guid = self.guid(note)
        self.notes.add(guid)
        where = _("{where}: note {name!r}").format(where=self.where, name=note.get("name") or guid)
        if guid in self.orphan_notes:
            self.omitted["notes on the sources left out"].append(guid)
            return None
        coder = None
        if note.get("creatingUser"):
            coder = self.known_user(note.get("creatingUser"), "notes", where)
            if coder is None:
                return None
        title = " ".join(normalise_text(note.get("name") or "").split())
        text = self.text(note, where)
        if text is None:
            self.omitted["notes whose text is missing from the archive"].append(guid)
            return None
        return ExchangedMemo(title, normalise_text(text), coder, self.note_targets.get(guid), self.time(note.get("creationDateTime")))


def is_codebook_folder(code: Element) -> bool:
    guid = (code.get("guid") or "").strip().strip("{}").lower()
    return code.get("isCodable") in ("false", "0") and guid == codebook_guid(code.get("name") or "")
