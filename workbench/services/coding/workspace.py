"""What the coding screen works on: one document, its units, its codebook and the codings its
coder may see; and the actions it offers (toggle a code on a unit, in-vivo codes, memos).

A document that has not been cut into units of meaning yet is offered turn by turn (each speech
turn one unit) until it is segmented.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Select
from sqlmodel import select

from workbench.domain.codebook import Code
from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.documents import ParsedDocument, Turn
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.domain.units import Unit, build_units
from workbench.services.codebook.operations import add_code
from workbench.services.coding.codings import add_coding, remove_coding
from workbench.services.coding.memos import write_memo
from workbench.services.coding.visibility import codings_of_document, done_key, visibility
from workbench.storage.codebooks import StoredCodebook, load_codebook
from workbench.storage.project import Project
from workbench.storage.queries import find_document, load_document
from workbench.storage.records import (
    CodebookRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    SettingRecord,
    TurnRecord,
    UnitRecord,
)
from workbench.storage.units import read_units

IN_VIVO = "In vivo"
"""The top-level code that in-vivo codes are created under."""
RECENT_CODES = 9
"""How many recent codes the number keys reach."""
RECENT_CODINGS_READ = 500
"""How far back in the coder's codings the recent codes are looked for."""


@dataclass
class Workspace:
    coder: str
    document: ParsedDocument
    units: list[Unit]
    units_are_turns: bool
    codebook: StoredCodebook | None
    codings: list[Coding]
    revealed: bool
    done: bool

    def codings_on(self, unit: Unit) -> list[Coding]:
        return [coding for coding in self.codings if coding.start < unit.end and unit.start < coding.end]

    @cached_property
    def lines(self) -> list[Unit | Turn]:
        """What a reader goes through, in text order: every unit, and for context each speaker turn
        that holds no unit (mostly the interviewer's questions)."""
        with_units = {unit.turn for unit in self.units}
        context = [turn for number, turn in enumerate(self.document.turns, 1) if number not in with_units and turn.end > turn.start]
        return sorted([*self.units, *context], key=lambda line: line.start)

    def units_touched(self, coding: Coding) -> range:
        """The indexes of the units a coding overlaps (units are in text order and do not overlap)."""
        return range(bisect_right(self.unit_ends, coding.start), bisect_left(self.unit_starts, coding.end))

    @cached_property
    def unit_starts(self) -> list[int]:
        return [unit.start for unit in self.units]

    @cached_property
    def unit_ends(self) -> list[int]:
        return [unit.end for unit in self.units]

    def codings_by_unit(self) -> list[list[Coding]]:
        """Each unit's codings, in one pass over the codings."""
        by_unit: list[list[Coding]] = [[] for _ in self.units]
        for coding in self.codings:
            for index in self.units_touched(coding):
                by_unit[index].append(coding)
        return by_unit

    def reload_codings(self, project: Project) -> set[int]:
        """Read the codings again; returns the indexes of the units whose codings changed."""
        before = set(self.codings)
        self.codings, self.revealed = codings_of_document(project, self.document.identifier, viewer=self.coder)
        return {index for coding in before ^ set(self.codings) for index in self.units_touched(coding)}

    def own_codings_on(self, unit: Unit) -> list[Coding]:
        return [coding for coding in self.codings_on(unit) if coding.coder == self.coder]

    @property
    def coded_units(self) -> int:
        """How many units hold a coding of the coder's own: one pass over the codings, each
        finding its units by bisection (the status line asks after every change)."""
        touched: set[int] = set()
        for coding in self.codings:
            if coding.coder == self.coder:
                touched.update(self.units_touched(coding))
        return len(touched)

    def code(self, code_id: int) -> Code | None:
        return self.codebook.tree.codes.get(code_id) if self.codebook else None


def recent_codes(project: Project, workspace: Workspace) -> list[int]:
    """The codes the workspace's coder applied last, in any document, most recent first (at most
    :data:`RECENT_CODES`), from their codebook: what the number keys apply."""
    if workspace.codebook is None:
        return []
    with project.session() as session:
        latest = session.exec(
            select(CodingRecord.code_id)
            .join(CoderRecord)
            .join(CodeRecord, CodeRecord.id == CodingRecord.code_id)
            .where(CoderRecord.name == workspace.coder, CodeRecord.codebook_id == workspace.codebook.id)
            .order_by(CodingRecord.id.desc())
            .limit(RECENT_CODINGS_READ)
        ).all()
    return list(dict.fromkeys(latest))[:RECENT_CODES]


def open_workspace(project: Project, document: str, *, coder: str) -> Workspace:
    coder = check_coder_name(coder)
    with project.session() as session:
        parsed = load_document(session, document)
        record = find_document(session, document)
        units = read_units(session, parsed)
        codebook_record = session.get(CodebookRecord, record.codebook_id) if record.codebook_id else None
        if codebook_record is None:
            records = session.exec(select(CodebookRecord)).all()
            codebook_record = records[0] if len(records) == 1 else None
        codebook = load_codebook(session, codebook_record) if codebook_record else None
        done = session.get(SettingRecord, done_key(document, coder)) is not None
    units_are_turns = not units
    if units_are_turns:
        spans = [(turn.start, turn.end) for turn in parsed.turns if turn.end > turn.start]
        units = build_units(document, parsed.text, parsed.turns, spans)
    codings, revealed = codings_of_document(project, document, viewer=coder)
    return Workspace(coder, parsed, units, units_are_turns, codebook, codings, revealed, done)


