"""The thematic tree of one coder's coding: the codebook's nodes with the passages coded to each.

This is what the results chapter of a thesis is made of, and what ``export tree`` writes to Word.
Quotes are the codings' own text (never retyped), cut at speaker turns: see
:func:`workbench.domain.codings.quoted_parts`.
"""

from __future__ import annotations

from sqlmodel import Session, select

from workbench.domain.codebook import NumberingScheme
from workbench.domain.codings import quoted_parts
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.text import natural_key
from workbench.domain.thematic_tree import ThematicTree, TreeNode, TreeQuote
from workbench.services.codebook_store import find_codebook, load_codebook
from workbench.storage.project import Project
from workbench.storage.queries import load_document
from workbench.storage.tables import CodebookRecord, CodeRecord, CoderRecord, CodingRecord, DocumentRecord


def build_thematic_tree(
    project: Project, *, coder: str, codebook: str | int | None = None, numbering: NumberingScheme | None = None
) -> ThematicTree:
    """The nodes of the codebook in pre-order, numbered, each with ``coder``'s quotes in document order."""
    with project.session() as session:
        coder_key = session.exec(select(CoderRecord.id).where(CoderRecord.name == coder)).first()
        if coder_key is None:
            raise NotFoundError(f"no coder {coder!r} in this project", hint=f"coders with codings: {', '.join(coders_with_codings(session)) or 'none'}")
        record = find_codebook(session, codebook) if codebook is not None else coded_codebook(session, coder_key, coder)
        stored = load_codebook(session, record)
        numbers = stored.tree.numbers(numbering or stored.numbering, stored.bulleted)
        nodes = {
            code.id: TreeNode(code.id, stored.tree.depth(code.id), numbers[code.id], code.name, code.colour, code.description)
            for code in stored.tree.walk()
        }
        rows = session.exec(
            select(CodingRecord, DocumentRecord.identifier, DocumentRecord.position)
            .join(DocumentRecord)
            .where(CodingRecord.coder_id == coder_key, CodingRecord.code_id.in_(list(nodes)))
            .order_by(DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end)
        ).all()
        documents = {identifier: load_document(session, identifier) for identifier in {row[1] for row in rows}}
    for coding, identifier, _ in rows:
        document = documents[identifier]
        parts = quoted_parts(document.text, document.turns, coding.start, coding.end)
        participant = document.participant or identifier
        nodes[coding.code_id].quotes.append(TreeQuote(participant, identifier, coding.id, coding.start, coding.end, parts))
        for ancestor in [*stored.tree.ancestors(coding.code_id), stored.tree.codes[coding.code_id]]:
            nodes[ancestor.id].participants.add(participant)
            nodes[ancestor.id].quoted += 1
    return ThematicTree(stored.name, coder, stored.language, list(nodes.values()))


def coded_codebook(session: Session, coder_key: int, coder: str) -> CodebookRecord:
    """The one codebook ``coder`` has coded with (or the project's only codebook)."""
    query = (
        select(CodebookRecord).join(CodeRecord, CodeRecord.codebook_id == CodebookRecord.id)
        .join(CodingRecord, CodingRecord.code_id == CodeRecord.id)
        .where(CodingRecord.coder_id == coder_key).distinct()
    )  # fmt: skip
    used = list(session.exec(query))
    if len(used) == 1:
        return used[0]
    if not used:
        return find_codebook(session, None)
    names = ", ".join(repr(record.name) for record in used)
    raise InputError(f"{coder!r} has coded with {len(used)} codebooks: {names}", hint="name one with --codebook NAME")


def coders_with_codings(session: Session) -> list[str]:
    names = session.exec(select(CoderRecord.name).join(CodingRecord).distinct())
    return sorted(names, key=natural_key)
