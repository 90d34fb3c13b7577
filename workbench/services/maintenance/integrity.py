"""Integrity checks on a project: what the schema's constraints cannot guarantee on their own.

Offsets and quoted text must agree with the document they point into, the code tree must stay a
tree, and no row may point to something that is gone. SQLite files also get their own page-level
and foreign-key checks, because a file copied, restored or edited by hand may bypass both.
Each check returns the problems it found; none of them changes the project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, func, or_
from sqlalchemy.exc import DatabaseError
from sqlmodel import Session, select

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted
from workbench.domain.text import checksum, shortened
from workbench.storage.project import Project
from workbench.storage.records import (
    CodebookRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    ParticipantRecord,
    TurnRecord,
    UnitRecord,
)
from workbench.storage.search_index import indexed_state, passages_of, rebuild_index, text_rows_out_of_step


@dataclass(frozen=True)
class Problem:
    """One thing wrong: its kind (e.g. ``coding span``), the row it is on, what is wrong.

    The kind, marked with ``N_``, stays in English (a key of ``check --json``) and is translated in
    :meth:`one_line`; where and what are translated when the problem is found."""

    kind: str
    where: str
    what: str

    def one_line(self) -> str:
        return _("{kind}: {where}: {what}").format(kind=_(self.kind), where=self.where, what=self.what)


@dataclass
class IntegrityReport:
    checked: dict[str, int] = field(default_factory=dict)
    """Rows checked, by table."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "checked": self.checked, "problems": [asdict(problem) for problem in self.problems]}


_Check = Callable[[Session], Iterator[Problem]]

COUNTED_TABLES = (DocumentRecord, TurnRecord, UnitRecord, CodeRecord, CodingRecord, MemoRecord)

REFERENCES = (
    (CodingRecord, CodingRecord.document_id, DocumentRecord.id),
    (CodingRecord, CodingRecord.code_id, CodeRecord.id),
    (CodingRecord, CodingRecord.coder_id, CoderRecord.id),
    (UnitRecord, UnitRecord.document_id, DocumentRecord.id),
    (TurnRecord, TurnRecord.document_id, DocumentRecord.id),
    (MemoRecord, MemoRecord.coder_id, CoderRecord.id),
    (CodeRecord, CodeRecord.parent_id, CodeRecord.id),
    (CodeRecord, CodeRecord.codebook_id, CodebookRecord.id),
    (DocumentRecord, DocumentRecord.participant_id, ParticipantRecord.identifier),
    (DocumentRecord, DocumentRecord.codebook_id, CodebookRecord.id),
)
"""(table, column, the key it points to) for every reference between rows."""

MEMO_TARGETS = {"document": DocumentRecord.id, "code": CodeRecord.id, "coding": CodingRecord.id}
TARGET_MISSING = {
    "document": N_("its target document {target} does not exist"),
    "code": N_("its target code {target} does not exist"),
    "coding": N_("its target coding {target} does not exist"),
}
"""What is wrong with a memo whose target is gone, by kind of target."""


def check_project(project: Project) -> IntegrityReport:
    """Run every check; the SQLite file checks only where the project is a SQLite file."""
    report = IntegrityReport()
    with project.session() as session:
        report.checked = {table.__tablename__: _row_count(session, table) for table in COUNTED_TABLES}
        for check in CHECKS:
            report.problems.extend(check(session))
    if project.engine.dialect.name == "sqlite":
        with project.engine.connect() as connection:
            report.problems.extend(sqlite_file_problems(connection))
            report.problems.extend(foreign_key_problems(connection))
    report.problems = list(dict.fromkeys(report.problems))
    return report


def _row_count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _document_texts(session: Session) -> dict[int, tuple[str, str]]:
    """Each document's (identifier, text), by id."""
    rows = session.exec(select(DocumentRecord.id, DocumentRecord.identifier, DocumentRecord.text))
    return {document_id: (identifier, text) for document_id, identifier, text in rows}


def _coding_problems(session: Session) -> Iterator[Problem]:
    """Each coding lies inside its document and quotes exactly the text at its offsets."""
    documents = _document_texts(session)
    columns = (CodingRecord.id, CodingRecord.document_id, CodingRecord.start, CodingRecord.end, CodingRecord.text)
    for coding_id, document_id, start, end, quoted in session.exec(select(*columns).order_by(CodingRecord.id)):
        if document_id not in documents:
            continue
        identifier, text = documents[document_id]
        where = _("coding {coding} ({document})").format(coding=coding_id, document=identifier)
        if not 0 <= start < end <= len(text):
            yield outside(N_("coding span"), where, start, end, text)
        elif text[start:end] != quoted:
            found = _("stored text {stored!r} differs from the document's {document!r}").format(stored=shortened(quoted, QUOTED_LENGTH), document=shortened(text[start:end], QUOTED_LENGTH))
            yield Problem(N_("coding text"), where, found)


