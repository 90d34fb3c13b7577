"""The corpus search index: each searched passage of a document (a speaker's turn, or the whole
text of a document without turns) with its folded words, and its lemmas once they are known.

The index only narrows a search down to candidate passages; the exact rules of
:mod:`workbench.domain.corpus_search` are then applied to those passages, so an answer is the same
as a scan of the whole corpus as long as the index holds every word of every passage. SQLite keeps
the words in an FTS5 table (``search_text``, its rowid the passage's id), PostgreSQL in ``tsvector``
columns under GIN indexes; both are fed words already folded (case and accents aside), so the
database's own tokenizer only has to find them again. PostgreSQL takes the words as lexemes, as they
are, rather than through a language's stemmer: a stemmed lexeme cannot be looked up by its start,
which the word-family search needs.

Passages are rebuilt with their document's turns (:func:`index_document`, called wherever turns
are written); lemmas come from spaCy, at the first lemma or family search that reads the document
(:func:`store_lemmas`), and are dropped when the text is replaced. A lemmatised passage keeps its
tokens too (``tokens``: a line ``start end lemma`` per word, offsets into the document's text), so
that later searches read them instead of running spaCy again (:func:`stored_tokens`); a query's
own tokens are kept as well (``search_query``, :func:`stored_query_tokens`), so that a lemma search
for words searched before loads no model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Connection, Integer, MetaData, String, Table, Text, bindparam, select, text

from workbench.domain.corpus_search import fold as folded
from workbench.domain.quote_location import EDITORIAL, WORD

LONGEST_LEXEME = 2047
"""UTF-8 bytes of the longest word PostgreSQL indexes (its limit); a longer query word is looked
up by reading the passages."""

LATIN_END = 0x250
"""The end of the Latin blocks of Unicode."""

WORD_START = re.compile(r"(?<!\w)\w+")
"""A word as :func:`workbench.domain.quote_location.words` finds it, found from any offset."""

metadata = MetaData()
search_passage = Table(
    "search_passage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("role", String, nullable=False),
    Column("checksum", String, nullable=False),
    Column("lemmatised", Boolean, nullable=False),
    Column("tokens", Text),
)
"""The passages (the migration creates them, with their foreign key to ``document``); PostgreSQL adds the ``words`` and ``lemmas`` tsvector columns (see the migration)."""
search_query = Table("search_query", metadata, Column("query", Text, primary_key=True), Column("tokens", Text, nullable=False))
"""Each lemmatised query's tokens, in the passages' ``tokens`` format."""


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    role: str
    """The speaker's role (``participant``, ``interviewer``…), empty for a document without turns."""


@dataclass(frozen=True)
class Candidate:
    document_id: int
    passage: Passage


def masked_text(text: str) -> str:
    """``text`` with words in square brackets blanked, as the word search leaves them out."""
    return EDITORIAL.sub(lambda match: " " * len(match[0]), text)


