"""Searching the corpus by form, lemma or word family, and coding what was found.

Only speech is searched, not the speaker labels: the participants' words, and the interviewer's
when asked (``interviewer=True``).
The search index (:mod:`workbench.storage.search_index`) gives the passages that may hold the
first query word; only those are read and matched, so the answers are those of a scan of every
document (:func:`search_by_scan`, kept as the reference). Words become tokens in
:mod:`~workbench.services.analysis.search_tokens`; hits are coded by
:mod:`~workbench.services.analysis.search_coding`. The first lemma or family search that
reads a document runs its passages (turns, or the whole text) through spaCy's French lemmatizer and
keeps their tokens and lemmas in the index; later searches read the tokens back, and a form search
needs no model. Each hit comes with its
context (the sentence or so around it) and the unit of meaning that holds it, if the document was
cut into units; coding the hits codes those units (or the hits themselves) in one transaction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice

from sqlmodel import Session, select

from workbench.domain.corpus_search import (
    Match,
    Token,
    find_runs,
    query_keys,
    token_matches,
)
from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.units import Unit
from workbench.services.analysis.search_tokens import (
    first_words,
    lemmatised_passages,
    matching_tokens,
    one_word_matcher,
    spoken_tokens,
    tokenise,
)
from workbench.storage.project import Project
from workbench.storage.queries import find_document, load_document
from workbench.storage.records import DocumentRecord, UnitRecord
from workbench.storage.search_index import (
    Passage,
    document_passages,
    find_candidates,
    masked_text,
    parsed_tokens,
    passages_of,
    store_lemmas,
    store_query_tokens,
    stored_query_tokens,
    stored_tokens,
    unlemmatised_documents,
)
from workbench.storage.units import read_units

CONTEXT = 70
"""Characters of context shown on each side of a hit."""
PAGE_DOCUMENTS = 100
"""Documents read at a time while a search's hits are built."""


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
    pages = search_pages(project, query, match=match, documents=documents, kinds=kinds, interviewer=interviewer)
    return [found for page in pages for found in page]


def first_hits(pages: Iterable[list[Hit]], count: int) -> tuple[list[Hit], int]:
    """The first ``count`` hits of :func:`search_pages`'s ``pages`` and how many hits there are
    in all; the others are counted, not kept."""
    hits: list[Hit] = []
    total = 0
    for page in pages:
        hits += page[: count - len(hits)]
        total += len(page)
    return hits, total


def search_pages(
    project: Project,
    query: str,
    *,
    match: Match = Match.FORM,
    documents: list[str] | None = None,
    kinds: list[DocumentKind] | None = None,
    interviewer: bool = False,
    page_documents: int = PAGE_DOCUMENTS,
) -> Iterator[list[Hit]]:
    """:func:`search`'s hits, a page per ``page_documents`` candidate documents (a page may be
    empty): the index gives the passages that may hold the first query word, the exact rules of
    :mod:`workbench.domain.corpus_search` are applied to them. Lemmas found on the way are kept in
    the index for the next search."""
    if not query.strip():
        raise InputError(_('empty search'), "QUERY", _('give one or more words, e.g. déléguer'))
    with project.session() as session:
        chosen = _chosen_documents(session, documents, kinds)
    keys = query_keys(query_tokens(project, query, match), match) if chosen else []
    if not keys:
        return
    with project.session() as session:
        candidates = find_candidates(
            session.connection(), keys[0], lemmas=match is not Match.FORM, prefix=match is Match.FAMILY,
            document_ids=None if documents is None and not kinds else list(chosen),
            roles_left_out=[] if interviewer else [SpeakerRole.INTERVIEWER.value],
        )  # fmt: skip
    one_word = one_word_matcher(keys[0], match) if len(keys) == 1 and match is not Match.FORM else None
    by_document: dict[int, list[Passage]] = {}
    for candidate in candidates:
        by_document.setdefault(candidate.document_id, []).append(candidate.passage)
    order = [document_id for document_id in chosen if document_id in by_document]
    for first in range(0, len(order), page_documents):
        batch = order[first : first + page_documents]
        with project.session() as session:
            stored = _StoredDocuments.read(session, batch, interviewer=interviewer, passages=match is not Match.FORM or len(keys) > 1)
        if match is Match.FORM:
            yield [found for document_id in batch for found in stored.form_hits(document_id, by_document[document_id], keys)]
        else:
            starts = {document_id: {passage.start for passage in by_document[document_id]} for document_id in batch}
            yield lemma_hits(project, stored, batch, keys, match, (starts, one_word) if one_word else None)


