"""Whose codings the person at the keyboard may read: the blind rule of double coding, in one place.

Every view of codings, and of anything counted or drawn from them (counts, progress, trees, tables,
matrices, analysis, COREQ facts, exports), reads them through here, for a *viewer*: the terminal
UI's coder, or ``--coder`` / ``WORKBENCH_CODER`` on the command line.

The rule: a viewer who has coded something sees their own codings everywhere, and the other
coders' codings of a document once it is revealed to them — after an explicit reveal, or once they
and another coder of the document have both marked it done. Someone who has coded nothing (a
supervisor settling disagreements, exporting the tree), or nobody named, reads everything.

A view that merely gathers codings (a count, a progress column, a table of everyone's codings)
leaves out silently what the viewer may not see: :func:`visibility`, :func:`visible_codings`.
A command that names another coder's work explicitly is refused in one line instead:
:func:`check_may_read`. The coding screen is stricter (:func:`codings_of_document`): there, the
others' codings of a document are shown only once it is revealed, even to someone who has not
coded yet, so that their first coding is blind too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, or_
from sqlmodel import Session, select

from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.text import natural_key
from workbench.storage.codebooks import StoredCodebook, load_codebooks
from workbench.storage.codings import as_coding, coding_query
from workbench.storage.project import Project
from workbench.storage.queries import find_document
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord, SettingRecord

DOCUMENT_SETTINGS = "document."
"""The start of the settings that mark a document done or revealed, per coder."""


def done_key(document: str, coder: str) -> str:
    return f"document.{document}.done.{coder}"


def reveal_key(document: str, coder: str) -> str:
    return f"document.{document}.revealed.{coder}"


@dataclass(frozen=True)
class Visibility:
    """What one viewer may read, computed once for a whole view (:func:`visibility`)."""

    viewer: str | None
    blind: bool
    """Whether the rule binds the viewer (they have coded something); if not, they read everything."""
    revealed: frozenset[str] = frozenset()
    """The documents whose other coders' codings the viewer may read."""
    viewer_id: int | None = None
    revealed_ids: frozenset[int] = field(default=frozenset(), repr=False)

    def shows(self, coder: str, document: str) -> bool:
        """Whether the viewer may read ``coder``'s codings of ``document``."""
        return not self.blind or coder == self.viewer or document in self.revealed

    def shows_row(self, row: dict[str, object]) -> bool:
        """Whether the viewer may read a coding row as the change log holds it (``coder_id``, ``document_id``)."""
        return not self.blind or row.get("coder_id") == self.viewer_id or row.get("document_id") in self.revealed_ids

    def condition(self) -> ColumnElement[bool] | None:
        """The codings the viewer may read, as a condition on ``CodingRecord`` rows (``None``: all)."""
        if not self.blind:
            return None
        return or_(CodingRecord.coder_id == self.viewer_id, CodingRecord.document_id.in_(sorted(self.revealed_ids)))

    def restrict(self, query: Select) -> Select:
        """``query``, a select of ``CodingRecord`` rows or columns, kept to what the viewer may read."""
        condition = self.condition()
        return query if condition is None else query.where(condition)


def visibility(project: Project, viewer: str | None) -> Visibility:
    """What ``viewer`` may read now (``None``: nobody named, who reads everything)."""
    with project.session() as session:
        return _visibility(session, viewer)


def visible_codings(project: Project, viewer: str | None, *, coders: list[str] | None = None, documents: list[str] | None = None) -> list[Coding]:
    """The codings ``viewer`` may read (of ``coders`` and ``documents`` when given), by document
    order then offset; the others are left out without a word."""
    with project.session() as session:
        seen = _visibility(session, viewer)
        query = coding_query()
        if coders is not None:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        order = (DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id)
        return [as_coding(row) for row in session.exec(seen.restrict(query).order_by(*order))]


def check_may_read(project: Project, viewer: str | None, coders: list[str] | None = None, documents: list[str] | None = None) -> None:
    """Refuse, in one line, to show ``viewer`` another coder's codings of a document not revealed to
    them: for a command that asks for ``coders``' codings (default: everyone's) of ``documents``
    (default: all) by name, where leaving some out would mislead."""
    with project.session() as session:
        seen = _visibility(session, viewer)
        if not seen.blind:
            return
        query = (
            select(DocumentRecord.identifier).join(CodingRecord, CodingRecord.document_id == DocumentRecord.id)
            .join(CoderRecord).where(CoderRecord.name != seen.viewer).distinct()
        )  # fmt: skip
        if coders is not None:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        hidden = sorted((document for document in session.exec(query) if document not in seen.revealed), key=natural_key)
    if hidden:
        shown = ", ".join(hidden[:5]) + (f" and {len(hidden) - 5} more" if len(hidden) > 5 else "")
        raise InputError(
            _("{viewer} may not read the other coders' codings of {shown} yet (blind coding)").format(viewer=seen.viewer, shown=shown), "--coder",
            _('mark the documents done on both sides or reveal them in the terminal UI, or export without --coder as a supervisor'),
        )  # fmt: skip


