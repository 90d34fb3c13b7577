"""Coders and codings in a project: a coder's id, reading codings back, and writing new ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from sqlmodel import Session, select

from workbench.domain.codings import Coding, check_coder_name, check_span
from workbench.domain.errors import ConflictError, InputError, NotFoundError
from workbench.domain.language import _
from workbench.domain.text import natural_key
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord, DocumentRecord
from workbench.storage.row_changes import RowChanges


@dataclass(frozen=True)
class SpanToCode:
    """One coding to write: a code (id) on ``[start, end)`` of a document."""

    document: DocumentRecord
    code: int
    start: int
    end: int
    created: datetime | None = None
    """When it was first made, if not now (a coding read from an exchange file)."""


def coder_id(session: Session, name: str, *, create: bool = True) -> int:
    """The id of the coder called ``name``, created on first use unless ``create`` is false."""
    name = check_coder_name(name)
    found = session.exec(select(CoderRecord.id).where(CoderRecord.name == name)).first()
    if found is not None:
        return found
    if not create:
        raise NotFoundError(_('no coder {name!r} in this project').format(name=name), hint=_('see `workbench coders`'))
    return RowChanges(session).insert("coder", {"name": name})


def check_coders(session: Session, coders: tuple[str, str]) -> tuple[str, str]:
    """Two different coders of this project."""
    first, second = (check_coder_name(name) for name in coders)
    if first == second:
        raise InputError(_('both coders are {first!r}').format(first=first), "--coders", _('name two different coders'))
    known = set(session.exec(select(CoderRecord.name)))
    for name in (first, second):
        if name not in known:
            hint = _('the coders are: {names}').format(names=", ".join(sorted(known)) or _('none'))
            raise NotFoundError(_('no coder {name!r} in this project').format(name=name), "--coders", hint)
    return first, second


def coders_with_codings(session: Session) -> list[str]:
    """The coders who have coded something, in natural order."""
    names = session.exec(select(CoderRecord.name).join(CodingRecord).distinct())
    return sorted(names, key=natural_key)


def coding_query():  # noqa: ANN201 - a SQLModel select
    return (
        select(CodingRecord, CoderRecord.name, DocumentRecord.identifier)
        .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
        .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
    )


def as_coding(row: tuple[CodingRecord, str, str]) -> Coding:
    record, coder, document = row
    return Coding(record.id, coder, record.code_id, document, record.start, record.end, record.text)


def read_coding(session: Session, coding: int) -> Coding:
    row = session.exec(coding_query().where(CodingRecord.id == coding)).first()
    if row is None:
        raise NotFoundError(_('no coding {coding} in this project').format(coding=coding), hint=_('see `workbench codings`'))
    return as_coding(row)


def codings_on(session: Session, code_ids: list[int]) -> list[int]:
    """The codings of these codes, by id."""
    return list(session.exec(select(CodingRecord.id).where(CodingRecord.code_id.in_(code_ids)).order_by(CodingRecord.id)))


def store_codings(recorder: RowChanges, coder: int, spans: list[SpanToCode]) -> list[int]:
    """Insert codings (each keeping the text it covers); refuses a span outside its document, a
    code of another codebook than the document's, and a coding the coder already has."""
    return store_coders_codings(recorder, [(coder, span) for span in spans])


def store_coders_codings(recorder: RowChanges, codings: list[tuple[int, SpanToCode]]) -> list[int]:
    """:func:`store_codings` for codings of several coders (id, span), in order: each check one query
    for them all, and one insert for each run of rows with the same columns."""
    session = recorder.session
    codes = {span.code for _, span in codings}
    codebooks = dict(session.exec(select(CodeRecord.id, CodeRecord.codebook_id).where(CodeRecord.id.in_(codes))).all()) if codes else {}
    columns = (CodingRecord.coder_id, CodingRecord.code_id, CodingRecord.document_id, CodingRecord.start, CodingRecord.end)
    held = {
        tuple(row)
        for row in session.exec(
            select(*columns).where(
                CodingRecord.coder_id.in_({coder for coder, _ in codings}),
                CodingRecord.document_id.in_({span.document.id for _, span in codings}),
            )
        )
    } if codings else set()  # fmt: skip
    rows = []
    for coder, span in codings:
        where = f"{span.document.identifier} {span.start}–{span.end}"
        check_span(span.start, span.end, len(span.document.text), where)
        code_codebook = codebooks.get(span.code)
        if code_codebook is None:
            raise NotFoundError(_('no code with id {code} in this project').format(code=span.code), where, _('see `workbench codes`'))
        if span.document.codebook_id not in (None, code_codebook):
            raise InputError(
                _('code {code} is not in the codebook of {identifier}').format(code=span.code, identifier=span.document.identifier), where,
                _('code it with a code of its codebook (see `workbench codes`)'),
            )
        key = (coder, span.code, span.document.id, span.start, span.end)
        if key in held:
            raise ConflictError(_('this coder already has this code on {where}').format(where=where), hint=_('nothing to do'))
        held.add(key)
        rows.append({
            "coder_id": coder, "code_id": span.code, "document_id": span.document.id, "start": span.start, "end": span.end,
            "text": span.document.text[span.start : span.end],
            **({"created_at": span.created.isoformat(), "modified_at": span.created.isoformat()} if span.created else {}),
        })  # fmt: skip
    ids: list[int] = []
    for _row, alike in groupby(rows, key=lambda row: tuple(row)):
        ids += recorder.insert_many("coding", list(alike))
    return ids
