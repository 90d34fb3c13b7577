"""Codings as tables (pandas), for statisticians and spreadsheets.

* :func:`codings_table`: one row per coding, with the document, the participant and their
  attributes, the coder, the code's path and depth, the offsets and the text;
* :func:`code_participant_matrix`: how many codings of each code each participant has;
* :func:`code_attribute_matrix`: how many participants of each value of an attribute (sex,
  practice type…) have each code, and what share of them;
* :func:`cooccurrence_matrix`: in how many units of meaning two codes were both applied (a code
  is applied to a unit when one of its codings overlaps the unit).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from sqlmodel import select

from workbench.domain.documents import ParsedDocument
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, current_language, use_language
from workbench.domain.participants import format_value
from workbench.domain.text import natural_key
from workbench.export.transcript_docx import CommentedSpan
from workbench.services.coding.visibility import check_may_read, visibility
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.queries import attribute_types, load_document
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord, ParticipantRecord, UnitRecord

COLUMN_LABELS = {
    "coding": N_("coding"), "document": N_("document"), "participant": N_("participant"), "coder": N_("coder"),
    "codebook": N_("codebook"), "code_id": N_("code_id"), "code_path": N_("code_path"), "depth": N_("depth"),
    "start": N_("start"), "end": N_("end"), "text": N_("text"), "created_at": N_("created_at"),
}  # fmt: skip
"""The fixed columns of :func:`codings_table`, and how a table file heads them (translated where
written: the frames keep these names); the participants' attributes come between ``coder`` and
``codebook``."""
FIXED_COLUMNS = list(COLUMN_LABELS)
AXIS_LABELS = {"code": N_("code"), "participant": N_("participant")}
"""How a table file heads the rows and columns of a matrix (translated where written)."""
PATH_SEPARATOR = " / "


def codings_table(
    project: Project, *, coders: list[str] | None = None, documents: list[str] | None = None, viewer: str | None = None
) -> pd.DataFrame:
    """Every coding ``viewer`` may read (of ``coders`` and ``documents`` when given), in document
    order then offset; refused when ``coders`` are named whose codings ``viewer`` may not all read
    (:mod:`workbench.services.coding.visibility`). ``code_path`` is categorical, its categories every
    code of the codebooks used, in tree order (so matrices list uncoded codes too)."""
    if coders:
        check_may_read(project, viewer, coders, documents)
    seen = visibility(project, viewer)
    codebooks = load_codebooks(project, every=True)
    paths = {code.id: (stored.name, stored.tree.path(code.id)) for stored in codebooks for code in stored.tree.walk()}
    with project.session() as session:
        attributes = list(attribute_types(session))
        participants = {record.identifier: record.attributes for record in session.exec(select(ParticipantRecord))}
        query = (
            select(CodingRecord, CoderRecord.name, DocumentRecord.identifier, DocumentRecord.participant_id)
            .join(CoderRecord).join(DocumentRecord)
            .order_by(DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id)
        )  # fmt: skip
        if coders:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        rows = session.exec(seen.restrict(query)).all()
    if coders and documents is None and not rows:
        raise InputError(_('no codings by {join}').format(join=', '.join(coders)), "--coder", _("see `workbench codes` and the coders' names"))
    records = []
    for coding, coder, document, participant in rows:
        codebook, path = paths[coding.code_id]
        values = participants.get(participant or "", {})
        records.append({
            "coding": coding.id, "document": document, "participant": participant, "coder": coder,
            "codebook": codebook, "code_id": coding.code_id, "code_path": PATH_SEPARATOR.join(path), "depth": len(path),
            "start": coding.start, "end": coding.end, "text": coding.text, "created_at": coding.created_at.isoformat(),
            **{name: values.get(name) for name in attributes},
        })  # fmt: skip
    columns = FIXED_COLUMNS[:4] + attributes + FIXED_COLUMNS[4:]
    frame = pd.DataFrame.from_records(records, columns=columns)
    used = set(frame["codebook"])
    in_tree_order = [PATH_SEPARATOR.join(path) for codebook, path in paths.values() if codebook in used]
    frame["code_path"] = pd.Categorical(frame["code_path"], categories=list(dict.fromkeys(in_tree_order)))
    return frame


def commented_transcript(
    project: Project, document: str, *, coders: list[str] | None = None, viewer: str | None = None
) -> tuple[ParsedDocument, list[CommentedSpan]]:
    """A document and the codings of it ``viewer`` may read (of ``coders`` when given) as
    comments: the code's path."""
    with project.session() as session:
        parsed = load_document(session, document)
    rows = codings_table(project, coders=coders, documents=[document], viewer=viewer)
    return parsed, [CommentedSpan(row.start, row.end, row.coder, str(row.code_path)) for row in rows.itertuples()]