def _unit_problems(session: Session) -> Iterator[Problem]:
    """Each unit lies inside its document, and a document's units do not overlap."""
    documents = _document_texts(session)
    columns = (UnitRecord.id, UnitRecord.document_id, UnitRecord.start, UnitRecord.end)
    query = select(*columns).order_by(UnitRecord.document_id, UnitRecord.start, UnitRecord.id)
    furthest: tuple[int, int, int] | None = None  # (document, unit, end) of the unit reaching furthest so far
    for unit_id, document_id, start, end in session.exec(query):
        if document_id not in documents:
            continue
        identifier, text = documents[document_id]
        where = _("unit {unit} ({document})").format(unit=unit_id, document=identifier)
        if not 0 <= start < end <= len(text):
            yield outside(N_("unit span"), where, start, end, text)
        if furthest is not None and furthest[0] == document_id and start < furthest[2]:
            found = _("{start}–{end} overlaps unit {unit}, which ends at {unit_end}").format(start=start, end=end, unit=furthest[1], unit_end=furthest[2])
            yield Problem(N_("unit overlap"), where, found)
        if furthest is None or furthest[0] != document_id or end > furthest[2]:
            furthest = (document_id, unit_id, end)


def _turn_problems(session: Session) -> Iterator[Problem]:
    """Each speech turn lies inside its document (an empty turn is allowed)."""
    documents = _document_texts(session)
    columns = (TurnRecord.id, TurnRecord.document_id, TurnRecord.start, TurnRecord.end)
    for turn_id, document_id, start, end in session.exec(select(*columns).order_by(TurnRecord.id)):
        if document_id not in documents:
            continue
        identifier, text = documents[document_id]
        if not 0 <= start <= end <= len(text):
            yield outside(N_("turn span"), _("turn {turn} ({document})").format(turn=turn_id, document=identifier), start, end, text)


def outside(kind: str, where: str, start: int, end: int, text: str) -> Problem:
    length = counted(len(text), "{count} character", "{count} characters")
    return Problem(kind, where, _("{start}–{end} is outside the document's {length}").format(start=start, end=end, length=length))


def _code_tree_problems(session: Session) -> Iterator[Problem]:
    """The codes form trees: no code is its own ancestor, and a parent is in its child's codebook."""
    rows = session.exec(select(CodeRecord.id, CodeRecord.parent_id, CodeRecord.codebook_id))
    codes = {code_id: (parent_id, codebook_id) for code_id, parent_id, codebook_id in rows}
    for code_id, (parent_id, codebook_id) in codes.items():
        if parent_id in codes and codes[parent_id][1] != codebook_id:
            found = _("its parent {parent} is in codebook {parent_codebook}, not {codebook}").format(
                parent=parent_id, parent_codebook=codes[parent_id][1], codebook=codebook_id
            )
            yield Problem(N_("code tree"), _("code {code}").format(code=code_id), found)
    for cycle in code_cycles(codes):
        loop = " → ".join(map(str, [*cycle, cycle[0]]))
        yield Problem(N_("code tree"), _("code {code}").format(code=cycle[0]), _("parent chain loops: {loop}").format(loop=loop))


def code_cycles(codes: dict[int, tuple[int | None, int | None]]) -> list[list[int]]:
    """Every loop in the parent links, each once, starting at its smallest code id."""
    cycles: list[list[int]] = []
    settled: set[int] = set()
    for start in codes:
        chain: list[int] = []
        code_id: int | None = start
        while code_id in codes and code_id not in settled and code_id not in chain:
            chain.append(code_id)
            code_id = codes[code_id][0]
        if code_id in chain:
            loop = chain[chain.index(code_id) :]
            first = loop.index(min(loop))
            cycles.append(loop[first:] + loop[:first])
        settled.update(chain)
    return cycles


def _orphan_problems(session: Session) -> Iterator[Problem]:
    """No row points to a document, code, coder, codebook or participant that is not there."""
    for table, column, key in REFERENCES:
        query = select(table.id, column).where(column.is_not(None), column.not_in(select(key)))
        for row_id, value in session.exec(query.order_by(table.id)):
            yield orphan(table.__tablename__, row_id, column.key, value, key.class_.__tablename__)


