"""A thesis's own coding as a reference coder: each quote of its results, found in the transcripts.

Each quote is searched in the credited participant's documents and in all the others (see
:mod:`workbench.domain.quote_location`); the participants' turns only, when the documents have
turns. The outcome of each quote:

* ``verbatim``: every piece of it stands word for word in the credited participant's document;
* ``approximate``: not word for word, but at least :data:`APPROXIMATE` of its words are there in order;
* ``other-participant``: found (verbatim, or approximately with no match in the credited
  participant's document) only in another participant's document: reported, not coded;
* ``not-found``: nowhere with enough similarity.

A located quote becomes a coding by the reference coder (``thesis-000`` for a file named
``000_….txt``) on the code it was quoted under, over the located text. Codes are matched to the
thesis's headings by their path of names in the codebook. The whole import is one transaction; a
coder that already has codings is refused unless ``replace`` drops them first.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from workbench.domain.codebook import PATH_SEPARATOR, CodeTree, name_key
from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.language import _, counted
from workbench.domain.quote_location import Location, SearchableText
from workbench.importers.thesis_results import ResultsSection, read_results
from workbench.storage.codebooks import find_codebook, load_tree
from workbench.storage.codings import SpanToCode, coder_id, store_codings
from workbench.storage.history import log_operation
from workbench.storage.project import Project
from workbench.storage.records import CodebookRecord, CodingRecord, DocumentRecord, TurnRecord
from workbench.storage.row_changes import RowChanges

APPROXIMATE = 0.6
"""The least share of a quote's words, found in order, for an approximate match."""
STATUSES = ("verbatim", "approximate", "other-participant", "not-found")


@dataclass
class QuoteOutcome:
    line: int
    node: list[str]
    number: str
    credited: str
    found_in: str | None
    status: str
    similarity: float
    start: int | None
    end: int | None
    quote: str
    located_text: str | None
    coding: int | None = None


@dataclass
class ReferenceReport:
    coder: str
    codebook: str
    source: str
    quotes: list[QuoteOutcome] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {status: sum(quote.status == status for quote in self.quotes) for status in STATUSES}

    @property
    def coded(self) -> int:
        return sum(quote.coding is not None for quote in self.quotes)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "counts": self.counts, "coded": self.coded, "total": len(self.quotes)}


def reference_coder_name(path: Path) -> str:
    """``thesis-000`` for ``000_ced94200ebd9b1f1.txt``; ``thesis-`` and the file's stem otherwise."""
    match = re.match(r"(\d+)", path.stem)
    return f"thesis-{match[1] if match else path.stem}"


def import_reference(
    project: Project,
    path: Path,
    *,
    actor: str,
    coder: str | None = None,
    codebook: str | int | None = None,
    replace: bool = False,
) -> ReferenceReport:
    """Locate every quote of the thesis at ``path`` and code the located ones for the reference coder."""
    if not path.is_file():
        raise InputError(_('no such file'), str(path), _('give the thesis as a text file'))
    results = read_results(path)
    coder = coder or reference_coder_name(path)
    with project.transaction() as session:
        record = find_codebook(session, codebook) if codebook is not None else _matching_codebook(session, results)
        tree = load_tree(session, record.id)
        documents = _searched_documents(session, record.id)
        report = ReferenceReport(coder, record.name, path.name)
        coder_key = coder_id(session, coder)
        existing = session.exec(select(CodingRecord.id).where(CodingRecord.coder_id == coder_key)).all()
        if existing and not replace:
            raise ConflictError(
                _("coder {coder!r} already has {codings}; nothing was imported").format(coder=coder, codings=counted(len(existing), "{count} coding", "{count} codings")),
                str(path),
                _('add --replace to drop them and import again'),
            )
        recorder = RowChanges(session)
        for coding in existing:
            recorder.delete("coding", coding)
        locate_quotes(report, results, tree, documents)
        _code_located(recorder, coder_key, report, tree, documents)
        log_operation(
            recorder, actor=actor, action="reference.imported", codebook=record.name, target=coder, code=None,
            summary={"source": path.name, "counts": report.counts, "coded": report.coded, "replaced": len(existing)},
        )
    return report


def _matching_codebook(session: Session, results: ResultsSection) -> CodebookRecord:
    """The codebook whose paths match most of the thesis's headings."""
    headings = {path_key(path) for _, path in results.walk()}
    best, best_count = None, 0
    for record in session.exec(select(CodebookRecord).order_by(CodebookRecord.id)):
        tree = load_tree(session, record.id)
        count = len(headings & {path_key(tree.path(code)) for code in tree.codes})
        if count > best_count:
            best, best_count = record, count
    if best is None:
        raise InputError(
            _("no codebook of this project has the thesis's headings"),
            results.source,
            _("import the thesis's codebook first (workbench import FILE.yaml), or name one with --codebook"),
        )
    return best