def query_tokens(project: Project, query: str, match: Match) -> list[Token]:
    """The query's words: lemmatised by spaCy the first time the query is searched by lemma or
    family, read from the index afterwards."""
    if match is Match.FORM:
        return tokenise([query], match)[0]
    with project.session() as session:
        kept = stored_query_tokens(session.connection(), query)
    if kept is not None:
        return [Token(start, end, query[start:end], lemma) for start, end, lemma in kept]
    tokens = tokenise([query], match)[0]
    with project.transaction() as session:
        store_query_tokens(session.connection(), query, [(token.start, token.end, token.lemma) for token in tokens])
    return tokens


def _chosen_documents(session: Session, documents: list[str] | None, kinds: list[DocumentKind] | None) -> dict[int, str]:
    """The documents searched, id → identifier, in document order; an unknown ``documents`` entry is refused."""
    chosen = select(DocumentRecord.id, DocumentRecord.identifier).order_by(DocumentRecord.position, DocumentRecord.id)
    if kinds:
        chosen = chosen.where(DocumentRecord.kind.in_([kind.value for kind in kinds]))
    rows = list(session.exec(chosen))
    for identifier in documents or []:
        find_document(session, identifier)
    return {document_id: identifier for document_id, identifier in rows if documents is None or identifier in documents}


@dataclass
class _StoredDocuments:
    """What building the hits of a few documents reads: their text, searched passages and units."""

    identifiers: dict[int, str]
    participants: dict[int, str | None]
    texts: dict[int, str]
    checksums: dict[int, str]
    searched: dict[int, list[Passage]]
    units: dict[int, list[tuple[int, int]]]
    """Each document's unit spans in text order (a unit's position is its rank, as :func:`read_units` numbers them)."""

    @classmethod
    def read(cls, session: Session, document_ids: list[int], *, interviewer: bool, passages: bool) -> _StoredDocuments:
        """``passages``: read every searched passage too (not only the candidates)."""
        connection = session.connection()
        rows = connection.execute(
            select(DocumentRecord.id, DocumentRecord.identifier, DocumentRecord.participant_id, DocumentRecord.text, DocumentRecord.checksum)
            .where(DocumentRecord.id.in_(document_ids))  # type: ignore[union-attr]
        ).all()  # fmt: skip
        units: dict[int, list[tuple[int, int]]] = {document_id: [] for document_id in document_ids}
        spans = select(UnitRecord.document_id, UnitRecord.start, UnitRecord.end).where(UnitRecord.document_id.in_(document_ids))  # type: ignore[attr-defined]
        for document_id, start, end in connection.execute(spans).all():
            units[document_id].append((start, end))
        searched = {
            document_id: [passage for passage in found if interviewer or passage.role != SpeakerRole.INTERVIEWER.value]
            for document_id, found in (document_passages(connection, document_ids) if passages else {}).items()
        }
        return cls(
            {row[0]: row[1] for row in rows}, {row[0]: row[2] for row in rows}, {row[0]: row[3] for row in rows},
            {row[0]: row[4] for row in rows}, searched,
            {document_id: sorted(spans) for document_id, spans in units.items()},
        )  # fmt: skip

    def form_hits(self, document_id: int, candidates: list[Passage], keys: list[str]) -> list[Hit]:
        """The hits starting in the ``candidates`` passages, words compared by form: each word of
        a candidate passage that folds to the first query word, and the spoken words after it."""
        text = self.texts[document_id]
        masked = masked_text(text)
        searched = self.searched.get(document_id, [])
        rank = {passage: index for index, passage in enumerate(searched)}
        runs: dict[tuple[int, int], None] = {}
        for passage in candidates:
            following = searched[rank[passage] + 1 :] if len(keys) > 1 else []
            for first in first_words(masked, passage, keys[0]):
                tokens = list(islice(spoken_tokens(text, masked, [Passage(first, passage.end, passage.role), *following]), len(keys)))
                if len(tokens) == len(keys) and all(token_matches(token, key, Match.FORM) for token, key in zip(tokens, keys, strict=True)):
                    runs[tokens[0].start, tokens[-1].end] = None
        return [self.hit(document_id, start, end) for start, end in sorted(runs)]

    def spoken(self, document_id: int, tokens: list[Token]) -> list[Token]:
        """The tokens that start in a searched passage."""
        searched = self.searched[document_id]
        starts = [passage.start for passage in searched]
        kept = []
        for token in tokens:
            index = bisect_right(starts, token.start) - 1
            if index >= 0 and token.start < searched[index].end:
                kept.append(token)
        return kept

    def hit(self, document_id: int, start: int, end: int) -> Hit:
        text = self.texts[document_id]
        units = self.units[document_id]
        index = bisect_right(units, (start, len(text) + 1)) - 1
        holder = index + 1 if index >= 0 and units[index][0] <= start < units[index][1] else None
        before = text[max(0, start - CONTEXT) : start].split("\n")[-1]
        after = text[end : end + CONTEXT].split("\n")[0]
        return Hit(
            self.identifiers[document_id], self.participants[document_id], start, end, text[start:end], f"{before}[{text[start:end]}]{after}",
            holder, units[index][0] if holder else None, units[index][1] if holder else None,
        )  # fmt: skip


