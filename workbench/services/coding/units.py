"""Units of meaning in a project: segmenting documents, listing, splitting and merging units;
and the identification audit with the project's allow-list.

Every change rewrites one document's units in one transaction and is logged; codings are spans
of their own and are never touched. Segmenting several documents commits them one by one, so an
interruption (Ctrl-C) leaves each document either fully re-segmented or as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import select

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.units import Unit, build_units, merge_spans, split_spans
from workbench.segmentation.audit import AuditReport, audit_documents
from workbench.segmentation.identifiers import ALLOW_LIST_SETTING, DEFAULT_ALLOW_LIST, fold
from workbench.segmentation.rules import SegmentationOptions, SentenceSplitter, plan_units
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import find_document, load_document
from workbench.storage.records import DocumentRecord
from workbench.storage.units import read_units, replace_units

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, document)``: once with ``done=0`` before the first document,
then after each document is committed."""


@dataclass
class SegmentationReport:
    planned: list[str] = field(default_factory=list)
    """The documents to segment, in order."""

    units: dict[str, int] = field(default_factory=dict)
    """Units written, by document, in the order they were committed."""

    replaced: dict[str, int] = field(default_factory=dict)
    """Units the documents held before."""


def segment(
    project: Project,
    documents: list[str] | None = None,
    *,
    actor: str,
    options: SegmentationOptions = SegmentationOptions(),
    progress: Progress | None = None,
    split_sentences: SentenceSplitter | None = None,
    report: SegmentationReport | None = None,
) -> SegmentationReport:
    """(Re-)segment ``documents`` (default: all, in import order), one transaction per document.

    Pass ``report`` to keep what was done when the run is interrupted. ``split_sentences``
    defaults to spaCy's sentence splitter, loaded on the first transcript.
    """
    if split_sentences is None:
        from workbench.segmentation.pipeline import split_sentences
    report = report if report is not None else SegmentationReport()
    identifiers = document_identifiers(project, documents)
    report.planned = identifiers
    if progress:
        progress(0, len(identifiers), "")
    for done, identifier in enumerate(identifiers, start=1):
        with project.transaction() as session:
            document = load_document(session, identifier)
            spans = plan_units(document, options, split_sentences)
            before = replace_units(session, identifier, spans)
            details = {
                "units": len(spans),
                "replaced": before,
                "include_interviewer": options.include_interviewer,
            }
            log_change(session, actor, "units.segmented", "document", identifier, details)
        report.units[identifier] = len(spans)
        report.replaced[identifier] = before
        if progress:
            progress(done, len(identifiers), identifier)
    return report


def document_identifiers(project: Project, documents: list[str] | None) -> list[str]:
    """The documents named (checked before anything is written), or every document."""
    with project.session() as session:
        if documents is None:
            order = (DocumentRecord.position, DocumentRecord.id)
            records = session.exec(select(DocumentRecord).order_by(*order))
            return [record.identifier for record in records]
        for identifier in documents:
            find_document(session, identifier)
    return list(dict.fromkeys(documents))


def list_units(project: Project, identifier: str) -> list[Unit]:
    with project.session() as session:
        return read_units(session, load_document(session, identifier))


def split_unit(
    project: Project, identifier: str, position: int, offset: int, *, actor: str
) -> list[Unit]:
    """Split unit ``position`` at the document offset ``offset``; returns the two new units."""
    with project.transaction() as session:
        document = load_document(session, identifier)
        units = read_units(session, document)
        spans = split_spans(units, identifier, document.text, position, offset)
        replace_units(session, identifier, spans)
        details = {"position": position, "offset": offset}
        log_change(session, actor, "unit.split", "document", identifier, details)
        return build_units(identifier, document.text, document.turns, spans)[position - 1 : position + 1]


def merge_unit_with_next(project: Project, identifier: str, position: int, *, actor: str) -> Unit:
    """Merge unit ``position`` with the next unit of the same turn; returns the merged unit."""
    with project.transaction() as session:
        document = load_document(session, identifier)
        spans = merge_spans(read_units(session, document), identifier, position)
        replace_units(session, identifier, spans)
        log_change(session, actor, "unit.merged", "document", identifier, {"position": position})
        return build_units(identifier, document.text, document.turns, spans)[position - 1]


def allow_list(project: Project) -> list[str]:
    """The names the identification audit allows: the project's list, else the default one."""
    stored = project.setting(ALLOW_LIST_SETTING)
    return json.loads(stored) if stored else list(DEFAULT_ALLOW_LIST)


def add_to_allow_list(project: Project, names: list[str], *, actor: str) -> list[str]:
    """Add ``names`` to the project's allow-list (unless already there); returns the list."""
    cleaned = [" ".join(name.split()) for name in names]
    if not all(cleaned):
        raise InputError(_('an empty name cannot be allowed'), "--allow", _('give a name such as CPAM'))
    current = allow_list(project)
    known = {fold(name) for name in current}
    added = [name for name in dict.fromkeys(cleaned) if fold(name) not in known]
    if added:
        stored = json.dumps(current + added, ensure_ascii=False)
        with project.transaction() as session:
            write_setting(session, ALLOW_LIST_SETTING, stored)
            log_change(session, actor, "audit.allowed", "setting", ALLOW_LIST_SETTING, {"added": added})
    return current + added


def audit_project(
    project: Project, documents: list[str] | None = None, *, allow: list[str] | None = None, actor: str
) -> AuditReport:
    """Audit ``documents`` (default: all) for names left in the text, first adding ``allow`` to the
    allow-list; nothing is written when a document is unknown.

    Common words are learnt from every document of the project, whichever are audited.
    """
    selected = document_identifiers(project, documents)
    allowed = add_to_allow_list(project, allow, actor=actor) if allow else allow_list(project)
    every_identifier = document_identifiers(project, None)
    with project.session() as session:
        everything = [load_document(session, identifier) for identifier in every_identifier]
    audited = {document.identifier: document for document in everything}
    return audit_documents(
        [audited[identifier] for identifier in selected],
        allowed,
        vocabulary_texts=[document.text for document in everything],
    )
