"""The thematic tree of one coder's coding: the codebook's nodes with the passages coded to each.

This is what the results chapter of a thesis is made of, and what ``export tree`` writes to Word.
Quotes are the codings' own text (never retyped), cut at speaker turns: see
:func:`workbench.domain.codings.quoted_parts`. The tree also carries the participants quoted, with
their attributes, and on request its coder's agreement with a second coder by theme, as computed
by :mod:`workbench.services.agreement.reports`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from workbench.domain.codebook import CodeTree
from workbench.domain.codings import quoted_parts
from workbench.domain.documents import ParsedDocument
from workbench.domain.errors import InputError, NotFoundError, WorkbenchError
from workbench.domain.language import _
from workbench.domain.numbering import NumberingScheme
from workbench.domain.participants import Participant
from workbench.domain.text import natural_key
from workbench.domain.thematic_tree import ThematicTree, ThemeAgreement, TreeAgreement, TreeNode, TreeQuote
from workbench.services.agreement.comparison import MIN_COVER, Comparison, load_comparison, unit_rule
from workbench.services.agreement.reports import Result, unit_agreement
from workbench.services.coding.visibility import check_may_read
from workbench.services.coding.workspace import IN_VIVO
from workbench.storage.codebooks import find_codebook, load_codebook
from workbench.storage.codings import coders_with_codings
from workbench.storage.project import Project
from workbench.storage.queries import attribute_types, load_documents, participants
from workbench.storage.records import CodebookRecord, CodeRecord, CoderRecord, CodingRecord, DocumentRecord, UnitRecord

THEMES = 1
"""The depth agreement is rolled up to: a code counts as its theme."""


def build_thematic_tree(
    project: Project,
    *,
    coder: str,
    viewer: str | None = None,
    codebook: str | int | None = None,
    numbering: NumberingScheme | None = None,
) -> ThematicTree:
    """The nodes of the codebook in pre-order, numbered, each with ``coder``'s quotes in document
    order; refused when ``viewer`` may not read all of ``coder``'s codings (blind coding: a tree
    missing some would mislead)."""
    check_may_read(project, viewer, [coder])
    with project.session() as session:
        coder_key = session.exec(select(CoderRecord.id).where(CoderRecord.name == coder)).first()
        if coder_key is None:
            raise NotFoundError(_('no coder {coder!r} in this project').format(coder=coder), hint=_('coders with codings: {value}').format(value=', '.join(coders_with_codings(session)) or 'none'))
        record = find_codebook(session, codebook) if codebook is not None else _coded_codebook(session, coder_key, coder)
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
        documents = load_documents(session, {row[1] for row in rows})
        tree = ThematicTree(stored.name, coder, stored.language, list(nodes.values()))
        add_quotes(tree, rows, documents, stored.tree)
        tree.nodes = without_others_in_vivo(tree.nodes, stored.tree)
        _add_participants(session, tree, stored.id)
    return tree


def without_others_in_vivo(nodes: list[TreeNode], codes: CodeTree) -> list[TreeNode]:
    """The nodes but the in-vivo codes (under the top-level « In vivo ») the tree's coder never
    applied: another coder's in-vivo codes, filed in the same codebook, are not part of this one's results."""
    group = codes.sibling_named(None, IN_VIVO)
    if group is None:
        return nodes
    return [node for node in nodes if node.quoted or not codes.is_within(node.code, group.id)]


def add_quotes(
    tree: ThematicTree, rows: Sequence[tuple[CodingRecord, str, int]], documents: dict[str, ParsedDocument], codes: CodeTree
) -> None:
    """Each coding as a quote of its node, counted in its node and every ancestor."""
    nodes = {node.code: node for node in tree.nodes}
    for coding, identifier, _code in rows:
        document = documents[identifier]
        parts = quoted_parts(document.text, document.turns, coding.start, coding.end)
        participant = document.participant or identifier
        nodes[coding.code_id].quotes.append(TreeQuote(participant, identifier, coding.id, coding.start, coding.end, parts))
        for ancestor in [*codes.ancestors(coding.code_id), codes.codes[coding.code_id]]:
            nodes[ancestor.id].participants.add(participant)
            nodes[ancestor.id].quoted += 1


def _add_participants(session: Session, tree: ThematicTree, codebook: int) -> None:
    """Everyone interviewed for the tree (the participants of the documents coded with its codebook,
    quoted or not, as a thesis's participants table lists them) and anyone else quoted (one without
    a record, such as a document's own name, has no attributes); and the attributes at least one of
    them has: a column empty for all is left out."""
    known = {participant.identifier: participant for participant in participants(session)}
    interviewed = session.exec(
        select(DocumentRecord.participant_id).where(DocumentRecord.codebook_id == codebook, DocumentRecord.participant_id.is_not(None))
    ).all()
    shown = sorted(set(interviewed) | tree.participants, key=natural_key)
    tree.participant_rows = [known.get(identifier, Participant(identifier)) for identifier in shown]
    filled = {name for row in tree.participant_rows for name, value in row.attributes.items() if value is not None}
    tree.attribute_types = {name: kind for name, kind in attribute_types(session).items() if name in filled}


def tree_agreement(project: Project, tree: ThematicTree, other: str, min_cover: float = MIN_COVER) -> TreeAgreement:
    """The agreement of the tree's coder with ``other`` on units of meaning (the share rule, codes
    counted as their themes), per theme and pooled, with the figures that leave out joint absences.

    The documents compared are those both coders coded; each must have been segmented into units,
    which is checked first so that the error names them all.
    """
    coders = (tree.coder, other)
    try:
        check_segmented(project, load_comparison(project, coders, depth=THEMES, with_units=False))
        comparison = load_comparison(project, coders, depth=THEMES)
    except WorkbenchError as error:
        if error.where != "--coders":
            raise
        hint = "name a coder who coded the same documents" if "--documents" in (error.hint or "") else error.hint
        raise type(error)(error.what, "--compare-with", hint) from None
    report = unit_agreement(comparison, unit_rule("share", min_cover=min_cover))
    titles = {node.code: node.title for node in tree.nodes}
    themes = [
        theme_agreement(titles.get(entry.code, comparison.codes[entry.code]), entry.result) for entry in report.codes
    ]
    pooled = theme_agreement("", report.pooled)
    themes_bp = report.pooled.statistics.get("brennan_prediger_codes")
    return TreeAgreement(
        comparison.coders, report.compared, len(comparison.documents), min_cover, themes, pooled,
        themes_bp.value if themes_bp else None,
        (len(report.reaching_no_unit["a"]), len(report.reaching_no_unit["b"])),
        (len(report.below_share["a"]), len(report.below_share["b"])),
        report.joint_absences.dominated,
    )  # fmt: skip


def check_segmented(project: Project, comparison: Comparison) -> None:
    compared = [document.identifier for document in comparison.documents]
    with project.session() as session:
        query = select(DocumentRecord.identifier).join(UnitRecord, UnitRecord.document_id == DocumentRecord.id)
        segmented = set(session.exec(query.where(DocumentRecord.identifier.in_(compared)).distinct()))
    if missing := [identifier for identifier in compared if identifier not in segmented]:
        hint = "agreement is counted on units of meaning: cut them first with `workbench segment`"
        raise InputError(_('no units of meaning in {join}').format(join=', '.join(missing)), "--compare-with", hint)


def theme_agreement(theme: str, result: Result) -> ThemeAgreement:
    counts = result.counts
    coded = (counts.both + counts.a_only, counts.both + counts.b_only)
    statistics = result.statistics
    return ThemeAgreement(
        theme, coded, statistics["percent_agreement"].value, statistics["cohen_kappa"].value,
        statistics["agreement_without_joint_absences"].value, counts.neither, counts.total,
    )  # fmt: skip


def _coded_codebook(session: Session, coder_key: int, coder: str) -> CodebookRecord:
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
    raise InputError(_('{coder!r} has coded with {count} codebooks: {names}').format(coder=coder, count=len(used), names=names), hint=_('name one with --codebook NAME'))