@dataclass(frozen=True)
class Outcome:
    """What a change did, as an English template and its values, for the interface to translate."""

    template: str
    values: dict[str, object]


def toggle_code(project: Project, workspace: Workspace, span: tuple[int, int], code: int) -> Outcome:
    """Apply ``code`` to ``span`` (a unit's or any) for the workspace's coder, or take it off if
    they already applied it to exactly that span."""
    codebook = checked_codebook(workspace)
    own = [coding for coding in workspace.codings if coding.coder == workspace.coder and coding.code == code and (coding.start, coding.end) == span]
    name = codebook.tree.codes[code].name
    if own:
        remove_coding(project, own[0].id, coder=workspace.coder)
        return Outcome(N_("removed {name}"), {"name": name})
    add_coding(project, workspace.document.identifier, code, *span, coder=workspace.coder, codebook=codebook.id)
    return Outcome(N_("coded {name}"), {"name": name})


def checked_codebook(workspace: Workspace) -> StoredCodebook:
    if workspace.codebook is None:
        raise InputError(_('this document has no codebook'), workspace.document.identifier, _('import one: workbench import FILE.yaml'))
    return workspace.codebook


def in_vivo_code(project: Project, workspace: Workspace, span: tuple[int, int], name: str, parent: int | None = None) -> Outcome:
    """Create the code ``name`` under ``parent`` (default: under :data:`IN_VIVO`, made if missing)
    and apply it to ``span``."""
    codebook = checked_codebook(workspace)
    if parent is None:
        group = codebook.tree.sibling_named(None, IN_VIVO)
        parent = group.id if group else add_code(
            project, IN_VIVO, actor=workspace.coder, codebook=codebook.id, description=_("Codes named with the participants' own words.")
        ).code  # fmt: skip
    change = add_code(project, name, actor=workspace.coder, codebook=codebook.id, parent=parent)
    add_coding(project, workspace.document.identifier, change.code, *span, coder=workspace.coder, codebook=codebook.id)
    return Outcome(N_("in-vivo code {name!r} created and applied"), {"name": name})


def add_memo(project: Project, workspace: Workspace, unit: Unit, text: str) -> None:
    """A memo on the document, titled with the unit it was written on."""
    with project.session() as session:
        document = find_document(session, workspace.document.identifier).id
    write_memo(project, text, coder=workspace.coder, about="document", target=document, title=f"Unit {unit.position} ({unit.start}–{unit.end})")


def coding_progress(project: Project, viewer: str | None, documents: Collection[str] | None = None) -> dict[str, dict[str, tuple[int, int]]]:
    """For each document (of ``documents`` when given) and each coder who coded it, as far as
    ``viewer`` may see (:mod:`workbench.services.coding.visibility`): (units with at least one of
    their codings, units). Another coder of a document not revealed to the viewer is left out of
    that document, whether they coded it or not. A document not cut into units yet counts its speech turns."""
    seen = visibility(project, viewer)
    with project.session() as session:
        listed = select(DocumentRecord.id, DocumentRecord.identifier)
        found = session.exec(listed if documents is None else listed.where(DocumentRecord.identifier.in_(documents))).all()

        def within(query: Select, column: Any) -> Select:
            return query if documents is None else query.where(column.in_([document for document, _ in found]))

        spans: dict[int, list[tuple[int, int]]] = {}
        for document, start, end in session.exec(within(select(UnitRecord.document_id, UnitRecord.start, UnitRecord.end), UnitRecord.document_id)):
            spans.setdefault(document, []).append((start, end))
        turns: dict[int, list[tuple[int, int]]] = {}
        for document, start, end in session.exec(within(select(TurnRecord.document_id, TurnRecord.start, TurnRecord.end), TurnRecord.document_id)):
            if end > start:
                turns.setdefault(document, []).append((start, end))
        codings = session.exec(
            seen.restrict(within(select(CodingRecord.document_id, CoderRecord.name, CodingRecord.start, CodingRecord.end).join(CoderRecord), CodingRecord.document_id))
        ).all()
    by_document: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for document, coder, start, end in codings:
        by_document.setdefault(document, {}).setdefault(coder, []).append((start, end))
    progress: dict[str, dict[str, tuple[int, int]]] = {}
    for document, identifier in found:
        units = spans.get(document) or turns.get(document, [])
        progress[identifier] = {
            coder: (sum(any(start < unit_end and unit_start < end for start, end in coded) for unit_start, unit_end in units), len(units))
            for coder, coded in sorted(by_document.get(document, {}).items())
        }
    return progress
