"""What a :class:`workbench.qdpx.mapping.ProjectReader` keeps while it reads ``project.qde``: the
GUIDs seen, the users and variables defined, what notes are about, what was left out and why, with
the readers of users, variables and their values, ids and times that the rest of the mapping shares."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from workbench.domain.codings import CODER_NAME_PATTERN
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted
from workbench.domain.participants import AttributeType, AttributeValue, check_identifier, identifier_from_name, parse_value
from workbench.domain.text import normalise_text
from workbench.qdpx.archive import Archive, LooseProject
from workbench.qdpx.codebook_reader import local_name
from workbench.qdpx.elements import children, description, guid_key
from workbench.qdpx.model import DURATION_DESCRIPTION, CodeAddress, ExchangedCoding, ExchangedDocument

UNATTRIBUTED = "unattributed"
VARIABLE_TYPES = {"Text", "Boolean", "Integer", "Float", "Date", "DateTime"}
ATTRIBUTE_TYPES = {"Integer": AttributeType.INTEGER, "Float": AttributeType.NUMBER, "Boolean": AttributeType.BOOLEAN}
"""Attribute types by variable type; ``Text``, ``Date`` and ``DateTime`` values are kept as text."""
Address = str | CodeAddress | ExchangedCoding | None
"""What a note is about: a document id, a code, a coding, or the project (``None``)."""
LEFT_OUT: dict[str, Callable[[int], str]] = {
    "sources missing from the archive": lambda count: counted(count, "{count} source missing from the archive", "{count} sources missing from the archive"),
    "sources without text": lambda count: counted(count, "{count} source without text", "{count} sources without text"),
    "selections on the sources left out": lambda count: counted(count, "{count} selection on the sources left out", "{count} selections on the sources left out"),
    "notes on the sources left out": lambda count: counted(count, "{count} note on the sources left out", "{count} notes on the sources left out"),
    "notes whose text is missing from the archive": lambda count: counted(count, "{count} note whose text is missing from the archive", "{count} notes whose text is missing from the archive"),
    "codings by users the file does not define": lambda count: counted(count, "{count} coding by a user the file does not define", "{count} codings by users the file does not define"),
    "notes by users the file does not define": lambda count: counted(count, "{count} note by a user the file does not define", "{count} notes by users the file does not define"),
}  # fmt: skip
"""How the import's summary says what it left out for each reason: the count in its language's form."""
RENAMED = {
    "source": N_("{where}: source {name!r} is {identifier!r} here"),
    "case": N_("{where}: case {name!r} is {identifier!r} here"),
}
"""The notice of a source or case name that is not an id as it is, by what is named."""


@dataclass(frozen=True)
class Variable:
    name: str
    variable_type: str
    """``typeOfVariable``: Text, Boolean, Integer, Float, Date or DateTime."""
    description: str

    @property
    def attribute_type(self) -> AttributeType:
        if self.variable_type == "Float" and self.description == DURATION_DESCRIPTION:
            return AttributeType.DURATION
        return ATTRIBUTE_TYPES.get(self.variable_type, AttributeType.TEXT)


class MappingState:
    """The bookkeeping of a reading of ``project.qde``, shared by the readers of its sections."""

    def __init__(self, archive: Archive | LooseProject, language: str, *, strict: bool = False) -> None:
        self.archive = archive
        self.where = archive.where
        self.language = language
        self.strict = strict
        self.omitted: defaultdict[str, list[str]] = defaultdict(list)
        """What was left out, by reason: the names of the sources, or one entry per coding or note."""
        self.left_sources: set[str] = set()
        """The GUIDs of the sources left out (cases may point to them)."""
        self.orphan_notes: set[str] = set()
        """The GUIDs of the notes on what was left out: left out with it."""
        self.notices: list[str] = []
        self.left_out: Counter[str] = Counter()
        self.guids: set[str] = set()
        self.notes: set[str] = set()
        self.users: dict[str, str] = {}
        self.codes: dict[str, CodeAddress] = {}
        self.variables: dict[str, Variable] = {}
        self.documents: dict[str, ExchangedDocument] = {}
        self.codings: list[ExchangedCoding] = []
        self.unattributed = False
        self.lines_count_one = False
        """Whether positions count a CRLF as one character (:data:`workbench.qdpx.mapping.ONE_CHARACTER_LINE_ENDS`)."""
        self.note_targets: dict[str, Address] = {}

    def summary(self) -> list[str]:
        """One line per reason something was left out: how many, and the sources' names."""
        lines = []
        for reason, names in self.omitted.items():
            left_out = LEFT_OUT[reason](len(names))
            lines.append(_("{left_out}: {names}").format(left_out=left_out, names=", ".join(names)) if reason.startswith("source") else left_out)
        return lines

    def leave_out(self, reason: str, name: str, refusal: InputError) -> None:
        """Refuse the file with ``refusal`` when strict; else list ``name`` as left out for ``reason``."""
        if self.strict:
            raise refusal
        self.omitted[reason].append(name)

    def guid(self, element: Element) -> str:
        """The element's GUID (lower case, no braces), which no other element of the file has."""
        what = _("{where}: a {element}").format(where=self.where, element=local_name(element))
        guid = guid_key(element.get("guid"), _("{what} ({name})").format(what=what, name=element.get("name") or _("no name")))
        if guid in self.guids:
            raise InputError(_("GUID {guid} is given to two elements").format(guid=guid), what, _("export the project again"))
        self.guids.add(guid)
        return guid

    def refer(self, reference: Element, about: Address) -> None:
        """Remember what the note a ``NoteRef`` points to is about (the first reference wins)."""
        guid = guid_key(reference.get("targetGUID"), _("{where}: a {element}").format(where=self.where, element="NoteRef"))
        if guid in self.note_targets:
            self.left_out[_("second reference to a note")] += 1
        else:
            self.note_targets[guid] = about

    def read_user(self, user: Element) -> None:
        guid = self.guid(user)
        given = " ".join((user.get("name") or user.get("id") or "").split())
        name = re.sub(r"[^\w.@-]+", "-", given).strip(".@-")[:64]
        if not CODER_NAME_PATTERN.fullmatch(name):
            name = f"user-{guid[:8]}"
        if name != given:
            self.notices.append(_("{where}: user {given!r} is coder {name!r} here").format(where=self.where, given=given, name=name))
        self.users[guid] = name

    def user(self, guid: str | None, where: str) -> str:
        if guid is None:
            self.unattributed = True
            return UNATTRIBUTED
        name = self.users.get(guid_key(guid, where))
        if name is None:
            raise InputError(_('user {guid} is not a User of the file').format(guid=guid), where, _('export the project again'))
        return name

    def known_user(self, guid: str | None, what: str, where: str) -> str | None:
        """The coder of a coding or note; ``None``, left out as ``what``, when the file defines no such user."""
        try:
            return self.user(guid, where)
        except InputError as error:
            self.leave_out(f"{what} by users the file does not define", guid or "", error)
            return None

    def read_variable(self, variable: Element) -> None:
        guid = self.guid(variable)
        name, kind = " ".join((variable.get("name") or "").split()), variable.get("typeOfVariable")
        if not name or kind not in VARIABLE_TYPES:
            raise InputError(
                _("variable {name!r} has no name or its type {kind!r} is not one of the standard's").format(name=name, kind=kind), self.where,
                _('types are Text, Boolean, Integer, Float, Date and DateTime'),
            )  # fmt: skip
        self.variables[guid] = Variable(name, kind, description(variable))

    def value(self, element: Element, where: str) -> tuple[Variable, AttributeValue]:
        """A ``VariableValue``: its variable, and its value typed as the variable says."""
        reference = next(children(element, "VariableRef"), None)
        if reference is None:
            raise InputError(_('a VariableValue names no variable'), where, _('export the project again'))
        variable = self.variables.get(guid_key(reference.get("targetGUID"), where))
        if variable is None:
            raise InputError(_('variable {get} is not a Variable of the file').format(get=reference.get('targetGUID')), where, _('export the project again'))
        value = next((child.text or "" for child in element if local_name(child) != "VariableRef"), "")
        try:
            return variable, parse_value(normalise_text(value), variable.attribute_type)
        except ValueError:
            raise InputError(_('{name!r} = {value!r} is not a {variable_type}').format(name=variable.name, value=value, variable_type=variable.variable_type), where, _('export the project again')) from None

    def identifier(self, name: str, what: str) -> str:
        """A name as an id: spaces and other characters an id cannot hold become ``_`` (with a
        notice), at most 64 characters."""
        identifier = identifier_from_name(normalise_text(name))
        if identifier != name:
            self.notices.append(_(RENAMED[what]).format(where=self.where, name=name, identifier=identifier))
        return check_identifier(identifier, self.where)

    def time(self, value: str | None) -> datetime | None:
        """A ``creationDateTime`` in UTC (a time without zone is taken as UTC); one that cannot be
        read is left out, with a notice."""
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            self.left_out[_("unreadable creationDateTime")] += 1
            return None
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
