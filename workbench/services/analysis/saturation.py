"""Data sufficiency of one coder's coding, interview after interview (see :mod:`workbench.domain.saturation`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session, select

from workbench.domain.codebook import CodeTree
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import _
from workbench.domain.saturation import SaturationReport, saturation_steps
from workbench.services.coding.visibility import check_may_read
from workbench.storage.codebooks import load_tree
from workbench.storage.codings import coders_with_codings
from workbench.storage.project import Project
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord, DocumentRecord

INTERVIEWS = ("transcript",)
"""The kinds of document that are interviews (excerpts and surveys are not)."""


def saturation(
    project: Project,
    *,
    coder: str,
    viewer: str | None = None,
    order: list[str] | None = None,
    depth: int | None = None,
    kinds: Sequence[str] = INTERVIEWS,
) -> SaturationReport:
    """The new codes each interview brought to ``coder``'s coding, and the cumulative count.

    The interviews are the documents of ``kinds`` in the project's order, or the documents named
    in ``order`` (whatever their kind). An interview the coder did not code counts as one that
    brought nothing new: it was an interview all the same. At ``depth`` (1: themes), each code
    counts as its ancestor at that depth, and a code above that depth as itself.

    Refused when ``viewer`` may not read ``coder``'s codings of these interviews (blind coding).
    """
    if depth is not None and depth < 1:
        raise InputError(_('{depth} is not a depth of the codebook').format(depth=depth), "--depth", _('give 1 for themes, 2 for categories…'))
    check_may_read(project, viewer, [coder], order)
    with project.session() as session:
        coder_key = session.exec(select(CoderRecord.id).where(CoderRecord.name == coder)).first()
        if coder_key is None:
            hint = f"coders with codings: {', '.join(coders_with_codings(session)) or 'none'}"
            raise NotFoundError(_('no coder {coder!r} in this project').format(coder=coder), "--coder", hint)
        interviews = _interview_order(session, order, kinds)
        coded = session.exec(
            select(DocumentRecord.identifier, CodeRecord.codebook_id, CodingRecord.code_id)
            .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
            .join(CodeRecord, CodeRecord.id == CodingRecord.code_id)
            .where(CodingRecord.coder_id == coder_key)
        ).all()  # fmt: skip
        trees = {codebook: load_tree(session, codebook) for codebook in {row[1] for row in coded}}
    ranks = codebook_ranks(trees)
    by_document: dict[str, set[tuple[int, int]]] = {}
    for document, codebook, code in coded:
        by_document.setdefault(document, set()).add(counted_code(trees[codebook], codebook, code, depth))
    paths = {
        document: [trees[codebook].path_text(code) for codebook, code in sorted(codes, key=ranks.__getitem__)]
        for document, codes in by_document.items()
    }
    return replace(saturation_steps(interviews, paths, coder), depth=depth)


def _interview_order(session: Session, order: list[str] | None, kinds: Sequence[str]) -> list[tuple[str, str | None]]:
    """The interviews (document id, participant): those named, or those of ``kinds`` in project order."""
    rows = session.exec(
        select(DocumentRecord.identifier, DocumentRecord.participant_id, DocumentRecord.kind)
        .order_by(DocumentRecord.position, DocumentRecord.id)
    ).all()  # fmt: skip
    if order is None:
        return [(document, participant) for document, participant, kind in rows if kind in kinds]
    participants = {document: participant for document, participant, _ in rows}
    if unknown := [document for document in order if document not in participants]:
        raise InputError(_('no document {join} in this project').format(join=', '.join(unknown)), "--order", _('see `workbench documents`'))
    if not order:
        raise InputError(_('no interview in the order given'), "--order", _('name the interviews, e.g. MG1,MG2,MG3'))
    return [(document, participants[document]) for document in order]


def counted_code(tree: CodeTree, codebook: int, code: int, depth: int | None) -> tuple[int, int]:
    """The code as counted: itself, or its ancestor at ``depth`` when it lies deeper."""
    if depth is None or tree.depth(code) <= depth:
        return codebook, code
    return codebook, tree.ancestor(code, depth).id


def codebook_ranks(trees: dict[int, CodeTree]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each code's place in codebook order: its codebook, then pre-order."""
    return {(codebook, code.id): (codebook, rank) for codebook, tree in trees.items() for rank, code in enumerate(tree.walk())}