def code_participant_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Codes (rows, in tree order, every code) × participants (columns, MG2 before MG10): counts of codings."""
    counts = pd.crosstab(table["code_path"], table["participant"].fillna(table["document"]), dropna=False)
    return counts[sorted(counts.columns, key=natural_key)].rename_axis(index="code", columns="participant")


def code_attribute_matrix(table: pd.DataFrame, attribute: str, *, language: str | None = None) -> pd.DataFrame:
    """Codes (rows, tree order) × the values of a participant ``attribute``: for each value, how
    many of the participants with it have at least one coding of the code (``n``) and their share
    (``%``) among the participants with that value in ``table`` (those coded at all); the columns
    are named in ``language`` (default: the current one)."""
    if attribute not in table.columns or attribute in FIXED_COLUMNS:
        known = [column for column in table.columns if column not in FIXED_COLUMNS]
        raise InputError(_('no participant attribute {attribute!r}').format(attribute=attribute), "--attribute", _('the attributes are: {value}').format(value=', '.join(known) or _('none')))
    people = table.dropna(subset=["participant"])
    with use_language(language or current_language()):
        values = people[attribute].map(lambda value: "—" if pd.isna(value) else format_value(value))
    per_value = people.assign(value=values).groupby("value")["participant"].nunique()
    having = pd.crosstab(people["code_path"], values, values=people["participant"], aggfunc="nunique", dropna=False).fillna(0).astype(int)
    having = having.reindex(columns=sorted(per_value.index, key=natural_key), fill_value=0)
    shares = (having / per_value.reindex(having.columns)).round(3)
    matrix = pd.concat({"n": having, "%": shares}, axis=1).swaplevel(axis=1)
    matrix = matrix[[(value, part) for value in having.columns for part in ("n", "%")]]
    with use_language(language or current_language()):
        matrix.columns = [_("{value} ({part}, of {count})").format(value=value, part=part, count=per_value[value]) for value, part in matrix.columns]
    return matrix.rename_axis(index="code")


def cooccurrence_matrix(project: Project, table: pd.DataFrame) -> pd.DataFrame:
    """Codes that were applied × the same codes: the number of units of meaning to which both were applied (the diagonal:
    units with the code at all). Needs the documents' units (``workbench segment``)."""
    with project.session() as session:
        units = session.exec(
            select(DocumentRecord.identifier, UnitRecord.id, UnitRecord.start, UnitRecord.end).join(DocumentRecord)
        ).all()
    by_document: dict[str, list[tuple[int, int, int]]] = {}
    for document, unit, start, end in units:
        by_document.setdefault(document, []).append((unit, start, end))
    missing = sorted(set(table["document"]) - set(by_document), key=natural_key)
    if missing:
        raise InputError(_('documents without units of meaning: {join}').format(join=', '.join(missing)), hint=_('cut them first: workbench segment'))
    codes_by_unit: dict[int, set[str]] = {}
    for row in table.itertuples():
        for unit, start, end in by_document[row.document]:
            if row.start < end and start < row.end:
                codes_by_unit.setdefault(unit, set()).add(row.code_path)
    codes = [code for code in table["code_path"].cat.categories if code in set(table["code_path"])]
    matrix = pd.DataFrame(0, index=codes, columns=codes)
    for applied in codes_by_unit.values():
        for code in applied:
            matrix.loc[code, code] += 1
        for first, second in combinations(sorted(applied), 2):
            matrix.loc[first, second] += 1
            matrix.loc[second, first] += 1
    return matrix.rename_axis(index="code", columns="code")