def path_key(path: tuple[str, ...]) -> str:
    return PATH_SEPARATOR.join(map(name_key, path))


@dataclass
class SearchedDocument:
    record: DocumentRecord
    text: SearchableText


def _searched_documents(session: Session, codebook_id: int) -> dict[str, list[SearchedDocument]]:
    """The documents coded with the codebook (all documents when none is), by participant."""
    documents = list(session.exec(select(DocumentRecord).where(DocumentRecord.codebook_id == codebook_id)))
    if not documents:
        documents = list(session.exec(select(DocumentRecord)))
    by_participant: dict[str, list[SearchedDocument]] = {}
    for document in sorted(documents, key=lambda record: (record.position, record.id)):
        turns = session.exec(
            select(TurnRecord.start, TurnRecord.end).where(
                TurnRecord.document_id == document.id, TurnRecord.role == SpeakerRole.PARTICIPANT.value
            )
        ).all()
        speech = [(start, end) for start, end in turns] or None
        participant = document.participant_id or document.identifier
        by_participant.setdefault(participant, []).append(SearchedDocument(document, SearchableText(document.text, speech)))
    return by_participant


def credited_participant(label: str, known: list[str], notices: list[str]) -> str:
    """The participant a label names; a label naming nobody (``M16`` among MG1–MG17) is read as the
    one participant with the same initial and number, with a notice."""
    if label in known:
        return label
    match = re.fullmatch(r"([A-Za-z])\D*(\d+)", label)
    candidates = [name for name in known if match and re.fullmatch(rf"{match[1]}\D*{match[2]}", name)]
    if len(candidates) == 1:
        notices.append(_('label {label!r} names no participant: read as {candidates!r}').format(label=label, candidates=candidates[0]))
        return candidates[0]
    return label


def best_in(documents: list[SearchedDocument], quote: str) -> tuple[SearchedDocument, Location] | None:
    found = [(document, location) for document in documents if (location := document.text.locate(quote))]
    return max(found, key=lambda pair: (pair[1].verbatim, pair[1].similarity), default=None)


def locate_quotes(
    report: ReferenceReport, results: ResultsSection, tree: CodeTree, documents: dict[str, list[SearchedDocument]]
) -> None:
    numbers = {path: heading.number or "" for heading, path in results.walk()}
    for quote, path in results.quotes():
        credited = credited_participant(quote.participant, list(documents), report.notices)
        own = best_in(documents.get(credited, []), quote.text)
        others = best_in([document for name, group in documents.items() if name != credited for document in group], quote.text)
        status, chosen = classify(own, others)
        document, location = chosen if chosen else (None, None)
        report.quotes.append(
            QuoteOutcome(
                line=quote.line,
                node=list(path),
                number=numbers[path],
                credited=quote.label,
                found_in=document.record.identifier if document and status != "not-found" else None,
                status=status,
                similarity=location.similarity if location else 0.0,
                start=location.start if location and status != "not-found" else None,
                end=location.end if location and status != "not-found" else None,
                quote=quote.text,
                located_text=document.record.text[location.start : location.end] if location and status != "not-found" else None,
            )
        )


Match = tuple[SearchedDocument, Location] | None


def classify(own: Match, others: Match) -> tuple[str, Match]:
    """Verbatim first (credited participant, then the others), then approximate likewise."""
    if own and own[1].verbatim:
        return "verbatim", own
    if others and others[1].verbatim:
        return "other-participant", others
    if own and own[1].similarity >= APPROXIMATE:
        return "approximate", own
    if others and others[1].similarity >= APPROXIMATE:
        return "other-participant", others
    return "not-found", max((own, others), key=lambda match: match[1].similarity if match else -1.0)


def _code_located(
    recorder: RowChanges,
    coder: int,
    report: ReferenceReport,
    tree: CodeTree,
    documents: dict[str, list[SearchedDocument]],
) -> None:
    """Code each verbatim or approximate quote on the code of its heading (once per code and span)."""
    codes = {path_key(tree.path(code)): code for code in tree.codes}
    records = {entry.record.identifier: entry.record for group in documents.values() for entry in group}
    written: dict[tuple[int, str, int, int], int] = {}
    missing: set[str] = set()
    for outcome in report.quotes:
        if outcome.status not in ("verbatim", "approximate"):
            continue
        code = codes.get(path_key(tuple(outcome.node)))
        if code is None:
            missing.add(PATH_SEPARATOR.join(outcome.node))
            continue
        key = (code, outcome.found_in, outcome.start, outcome.end)
        if key not in written:
            span = SpanToCode(records[outcome.found_in], code, outcome.start, outcome.end)
            (written[key],) = store_codings(recorder, coder, [span])
        outcome.coding = written[key]
    report.notices.extend(f"heading {path!r} is not a code of {report.codebook!r}: its quotes are not coded" for path in sorted(missing))
