"""Searching the corpus by form, lemma or word family, and coding what was found.

Only speech is searched, not the speaker labels: the participants' words, and the interviewer's
when asked (``interviewer=True``).
Lemma and family searches run the documents through spaCy's French lemmatizer (a few seconds for
the bundled study, model load included); a form search needs no model. Each hit comes with its
context (the sentence or so around it) and the unit of meaning that holds it, if the document was
cut into units; coding the hits codes those units (or the hits themselves) in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlmodel import select

from workbench.domain.corpus_search import Match, Token, find_runs, query_keys
from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.quote_location import words
from workbench.domain.units import Unit
from workbench.storage.codebooks import StoredCodebook, load_codebooks, locate
from workbench.storage.codings import SpanToCode, coder_id, store_codings
from workbench.storage.history import log_operation
from workbench.storage.project import Project
from workbench.storage.queries import find_document, load_document
from workbench.storage.records import CodingRecord, DocumentRecord
from workbench.storage.row_changes import RowChanges
from workbench.storage.units import read_units

CONTEXT = 70
"""Characters of context shown on each side of a hit."""


@dataclass(frozen=True)
class Hit:
    document: str
    participant: str | None
    start: int
    end: int
    text: str
    context: str
    unit: int | None
    """The position of the unit of meaning holding the hit, if the document has units."""
    unit_start: int | None = None
    unit_end: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def search(
    project: Project,
    query: str,
    *,
    match: Match = Match.FORM,
    documents: list[str] | None = None,
    kinds: list[DocumentKind] | None = None,
    interviewer: bool = False,
) -> list[Hit]:
    """Every run of words matching ``query`` in the documents' speech, in document order."""
    if not query.strip():
        raise InputError("empty search", "QUERY", "give one or more words, e.g. déléguer")
    with project.session() as session:
        chosen = select(DocumentRecord.identifier).order_by(DocumentRecord.position, DocumentRecord.id)
        if kinds:
            chosen = chosen.where(DocumentRecord.kind.in_([kind.value for kind in kinds]))
        identifiers = list(session.exec(chosen))
        for identifier in documents or []:
            find_document(session, identifier)
        identifiers = [identifier for identifier in identifiers if documents is None or identifier in documents]
        parsed = [load_document(session, identifier) for identifier in identifiers]
        units = {document.identifier: read_units(session, document) for document in parsed}
    query_tokens, *document_tokens = tokenise([query, *(document.text for document in parsed)], match)
    keys = query_keys(query_tokens, match)
    hits = []
    for document, tokens in zip(parsed, document_tokens, strict=True):
        spoken = [token for token in tokens if in_speech(document, token.start, interviewer)]
        hits += [hit(document, units[document.identifier], start, end) for start, end in find_runs(spoken, keys, match)]
    return hits


def tokenise(texts: list[str], match: Match) -> list[list[Token]]:
    """The words of each text; lemmatised by spaCy unless only forms are compared."""
    if match is Match.FORM:
        return [[Token(word.start, word.end, text[word.start : word.end], "") for word in words(text)] for text in texts]
    from workbench.segmentation.pipeline import lemmatise

    return [[Token(*entry) for entry in entries] for entries in lemmatise(texts)]


def in_speech(document: ParsedDocument, offset: int, interviewer: bool) -> bool:
    """Whether ``offset`` falls in a speaker's words (not in a label), the interviewer's only when
    asked; anywhere in a document without turns."""
    return not document.turns or any(
        turn.start <= offset < turn.end and (interviewer or turn.role is not SpeakerRole.INTERVIEWER) for turn in document.turns
    )


def hit(document: ParsedDocument, units: list[Unit], start: int, end: int) -> Hit:
    holder = next((unit for unit in units if unit.start <= start < unit.end), None)
    before = document.text[max(0, start - CONTEXT) : start].split("\n")[-1]
    after = document.text[end : end + CONTEXT].split("\n")[0]
    return Hit(
        document.identifier, document.participant, start, end, document.text[start:end], f"{before}[{document.text[start:end]}]{after}",
        holder.position if holder else None, holder.start if holder else None, holder.end if holder else None,
    )  # fmt: skip


def code_hits(project: Project, hits: list[Hit], code: str | int, *, coder: str, whole_units: bool = True, codebook: str | int | None = None) -> int:
    """Code each hit's unit (or, without units or with ``whole_units=False``, the hit itself) for
    ``coder``, in one transaction; spans the coder already coded with ``code`` are skipped.
    Returns how many codings were written."""
    with project.transaction() as session:
        record, tree, found = locate(session, codebook, code)
        coder_key = coder_id(session, coder)
        spans = dict.fromkeys(
            (item.document, item.unit_start, item.unit_end) if whole_units and item.unit is not None else (item.document, item.start, item.end)
            for item in hits
        )  # fmt: skip
        documents = {identifier: find_document(session, identifier) for identifier, _, _ in spans}
        held = set(session.exec(
            select(CodingRecord.document_id, CodingRecord.start, CodingRecord.end)
            .where(CodingRecord.coder_id == coder_key, CodingRecord.code_id == found.id)
        ))  # fmt: skip
        new = [SpanToCode(documents[identifier], found.id, start, end) for identifier, start, end in spans if (documents[identifier].id, start, end) not in held]
        recorder = RowChanges(session)
        store_codings(recorder, coder_key, new)
        log_operation(
            recorder, actor=coder, action="coding.added", codebook=record.name, target=f"{len(new)} search hits",
            code=found.id, summary={"path": list(tree.path(found.id)), "codings": len(new)},
        )  # fmt: skip
        return len(new)


def hit_codebooks(project: Project, hits: list[Hit]) -> dict[str, StoredCodebook | None]:
    """The codebook of each hit's document, by document (the project's only one when the document
    names none): the codes the hit may be coded with."""
    stored = {entry.id: entry for entry in load_codebooks(project, every=True)}
    only = next(iter(stored.values())) if len(stored) == 1 else None
    with project.session() as session:
        chosen = {hit.document: find_document(session, hit.document).codebook_id for hit in hits}
    return {document: stored.get(codebook, only) for document, codebook in chosen.items()}
