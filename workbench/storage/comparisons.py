"""What two coders did on a project's documents, read from the project as plain data.

A :class:`Comparison` holds both coders' codings (as spans) on the documents compared, with their
units of meaning. With ``depth`` every code counts as its ancestor at that depth (1: themes, 2:
categories…); a code shallower than ``depth`` counts as itself. The request (the coders, the
documents, the depth) is checked before anything is read. :func:`read_settlements` reads what
settling disagreements left: the consensus coder's codings and the change-log entries of the
decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, select

from workbench.domain.codebook import CodeTree
from workbench.domain.codings import Coding
from workbench.domain.documents import ParsedDocument
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import _
from workbench.domain.units import Unit
from workbench.storage.codebooks import load_tree
from workbench.storage.codings import as_coding, check_coders, coding_query
from workbench.storage.queries import find_document, load_documents
from workbench.storage.records import ChangeRecord, CodebookRecord, CoderRecord, CodingRecord, DocumentRecord
from workbench.storage.units import read_units_of

CodedSpan = tuple[int, int, int]
"""A coding as ``(start, end, code)``."""


@dataclass(frozen=True)
class ComparedDocument:
    identifier: str
    length: int
    units: list[Unit]
    spans: tuple[list[CodedSpan], list[CodedSpan]]
    """Coder A's and coder B's codings as ``(start, end, code)``, codes rolled up."""


@dataclass(frozen=True)
class Comparison:
    """What two coders did on the documents compared, as plain data."""

    coders: tuple[str, str]
    documents: list[ComparedDocument]
    codes: dict[int, str]
    """Every code either coder used (rolled up), with its path, in codebook order."""
    left_out: dict[str, str] = field(default_factory=dict)
    """Documents coded by one coder only (not compared unless named), with the reason."""
    depth: int | None = None


def read_comparison(
    session: Session,
    coders: tuple[str, str],
    documents: list[str] | None,
    *,
    depth: int | None,
    with_units: bool,
) -> Comparison:
    coders = check_coders(session, coders)
    if depth is not None and depth < 1:
        hint = _("give 1 for themes, 2 for categories…")
        raise InputError(_('depth {depth} is not a level of the code tree').format(depth=depth), "--depth", hint)
    named = list(dict.fromkeys(documents)) if documents else None
    for identifier in named or []:
        find_document(session, identifier)
    codings = [as_coding(row) for row in session.exec(coding_rows(coders, named))]
    coded = [{coding.document for coding in codings if coding.coder == coder} for coder in coders]
    for coder, documents_coded in zip(coders, coded, strict=True):
        if not documents_coded and named:
            message = _("coder {coder!r} has no codings in {documents}").format(coder=coder, documents=", ".join(named))
            raise InputError(message, "--documents", _('name documents both coders coded'))
        if not documents_coded:
            raise InputError(_('coder {coder!r} has no codings').format(coder=coder), "--coders", _('compare two coders who have coded'))
    if named is None:
        chosen = common_documents(coders, codings, coded)
        left_out = {
            coding.document: _("coded by {coder} only").format(coder=coding.coder)
            for coding in codings
            if coding.document not in chosen
        }
    else:
        chosen, left_out = named, {}
    records = session.exec(select(CodebookRecord).order_by(CodebookRecord.id))
    trees = [load_tree(session, record.id) for record in records]
    rolled = rolled_up(trees, depth)
    spans = {identifier: ([], []) for identifier in chosen}
    for coding in codings:
        if coding.document in spans:
            spans[coding.document][coders.index(coding.coder)].append(
                (coding.start, coding.end, rolled.get(coding.code, coding.code))
            )
    loaded = load_documents(session, chosen)
    units = read_units_of(session, loaded.values()) if with_units else {}
    compared = [compared_document(loaded[identifier], units.get(identifier, []), spans[identifier], with_units) for identifier in chosen]
    used = {code for first, second in spans.values() for *_, code in first + second}
    paths = {
        code.id: tree.path_text(code.id) for tree in trees for code in tree.walk() if code.id in used
    }
    return Comparison(coders, compared, paths, left_out, depth)


def common_documents(
    coders: tuple[str, str], codings: list[Coding], coded: list[set[str]]
) -> list[str]:
    """The documents both coders coded, in project order."""
    in_order = dict.fromkeys(coding.document for coding in codings)
    both = [identifier for identifier in in_order if identifier in coded[0] & coded[1]]
    if not both:
        message = _("{first} and {second} have coded no document in common").format(first=coders[0], second=coders[1])
        raise InputError(message, "--coders", _('name the documents to compare with --documents'))
    return both


def coding_rows(coders: tuple[str, str], documents: list[str] | None):  # noqa: ANN201 - a SQLModel select
    query = coding_query().where(CoderRecord.name.in_(coders))
    if documents is not None:
        query = query.where(DocumentRecord.identifier.in_(documents))
    return query.order_by(
        DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id
    )


def compared_document(
    document: ParsedDocument, units: list[Unit], spans: tuple[list[CodedSpan], list[CodedSpan]], with_units: bool
) -> ComparedDocument:
    identifier = document.identifier
    if with_units and not units:
        hint = _("run `workbench segment --document {identifier}`").format(identifier=identifier)
        raise NotFoundError(_('document {identifier} has no units').format(identifier=identifier), hint=hint)
    return ComparedDocument(identifier, len(document.text), units, spans)


def rolled_up(trees: list[CodeTree], depth: int | None) -> dict[int, int]:
    """Each code's ancestor at ``depth`` (itself when shallower, or without ``depth``)."""
    return {
        code_id: code_id if depth is None else tree.ancestor(code_id, min(depth, tree.depth(code_id))).id
        for tree in trees
        for code_id in tree.codes
    }


@dataclass(frozen=True)
class LoggedDecision:
    """A disagreement settled, as the change log recorded it."""

    document: str
    start: int
    end: int
    coders: tuple[str, ...]
    keep: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class HeldCode:
    """A code the consensus coder holds on a span, with its path and when it was written."""

    document: str
    start: int
    end: int
    code: int
    path: str
    created: datetime


def read_settlements(
    session: Session, documents: list[str], *, consensus: str, action: str
) -> tuple[list[LoggedDecision], list[HeldCode]]:
    """The decisions logged as ``action`` on units of ``documents`` (oldest first), and the codings
    of the coder ``consensus`` there."""
    decisions = []
    for entry in session.exec(select(ChangeRecord).where(ChangeRecord.action == action).order_by(ChangeRecord.id)):
        document = entry.target.rsplit(" unit ", 1)[0]
        details = entry.details
        if document in documents and {"start", "end", "keep"} <= set(details):
            at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
            coders = tuple(details.get("coders", ()))
            decisions.append(LoggedDecision(document, details["start"], details["end"], coders, details["keep"], entry.actor, at))
    query = coding_query().where(CoderRecord.name == consensus, DocumentRecord.identifier.in_(documents))
    rows = session.exec(query.order_by(DocumentRecord.position, CodingRecord.start, CodingRecord.code_id)).all()
    trees = [load_tree(session, record.id) for record in session.exec(select(CodebookRecord).order_by(CodebookRecord.id))]
    paths = {code.id: tree.path_text(code.id) for tree in trees for code in tree.walk()}
    held = [
        HeldCode(identifier, record.start, record.end, record.code_id, paths.get(record.code_id, str(record.code_id)),
                 record.created_at if record.created_at.tzinfo else record.created_at.replace(tzinfo=UTC))
        for record, _, identifier in rows
    ]  # fmt: skip
    return decisions, held