def _memo_target_problems(session: Session) -> Iterator[Problem]:
    """A memo on a document, code or coding names one that exists."""
    for kind, key in MEMO_TARGETS.items():
        missing = or_(MemoRecord.target_id.is_(None), MemoRecord.target_id.not_in(select(key)))
        query = select(MemoRecord.id, MemoRecord.target_id).where(MemoRecord.target_kind == kind, missing)
        for memo_id, target_id in session.exec(query.order_by(MemoRecord.id)):
            found = _(TARGET_MISSING[kind]).format(target=target_id)
            yield Problem(N_("orphan"), _("memo {memo}").format(memo=memo_id), found)


def _checksum_problems(session: Session) -> Iterator[Problem]:
    """A document's checksum is the SHA-256 of its text, as computed on import."""
    columns = (DocumentRecord.identifier, DocumentRecord.text, DocumentRecord.checksum)
    for identifier, text, stored in session.exec(select(*columns).order_by(DocumentRecord.id)):
        if checksum(text) != stored:
            yield Problem(N_("checksum"), _("document {document}").format(document=identifier), _("the stored checksum is not the SHA-256 of its text"))


SEARCH_INDEX_HINT = N_("run `workbench check --repair`")


def _search_index_problems(session: Session) -> Iterator[Problem]:
    """The search index holds each document's passages as its turns and text are now."""
    indexed = indexed_state(session.connection())
    turns: dict[int, list[tuple[int, int, str]]] = {}
    for document_id, start, end, role in session.exec(
        select(TurnRecord.document_id, TurnRecord.start, TurnRecord.end, TurnRecord.role).order_by(TurnRecord.document_id, TurnRecord.position)
    ):  # fmt: skip
        turns.setdefault(document_id, []).append((start, end, role))
    columns = (DocumentRecord.id, DocumentRecord.identifier, DocumentRecord.text, DocumentRecord.checksum)
    for document_id, identifier, text, stored in session.exec(select(*columns).order_by(DocumentRecord.id)):
        expected = sorted((passage.start, passage.end, passage.role, stored) for passage in passages_of(text, turns.get(document_id, [])))
        if sorted(indexed.get(document_id, [])) != expected:
            found = _("its index is out of step with its text; {hint}").format(hint=_(SEARCH_INDEX_HINT))
            yield Problem(N_("search index"), _("document {document}").format(document=identifier), found)
    strays = text_rows_out_of_step(session.connection())
    if strays:
        rows = counted(strays, "{count} row without its passage or passage without its words", "{count} rows without their passage or passages without their words")
        yield Problem(N_("search index"), "search_text", _("{rows}; {hint}").format(rows=rows, hint=_(SEARCH_INDEX_HINT)))


def repair_search_index(project: Project) -> int | None:
    """Rebuild the search index if it is out of step; how many documents were indexed (``None``: it was in step)."""
    with project.session() as session:
        if not any(_search_index_problems(session)):
            return None
    with project.transaction() as session:
        return rebuild_index(session.connection())


def sqlite_file_problems(connection: Connection) -> Iterator[Problem]:
    """SQLite's own check of pages, indexes and constraints."""
    for (message,) in connection.exec_driver_sql("PRAGMA integrity_check"):
        if message != "ok":
            yield Problem(N_("database"), "integrity_check", message)


def foreign_key_problems(connection: Connection) -> Iterator[Problem]:
    """SQLite's check of the declared foreign keys, worded like :func:`_orphan_problems`."""
    for table, row_id, parent, key_number in connection.exec_driver_sql("PRAGMA foreign_key_check").all():
        keys = connection.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")').all()
        column = next(key[3] for key in keys if key[0] == key_number)
        value = connection.exec_driver_sql(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (row_id,)).scalar()
        yield orphan(table, row_id, column, value, parent)


def orphan(table: str, row_id: object, column: str, value: object, parent: str) -> Problem:
    return Problem(N_("orphan"), f"{table} {row_id}", _("{column} {value} points to no {parent}").format(column=column, value=value, parent=parent))


QUOTED_LENGTH = 40
"""Characters of a stored text or of the document's shown in a problem."""


CHECKS: tuple[_Check, ...] = (
    _coding_problems,
    _unit_problems,
    _turn_problems,
    _code_tree_problems,
    _orphan_problems,
    _memo_target_problems,
    _checksum_problems,
    _search_index_problems,
)


def check_readable_project(project: Project, *, shown_as: str) -> IntegrityReport:
    """:func:`check_project`; a database too damaged to be read is refused in one line naming it
    (``shown_as``: where it is, as messages show it)."""
    try:
        return check_project(project)
    except DatabaseError as error:
        reason = str(error.orig or error).strip()
        raise InputError(_('the database cannot be read: {reason}').format(reason=reason), shown_as, _('restore it from a backup')) from None
