"""Writing the reports a study needs — the thematic tree and a transcript in Word, the codings and
code matrices as tables — each in one call that the command line and the terminal UI share.

Every file is written beside its target and renamed into place (never half written); each call
returns a summary of what it wrote. Tables are headed in the project's language (the columns, the
sheet, the attributes by their labels: :mod:`workbench.services.reports.labels`), and go to CSV (UTF-8 with a byte-order mark, which
spreadsheets need for accents) or XLSX by the file's suffix, with every text cell that a
spreadsheet would run as a formula (starting with ``= + - @``, a tab or a carriage return)
neutralised by a leading apostrophe.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, translate, use_language
from workbench.domain.numbering import NumberingScheme
from workbench.domain.participants import AttributeType, format_value
from workbench.domain.thematic_tree import QuoteChoice, TreeAgreement
from workbench.export.files import write_atomically
from workbench.export.transcript_docx import transcript_docx
from workbench.export.tree_docx import thematic_tree_docx
from workbench.services.analysis.saturation import saturation
from workbench.services.coding.visibility import check_may_read
from workbench.services.projects import attribute_types, project_language
from workbench.services.reports.frames import (
    AXIS_LABELS,
    COLUMN_LABELS,
    code_attribute_matrix,
    code_participant_matrix,
    codings_table,
    commented_transcript,
    cooccurrence_matrix,
)
from workbench.services.reports.labels import attribute_labels
from workbench.services.reports.thematic_tree import build_thematic_tree, tree_agreement
from workbench.storage.project import Project

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_FORBIDDEN = frozenset("[]:*?/\\")
MATRICES = ("participants", "attribute", "cooccurrence")
SHEETS = {"codings": N_("codings"), "participants": N_("participants"), "attribute": N_("attribute"), "cooccurrence": N_("cooccurrence")}
"""An XLSX file's sheet, by what it holds (an attribute matrix's sheet is named by the attribute's label)."""


def export_tree(
    project: Project,
    path: Path,
    *,
    coder: str,
    viewer: str | None = None,
    codebook: str | int | None = None,
    numbering: NumberingScheme | None = None,
    quotes: QuoteChoice | None = None,
    participants_table: bool = True,
    compare_with: str | None = None,
    charts: bool = False,
) -> dict[str, object]:
    """The thematic tree of ``coder``'s coding in Word (see :mod:`workbench.export.tree_docx`);
    with ``charts``, its figures too, the data sufficiency curve being that of ``coder``'s coding of
    the transcripts in project order (left out when the coder coded none). Refused when ``viewer``
    may not read all of ``coder``'s codings, or of ``compare_with``'s (blind coding)."""
    quotes = quotes or QuoteChoice()
    if compare_with:
        check_may_read(project, viewer, [coder, compare_with])
    built = build_thematic_tree(project, coder=coder, viewer=viewer, codebook=codebook, numbering=numbering)
    if compare_with:
        built.agreement = tree_agreement(project, built, compare_with)
    sufficiency = saturation(project, coder=coder, viewer=viewer) if charts else None
    if sufficiency is not None and sufficiency.last_new is None:
        sufficiency = None
    labels = attribute_labels(project, built.language)
    document = thematic_tree_docx(
        built, quotes=quotes, participants_table=participants_table, charts=charts, saturation=sufficiency, attribute_labels=labels
    )
    write_atomically(path, document)
    return {
        "path": str(path), "codebook": built.codebook, "coder": built.coder, "nodes": len(built.nodes),
        "quotes": built.quotes, "quotes_shown": sum(len(quotes.shown(node.quotes)) for node in built.nodes),
        "participants": len(built.participants), "agreement": agreement_summary(built.agreement),
        "figures": (3 if sufficiency else 2) if charts else 0,
    }  # fmt: skip


def agreement_summary(agreement: TreeAgreement | None) -> dict[str, object] | None:
    """The pooled figures of the tree's agreement table."""
    if agreement is None:
        return None
    pooled = agreement.pooled
    return {
        "coders": list(agreement.coders), "units": agreement.units, "documents": agreement.documents,
        "percent_agreement": pooled.percent_agreement, "cohen_kappa": pooled.cohen_kappa,
    }  # fmt: skip


