"""Reading codebooks from a project: finding them, their code trees, numbering and GUIDs.

Code rows are read with SQLAlchemy Core (never as ORM objects), so that what the operations write
through :class:`~workbench.storage.history.RowChanges` is what the next read sees.

Two things a code carries besides its row live in the ``setting`` table, keyed by code id:
``code.ID.guid``, the REFI-QDA GUID it was imported with (only when it differs from the one an
export derives), and ``code.ID.bulleted-children``, set when its children are bullets although
their level is numbered. A codebook's numbering scheme is ``codebook.ID.numbering`` (JSON), absent
for the French thesis default.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, select

from workbench.domain.codebook import (
    Code,
    Codebook,
    CodeNode,
    CodeTree,
)
from workbench.domain.errors import ConflictError, NotFoundError
from workbench.domain.language import _
from workbench.domain.numbering import FRENCH_THESIS, NumberingScheme
from workbench.storage.project import Project
from workbench.storage.records import CodebookRecord, CodeRecord, CodingRecord, SettingRecord

GUID = "guid"
BULLETED_CHILDREN = "bulleted-children"
CODE_COLUMNS = ("id", "codebook_id", "parent_id", "position", "name", "colour", "description",
                "when_to_use", "when_not_to_use", "example", "shortcut")  # fmt: skip


def code_setting_key(code_id: int, name: str) -> str:
    return f"code.{code_id}.{name}"


def numbering_key(codebook_id: int) -> str:
    return f"codebook.{codebook_id}.numbering"


@dataclass
class StoredCodebook:
    """A codebook of the project with everything its display and exports need."""

    id: int
    name: str
    language: str
    source: str
    tree: CodeTree
    numbering: NumberingScheme
    bulleted: frozenset[int]
    guids: dict[int, str]
    codings: dict[int, int]
    """Codings on each code (not counting its descendants'): everyone's, or those ``counted`` when
    read with a condition (a viewer's, :mod:`workbench.services.coding.visibility`)."""

    def numbers(self) -> dict[int, str]:
        return self.tree.numbers(self.numbering, self.bulleted)

    def outline(self) -> Codebook:
        """The nested codebook that exports write."""
        numbers = self.numbers()

        def node(code: Code) -> CodeNode:
            return CodeNode(
                name=code.name,
                colour=code.colour,
                number=numbers[code.id],
                description=code.description,
                when_to_use=code.when_to_use,
                when_not_to_use=code.when_not_to_use,
                example=code.example,
                shortcut=code.shortcut,
                guid=self.guids.get(code.id),
                bulleted_children=code.id in self.bulleted,
                children=[node(child) for child in self.tree.children(code.id)],
            )

        codes = [node(root) for root in self.tree.roots]
        return Codebook(self.name, codes, self.language, self.source, self.numbering)


def find_codebook(session: Session, reference: str | int | None) -> CodebookRecord:
    """The codebook with this id or name (or the start of its name, or a unique part of it); the only one when ``None``."""
    records = list(session.exec(select(CodebookRecord).order_by(CodebookRecord.id)))
    names = ", ".join(repr(record.name) for record in records)
    if reference is None:
        if len(records) == 1:
            return records[0]
        if not records:
            raise NotFoundError(_('this project has no codebook'), hint=_('import one: workbench import FILE.yaml'))
        raise NotFoundError(_('this project has {count} codebooks: {names}').format(count=len(records), names=names), hint=_('name one with --codebook NAME'))
    text = str(reference).strip()
    for matches in (
        [record for record in records if str(record.id) == text or record.name == text],
        [record for record in records if record.name.casefold().startswith(text.casefold())],
        [record for record in records if text.casefold() in record.name.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise NotFoundError(_('several codebooks match {text!r}').format(text=text), hint=_('give more of the name'))
    raise NotFoundError(_('no codebook {text!r} in this project').format(text=text), hint=_('the codebooks are: {value}').format(value=names or 'none'))


def load_tree(session: Session, codebook_id: int) -> CodeTree:
    table = CodeRecord.__table__
    rows = session.exec(select(*(table.c[name] for name in CODE_COLUMNS)).where(table.c.codebook_id == codebook_id))
    return CodeTree(code_from_row(row) for row in rows.mappings())


def code_from_row(row: dict) -> Code:
    return Code(
        id=row["id"],
        codebook=row["codebook_id"],
        parent=row["parent_id"],
        position=row["position"],
        name=row["name"],
        colour=row["colour"],
        description=row["description"],
        when_to_use=row["when_to_use"],
        when_not_to_use=row["when_not_to_use"],
        example=row["example"],
        shortcut=row["shortcut"],
    )


def locate(session: Session, codebook: str | int | None, code: str | int) -> tuple[CodebookRecord, CodeTree, Code]:
    """A code by id or path. Without a codebook: the one whose id it is, else the one whose tree has that path."""
    if codebook is None and (isinstance(code, int) or code.strip().isdigit()):
        row = session.get(CodeRecord, int(code))
        if row is None or row.codebook_id is None:
            raise NotFoundError(_('no code with id {code} in this project').format(code=code), hint=_('see `workbench codes`'))
        codebook = row.codebook_id
    if codebook is not None:
        record = find_codebook(session, codebook)
        tree = load_tree(session, record.id)
        return record, tree, tree.find(code)
    records = list(session.exec(select(CodebookRecord).order_by(CodebookRecord.id)))
    found: list[tuple[CodebookRecord, CodeTree, Code]] = []
    for record in records:
        tree = load_tree(session, record.id)
        try:
            found.append((record, tree, tree.find(code)))
        except NotFoundError as error:
            last_error = error
    if len(found) == 1:
        return found[0]
    if found:
        raise NotFoundError(_('{code!r} is in several codebooks').format(code=code), hint=_('name one with --codebook NAME'))
    if len(records) == 1:
        raise last_error
    raise NotFoundError(_('no code {code!r} in this project').format(code=code), hint=_('see `workbench codes`'))


@contextmanager
def editing(project: Project) -> Iterator[Session]:
    """A transaction for changing codebooks, one at a time: it reads the trees once any other such
    edit under way has committed, and no other can change them before it commits.

    It locks the codebook rows (``FOR NO KEY UPDATE`` on PostgreSQL, which still lets documents and
    codings point at them); on SQLite it takes the write lock before reading.
    """
    with project.transaction(immediate=True) as session:
        session.exec(select(CodebookRecord.id).order_by(CodebookRecord.id).with_for_update(key_share=True))
        yield session


def refuse_if_changed(tree: CodeTree, seen: CodeTree | None, *codes: Code | None) -> None:
    """Refuse an operation chosen on ``seen``, an earlier read of the tree, when a code it names has
    been renamed or moved since: applied by id, it would act on a code the user did not see.
    ``None`` stands for no code (no parent, no heir) and is passed over."""
    if seen is None:
        return
    for code in filter(None, codes):
        now = tree.path_text(code.id)
        if code.id not in seen:
            raise ConflictError(_('code {now!r} was added after you read the codebook').format(now=now), hint=_('read it again, then retry'))
        if seen.path_text(code.id) != now:
            raise ConflictError(
                _('code {path_text!r} has changed since you read the codebook: it is now {now!r}').format(path_text=seen.path_text(code.id), now=now),
                hint=_('read it again, then retry if the change still applies'),
            )


def coding_counts(session: Session, code_ids: list[int], counted: ColumnElement[bool] | None = None) -> dict[int, int]:
    """The codings of each code, those meeting ``counted`` when given."""
    query = (
        select(CodingRecord.code_id, func.count())
        .where(CodingRecord.code_id.in_(code_ids))
        .group_by(CodingRecord.code_id)
    )
    if counted is not None:
        query = query.where(counted)
    counts = dict(session.exec(query).all())
    return {code_id: counts.get(code_id, 0) for code_id in code_ids}


def code_settings(session: Session, code_ids: list[int], name: str) -> dict[int, str]:
    """The setting ``name`` of each code that has it."""
    keys = {code_setting_key(code_id, name): code_id for code_id in code_ids}
    rows = session.exec(select(SettingRecord.key, SettingRecord.value).where(SettingRecord.key.in_(keys)))
    return {keys[key]: value for key, value in rows}


def read_numbering(session: Session, codebook_id: int) -> NumberingScheme:
    record = session.get(SettingRecord, numbering_key(codebook_id))
    return NumberingScheme.from_json(json.loads(record.value)) if record else FRENCH_THESIS


def load_codebook(session: Session, record: CodebookRecord, counted: ColumnElement[bool] | None = None) -> StoredCodebook:
    tree = load_tree(session, record.id)
    ids = list(tree.codes)
    return StoredCodebook(
        id=record.id,
        name=record.name,
        language=record.language,
        source=record.source,
        tree=tree,
        numbering=read_numbering(session, record.id),
        bulleted=frozenset(code_settings(session, ids, BULLETED_CHILDREN)),
        guids=code_settings(session, ids, GUID),
        codings=coding_counts(session, ids, counted),
    )


def load_codebooks(
    project: Project, reference: str | int | None = None, *, every: bool = False, counted: ColumnElement[bool] | None = None
) -> list[StoredCodebook]:
    """The codebook named (or the only one); every codebook with ``every``. Its counts of codings
    count those meeting ``counted`` (a condition on codings) when given, else everyone's."""
    with project.session() as session:
        if every and reference is None:
            records = session.exec(select(CodebookRecord).order_by(CodebookRecord.id))
        else:
            records = [find_codebook(session, reference)]
        return [load_codebook(session, record, counted) for record in records]