def lemma_hits(
    project: Project,
    stored: _StoredDocuments,
    batch: list[int],
    keys: list[str],
    match: Match,
    one_word: tuple[dict[int, set[int]], Callable[[str, str], bool]] | None,
) -> list[Hit]:
    """The hits of whole documents, their tokens read from the index or, for documents it has no
    tokens of, from spaCy (a run may go on from one passage to the next); the tokens found by
    spaCy are stored in the index, unless their document's text changed meanwhile. ``one_word``,
    for a one-word query: the starts of the passages a hit can be in, by document (the index's
    tokens of the others are not read), and whether a word matches (the others are dropped)."""
    candidates, matches = one_word if one_word else (None, None)
    with project.session() as session:
        connection = session.connection()
        kept = stored_tokens(connection, batch, candidates)
        missing = [document_id for document_id in batch if document_id not in kept]
        passages = document_passages(connection, missing)
    found = dict(zip(missing, lemmatised_passages([(stored.texts[document_id], passages[document_id]) for document_id in missing]), strict=True))
    hits = []
    for document_id in batch:
        text = stored.texts[document_id]
        if document_id in found:
            tokens = found[document_id]
        elif matches is None:
            tokens = [Token(start, end, text[start:end], lemma) for _, lines in kept[document_id] for start, end, lemma in parsed_tokens(lines)]
        else:
            tokens = [token for passage, lines in kept[document_id] for token in matching_tokens(text, passage, lines, keys[0], match, matches)]
        hits += [stored.hit(document_id, start, end) for start, end in find_runs(stored.spoken(document_id, tokens), keys, match)]
    if not missing:
        return hits
    with project.transaction() as session:
        connection = session.connection()
        current = unlemmatised_documents(connection, missing)
        for document_id in missing:
            if document_id in current and current[document_id] == stored.checksums[document_id]:
                store_lemmas(connection, document_id, [(token.start, token.end, token.form, token.lemma) for token in found[document_id]])
    return hits


def search_by_scan(
    project: Project,
    query: str,
    *,
    match: Match = Match.FORM,
    documents: list[str] | None = None,
    kinds: list[DocumentKind] | None = None,
    interviewer: bool = False,
) -> list[Hit]:
    """:func:`search` without the index: every chosen document read and cut into words. The
    reference the index's answers are checked and measured against."""
    if not query.strip():
        raise InputError(_('empty search'), "QUERY", _('give one or more words, e.g. déléguer'))
    with project.session() as session:
        identifiers = list(_chosen_documents(session, documents, kinds).values())
        parsed = [load_document(session, identifier) for identifier in identifiers]
        units = {document.identifier: read_units(session, document) for document in parsed}
    keys = query_keys(tokenise([query], match)[0], match)
    if match is Match.FORM:
        document_tokens = tokenise([document.text for document in parsed], match)
    else:
        turns = [[(turn.start, turn.end, turn.role.value) for turn in document.turns] for document in parsed]
        document_tokens = lemmatised_passages([(document.text, passages_of(document.text, spoken)) for document, spoken in zip(parsed, turns, strict=True)])
    hits = []
    for document, tokens in zip(parsed, document_tokens, strict=True):
        spoken = [token for token in tokens if in_speech(document, token.start, interviewer)]
        hits += [hit(document, units[document.identifier], start, end) for start, end in find_runs(spoken, keys, match)]
    return hits


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