def export_codings(project: Project, path: Path, *, coders: list[str] | None = None, viewer: str | None = None) -> dict[str, object]:
    """One row per coding ``viewer`` may read (document, participant and attributes, coder, code
    path, offsets, text); see :func:`workbench.services.reports.frames.codings_table`. The columns
    are headed in the project's language, the attributes by their labels."""
    frame = codings_table(project, coders=coders, viewer=viewer)
    language = project_language(project)
    labels = attribute_labels(project, language)
    with use_language(language):
        frame = readable_attributes(frame, attribute_types(project))
        headers = {column: _(COLUMN_LABELS[column]) if column in COLUMN_LABELS else labels.get(column, column) for column in frame.columns}
        sheet = _(SHEETS["codings"])
    frame = frame.rename(columns=headers)
    write_atomically(path, table_bytes(frame, path, sheet=sheet, index=False))
    return {"path": str(path), "rows": len(frame), "columns": list(frame.columns)}


def readable_attributes(frame: pd.DataFrame, types: dict[str, AttributeType]) -> pd.DataFrame:
    """``frame`` with its attribute columns as a reader of the file expects them: booleans as yes/no
    in the current language, whole numbers without ``.0`` (a column with a blank is read as floats)."""
    readable = frame.copy()
    for name, kind in types.items():
        if name not in readable.columns:
            continue
        if kind is AttributeType.BOOLEAN:
            readable[name] = readable[name].map(lambda value: None if pd.isna(value) else format_value(bool(value)))
        elif kind is AttributeType.INTEGER:
            readable[name] = pd.to_numeric(readable[name]).round().astype("Int64")
    return readable


def export_matrix(
    project: Project,
    path: Path,
    *,
    of: str = "participants",
    coders: list[str] | None = None,
    attribute: str | None = None,
    viewer: str | None = None,
) -> dict[str, object]:
    """Codings per code × participant (``participants``), participants having each code by value of
    a participant ``attribute`` (``attribute``), or codes applied together within units
    (``cooccurrence``), from the codings ``viewer`` may read."""
    if of not in MATRICES:
        raise InputError(_('no matrix of {of!r}').format(of=of), "--of", _('give one of {join}').format(join=', '.join(MATRICES)))
    if (of == "attribute") != (attribute is not None):
        raise InputError(_('--attribute goes with --of attribute, and only with it'), "--attribute", _('e.g. --of attribute --attribute sex'))
    frame = codings_table(project, coders=coders, viewer=viewer)
    language = project_language(project)
    if of == "attribute":
        built = code_attribute_matrix(frame, attribute, language=language)
        sheet = sheet_name(attribute_labels(project, language).get(attribute, attribute))
    else:
        built = code_participant_matrix(frame) if of == "participants" else cooccurrence_matrix(project, frame)
        sheet = translate(SHEETS[of], language)
    built = built.rename_axis(index=axis_label(built.index.name, language), columns=axis_label(built.columns.name, language))
    write_atomically(path, table_bytes(built, path, sheet=sheet, index=True))
    return {"path": str(path), "of": of, "rows": built.shape[0], "columns": built.shape[1]}


def export_transcript(
    project: Project, document: str, path: Path, *, coders: list[str] | None = None, viewer: str | None = None
) -> dict[str, object]:
    """One transcript in Word, each coding ``viewer`` may read a comment over its text."""
    parsed, spans = commented_transcript(project, document, coders=coders, viewer=viewer)
    write_atomically(path, transcript_docx(parsed, spans))
    return {"path": str(path), "document": document, "comments": len(spans)}


def axis_label(name: object, language: str) -> object:
    """A matrix's row or column heading in ``language`` (``code``, ``participant``)."""
    return translate(AXIS_LABELS[name], language) if isinstance(name, str) and name in AXIS_LABELS else name


def sheet_name(text: str) -> str:
    """``text`` as an XLSX sheet's name: without the characters Excel refuses there, at most 31 long."""
    return "".join(" " if character in SHEET_FORBIDDEN else character for character in text).strip("' ")[:31] or "1"


def table_bytes(frame: pd.DataFrame, path: Path, *, sheet: str, index: bool) -> bytes:
    """The table as CSV or XLSX, by the suffix of ``path``, formulas neutralised."""
    frame = neutralised(frame)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return frame.to_csv(index=index).encode("utf-8-sig")
    if suffix == ".xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=sheet, index=index)
        return buffer.getvalue()
    raise InputError(_('unknown table format {value!r}').format(value=suffix or '(no suffix)'), str(path), _('name the file .csv or .xlsx'))


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells, column names and row labels cannot run as spreadsheet formulas."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            frame[column] = values.cat.rename_categories(lambda category: safe_cell(category))
        elif values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            frame[column] = values.map(safe_cell)
    frame.columns = frame.columns.map(safe_cell)
    frame.index = frame.index.map(safe_cell)
    return frame


def safe_cell(value: object) -> object:
    """Text starting like a formula gets a leading apostrophe (shown as is, never evaluated)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