def readable_coders(project: Project, viewer: str | None) -> list[str]:
    """The coders who have coded something and all of whose codings ``viewer`` may read, in
    natural order: those a view of one coder's whole work (a tree, an analysis) may offer."""
    with project.session() as session:
        seen = _visibility(session, viewer)
        pairs = session.exec(
            select(CoderRecord.name, DocumentRecord.identifier).join(CodingRecord, CodingRecord.coder_id == CoderRecord.id)
            .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id).distinct()
        ).all()  # fmt: skip
    hidden = {coder for coder, document in pairs if not seen.shows(coder, document)}
    return sorted({coder for coder, _ in pairs} - hidden, key=natural_key)


def visible_codebooks(project: Project, viewer: str | None, reference: str | int | None = None, *, every: bool = False) -> list[StoredCodebook]:
    """The codebooks as :func:`workbench.storage.codebooks.load_codebooks` reads them, each code's
    count of codings counting only those ``viewer`` may read."""
    return load_codebooks(project, reference, every=every, counted=visibility(project, viewer).condition())


def codings_of_document(project: Project, document: str, *, viewer: str) -> tuple[list[Coding], bool]:
    """What the coding screen shows of ``document``: the codings ``viewer`` may see there, and
    whether the others' are among them (only once the document is revealed to the viewer, even
    if they have coded nothing yet)."""
    viewer = check_coder_name(viewer)
    with project.session() as session:
        find_document(session, document)
        revealed = document in _revealed(session, viewer, [document])
        query = coding_query().where(DocumentRecord.identifier == document)
        if not revealed:
            query = query.where(CoderRecord.name == viewer)
        order = (CodingRecord.start, CodingRecord.end, CodingRecord.id)
        return [as_coding(row) for row in session.exec(query.order_by(*order))], revealed


def revealed_documents(project: Project, viewer: str, other: str) -> list[str]:
    """The documents both ``viewer`` and ``other`` coded whose codings ``viewer`` may see, in
    project order: those two coders can be compared there."""
    with project.session() as session:
        coded = session.exec(
            select(DocumentRecord.identifier, CoderRecord.name).join(CodingRecord, CodingRecord.document_id == DocumentRecord.id)
            .join(CoderRecord).where(CoderRecord.name.in_((viewer, other))).distinct()
            .order_by(DocumentRecord.position, DocumentRecord.id)
        ).all()  # fmt: skip
        by_document: dict[str, set[str]] = {}
        for document, coder in coded:
            by_document.setdefault(document, set()).add(coder)
        both = [document for document, coders in by_document.items() if len(coders) == 2]
        revealed = _revealed(session, viewer, both)
    return [document for document in both if document in revealed]


def _visibility(session: Session, viewer: str | None) -> Visibility:
    if viewer is None:
        return Visibility(None, blind=False)
    viewer = check_coder_name(viewer)
    viewer_id = session.exec(select(CoderRecord.id).where(CoderRecord.name == viewer)).first()
    has_coded = viewer_id is not None and session.exec(select(CodingRecord.id).where(CodingRecord.coder_id == viewer_id).limit(1)).first()
    if not has_coded:
        return Visibility(viewer, blind=False)
    documents = dict(session.exec(select(DocumentRecord.identifier, DocumentRecord.id)).all())
    revealed = _revealed(session, viewer, list(documents))
    return Visibility(viewer, True, frozenset(revealed), viewer_id, frozenset(documents[document] for document in revealed))


def _revealed(session: Session, viewer: str, documents: list[str]) -> set[str]:
    """Those of ``documents`` whose other coders' codings ``viewer`` may see: after an explicit
    reveal, or once the viewer and another coder of the document have both marked it done.
    Reads the settings once, whatever the number of documents."""
    marks = set(session.exec(select(SettingRecord.key).where(SettingRecord.key.startswith(DOCUMENT_SETTINGS))))
    explicit = {document for document in documents if reveal_key(document, viewer) in marks}
    done = [document for document in documents if document not in explicit and done_key(document, viewer) in marks]
    if not done:
        return explicit
    others = session.exec(
        select(DocumentRecord.identifier, CoderRecord.name).join(CodingRecord, CodingRecord.document_id == DocumentRecord.id)
        .join(CoderRecord).where(DocumentRecord.identifier.in_(done), CoderRecord.name != viewer).distinct()
    ).all()  # fmt: skip
    return explicit | {document for document, other in others if done_key(document, other) in marks}