def passage_words(masked: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The words of ``masked`` that start in ``[start, end)``, whole even when they run past ``end``."""
    for match in WORD_START.finditer(masked, start):
        if match.start() >= end:
            return
        yield match


def passages_of(document_text: str, turns: Sequence[tuple[int, int, str]]) -> list[Passage]:
    """The searched passages: each turn's speech (``(start, end, role)``), or the whole text."""
    if not turns:
        return [Passage(0, len(document_text), "")]
    return sorted((Passage(start, end, role) for start, end, role in turns), key=lambda passage: (passage.start, passage.end))


INSERT_POSTGRESQL = text(
    'INSERT INTO search_passage (document_id, start, "end", role, checksum, lemmatised, words) '
    "VALUES (:document_id, :start, :end, :role, :checksum, false, array_to_tsvector(CAST(:words AS text[])))"
)
INSERT_SQLITE = text(
    'INSERT INTO search_passage (id, document_id, start, "end", role, checksum, lemmatised) VALUES (:id, :document_id, :start, :end, :role, :checksum, 0)'
)
INSERT_SQLITE_TEXT = text("INSERT INTO search_text (rowid, words) VALUES (:id, :words)")


def index_document(connection: Connection, document_id: int, document_text: str, checksum: str, turns: Sequence[tuple[int, int, str]]) -> None:
    """Replace the document's passages in the index (their lemmas are dropped with them)."""
    remove_document(connection, document_id)
    passages = passages_of(document_text, turns)
    words = words_by_passage(masked_text(document_text), passages)
    rows = [
        {"document_id": document_id, "start": passage.start, "end": passage.end, "role": passage.role, "checksum": checksum}
        for passage in passages
    ]
    if connection.dialect.name == "postgresql":
        connection.execute(INSERT_POSTGRESQL, [{**row, "words": lexemes(found)} for row, found in zip(rows, words, strict=True)])
        return
    first = connection.execute(text("SELECT coalesce(max(id), 0) + 1 FROM search_passage")).scalar_one()
    connection.execute(INSERT_SQLITE, [{**row, "id": first + number} for number, row in enumerate(rows)])
    connection.execute(INSERT_SQLITE_TEXT, [{"id": first + number, "words": " ".join(found)} for number, found in enumerate(words)])


def words_by_passage(masked: str, passages: list[Passage]) -> list[list[str]]:
    """The folded words starting in each passage (a word running past the passage's end whole)."""
    found = []
    for passage in passages:
        words = WORD_START.findall(masked, passage.start, passage.end)
        ends_in_a_word = passage.end > 0 and WORD.match(masked, passage.end - 1, passage.end) is not None
        rest = WORD.match(masked, passage.end) if ends_in_a_word else None
        if words and rest is not None:
            words[-1] += rest[0]
        found.append(list(map(folded, words)))
    return found


def remove_document(connection: Connection, document_id: int) -> None:
    """Take the document's passages out of the index (SQLite's text rows go with them, by trigger)."""
    connection.execute(search_passage.delete().where(search_passage.c.document_id == document_id))


def lexemes(words: Iterable[str]) -> list[str]:
    return sorted({word for word in words if indexable(word)})


def indexable(word: str) -> bool:
    return bool(word) and len(word.encode()) <= LONGEST_LEXEME


StoredToken = tuple[int, int, str]
"""A lemmatised word as the index keeps it: ``(start, end, lemma)``, its form the text between."""


def store_lemmas(connection: Connection, document_id: int, tokens: Sequence[tuple[int, int, str, str]]) -> None:
    """Record the document's lemmatised tokens (``(start, end, form, lemma)``, in text order) in its
    passages: each passage gets the tokens that start in it, and their folded forms and lemmas."""
    rows = connection.execute(
        select(search_passage.c.id, search_passage.c.start, search_passage.c.end)
        .where(search_passage.c.document_id == document_id)
        .order_by(search_passage.c.start, search_passage.c.end)
    ).all()  # fmt: skip
    starts = [start for _, start, _ in rows]
    found: list[list[str]] = [[] for _ in rows]
    lines: list[list[str]] = [[] for _ in rows]
    for start, end, form, lemma in tokens:
        index = bisect_right(starts, start) - 1
        if index >= 0 and start < rows[index][2]:
            found[index] += [folded(form), folded(lemma)]
            lines[index].append(f"{start} {end} {lemma}")
    kept = [{"id": row[0], "tokens": "\n".join(passage)} for row, passage in zip(rows, lines, strict=True)]
    if connection.dialect.name == "postgresql":
        update = text(
            "UPDATE search_passage SET lemmas = array_to_tsvector(CAST(:words AS text[])), tokens = :tokens, lemmatised = true WHERE id = :id"
        )
        connection.execute(update, [{**row, "words": lexemes(words)} for row, words in zip(kept, found, strict=True)])
        return
    update = text("UPDATE search_text SET lemmas = :words WHERE rowid = :id")
    connection.execute(update, [{"id": row[0], "words": " ".join(words)} for row, words in zip(rows, found, strict=True)])
    connection.execute(text("UPDATE search_passage SET tokens = :tokens, lemmatised = 1 WHERE id = :id"), kept)


def stored_tokens(
    connection: Connection, document_ids: Sequence[int], starts: dict[int, set[int]] | None = None
) -> dict[int, list[tuple[Passage, str]]]:
    """The stored tokens (each passage with its lines, for :func:`parsed_tokens`) of those of these
    documents whose every passage is lemmatised, in text order; with ``starts``, only those of the
    passages starting there (by document)."""
    found: dict[int, list[tuple[Passage, str]]] = {}
    unlemmatised: set[int] = set()
    if not document_ids:
        return found
    query = (
        select(search_passage.c.document_id, search_passage.c.start, search_passage.c.end, search_passage.c.role,
               search_passage.c.lemmatised, search_passage.c.tokens)
        .where(search_passage.c.document_id.in_(list(document_ids)))
        .order_by(search_passage.c.document_id, search_passage.c.start, search_passage.c.end)
    )  # fmt: skip
    for document_id, start, end, role, lemmatised, tokens in connection.execute(query):
        kept = found.setdefault(document_id, [])
        if not lemmatised or tokens is None:
            unlemmatised.add(document_id)
        elif starts is None or start in starts.get(document_id, ()):
            kept.append((Passage(start, end, role), tokens))
    return {document_id: tokens for document_id, tokens in found.items() if document_id not in unlemmatised}


def parsed_tokens(lines: str) -> Iterator[StoredToken]:
    """The tokens of a passage's stored lines."""
    for line in lines.split("\n") if lines else []:
        start, end, lemma = line.split(" ", 2)
        yield int(start), int(end), lemma


def stored_query_tokens(connection: Connection, query: str) -> list[StoredToken] | None:
    """The tokens of ``query`` as :func:`store_query_tokens` kept them, ``None`` if never kept."""
    lines = connection.execute(select(search_query.c.tokens).where(search_query.c.query == query)).scalar_one_or_none()
    return None if lines is None else list(parsed_tokens(lines))


def store_query_tokens(connection: Connection, query: str, tokens: Sequence[tuple[int, int, str]]) -> None:
    """Keep the lemmatised tokens of ``query`` (``(start, end, lemma)``), unless kept already."""
    lines = "\n".join(f"{start} {end} {lemma}" for start, end, lemma in tokens)
    connection.execute(text("INSERT INTO search_query (query, tokens) VALUES (:query, :tokens) ON CONFLICT DO NOTHING"), {"query": query, "tokens": lines})


def tokenised_alike(key: str) -> bool:
    """Whether FTS5's tokenizer surely finds ``key``'s letters as Python does: Latin letters only
    (it knows an older Unicode than Python), at least one of them."""
    return all(ord(character) < LATIN_END for character in key) and any(character.isalnum() for character in key)


def find_candidates(
    connection: Connection,
    key: str,
    *,
    lemmas: bool,
    prefix: bool,
    document_ids: Sequence[int] | None,
    roles_left_out: Sequence[str],
) -> list[Candidate]:
    """The passages that may hold a word whose folded form (or, with ``lemmas``, form or lemma)
    is ``key`` — or starts with it, with ``prefix``; with ``lemmas``, every passage whose lemmas
    are not known yet too. In document and text order."""
    column = "lemmas" if lemmas else "words"
    looked_up = indexable(key) and (connection.dialect.name == "postgresql" or tokenised_alike(key))
    conditions = []
    parameters: dict[str, object] = {}
    if looked_up and connection.dialect.name == "postgresql":
        conditions.append(f"p.{column} @@ CAST(:query AS tsquery)")
        parameters["query"] = "'" + key.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")
    elif looked_up:
        conditions.append("p.id IN (SELECT rowid FROM search_text WHERE search_text MATCH :query)")
        parameters["query"] = column + ' : "' + key.replace('"', '""') + '"' + (" *" if prefix else "")
    if lemmas and conditions:
        conditions = [f"({conditions[0]} OR NOT p.lemmatised)"]
    statement = 'SELECT p.document_id, p.start, p."end", p.role FROM search_passage p'
    clauses = list(conditions)
    if roles_left_out:
        clauses.append("p.role NOT IN :roles")
        parameters["roles"] = list(roles_left_out)
    if document_ids is not None:
        clauses.append("p.document_id IN :documents")
        parameters["documents"] = list(document_ids)
    if clauses:
        statement += " WHERE " + " AND ".join(clauses)
    query = text(statement + ' ORDER BY p.document_id, p.start, p."end"')
    if roles_left_out:
        query = query.bindparams(bindparam("roles", expanding=True))
    if document_ids is not None:
        query = query.bindparams(bindparam("documents", expanding=True))
    return [Candidate(document_id, Passage(start, end, role)) for document_id, start, end, role in connection.execute(query, parameters).all()]


def document_passages(connection: Connection, document_ids: Sequence[int]) -> dict[int, list[Passage]]:
    """Every passage of these documents, in text order."""
    found: dict[int, list[Passage]] = {identifier: [] for identifier in document_ids}
    if not document_ids:
        return found
    query = (
        select(search_passage.c.document_id, search_passage.c.start, search_passage.c.end, search_passage.c.role)
        .where(search_passage.c.document_id.in_(list(document_ids)))
        .order_by(search_passage.c.document_id, search_passage.c.start, search_passage.c.end)
    )
    for document_id, start, end, role in connection.execute(query).all():
        found[document_id].append(Passage(start, end, role))
    return found


def unlemmatised_documents(connection: Connection, document_ids: Sequence[int]) -> dict[int, str]:
    """Those of these documents some of whose passages have no lemmas yet, with the checksum of
    the text their passages were cut from."""
    if not document_ids:
        return {}
    query = select(search_passage.c.document_id, search_passage.c.checksum).where(
        search_passage.c.document_id.in_(list(document_ids)), search_passage.c.lemmatised.is_(False)
    )
    return dict(connection.execute(query.distinct()).all())


def indexed_state(connection: Connection) -> dict[int, list[tuple[int, int, str, str]]]:
    """Each indexed document's passages as ``(start, end, role, checksum)``, for the integrity check."""
    found: dict[int, list[tuple[int, int, str, str]]] = {}
    query = select(search_passage.c.document_id, search_passage.c.start, search_passage.c.end, search_passage.c.role, search_passage.c.checksum)
    for document_id, start, end, role, checksum in connection.execute(query.order_by(search_passage.c.document_id, search_passage.c.start, search_passage.c.end)):
        found.setdefault(document_id, []).append((start, end, role, checksum))
    return found


def text_rows_out_of_step(connection: Connection) -> int:
    """SQLite: how many passages have no text row, or text rows no passage (0 on PostgreSQL)."""
    if connection.dialect.name != "sqlite":
        return 0
    return connection.execute(text(
        "SELECT (SELECT count(*) FROM search_passage WHERE id NOT IN (SELECT rowid FROM search_text))"
        " + (SELECT count(*) FROM search_text WHERE rowid NOT IN (SELECT id FROM search_passage))"
    )).scalar_one()  # fmt: skip


def rebuild_index(connection: Connection) -> int:
    """Index every document afresh (lemmas are dropped, to be found again); how many were indexed."""
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM search_text"))
    connection.execute(search_passage.delete())
    documents = connection.execute(text("SELECT id, text, checksum FROM document ORDER BY id")).all()
    turns: dict[int, list[tuple[int, int, str]]] = {}
    for document_id, start, end, role in connection.execute(text('SELECT document_id, start, "end", role FROM turn ORDER BY document_id, position')):
        turns.setdefault(document_id, []).append((start, end, role))
    for document_id, document_text, checksum in documents:
        index_document(connection, document_id, document_text, checksum, turns.get(document_id, []))
    return len(documents)

