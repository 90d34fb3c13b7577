"""What two coders did on a project's documents, read from the project as plain data.

A :class:`Comparison` holds both coders' codings (as spans) on the documents compared, with their
units of meaning. Coder X applied code c to unit u when X's codings of c cover at least
``min_cover`` of u's characters (their union, so overlapping codings count once). With ``depth``
every code counts as its ancestor at that depth (1: themes, 2: categories…); a code shallower than
``depth`` counts as itself.

The loaders check the request (the coders, the documents, the depth) before reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from workbench.agreement import Span
from workbench.domain.codebook import CodeTree
from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.units import Unit
from workbench.storage.codebooks import load_tree
from workbench.services.coding.codings import as_coding, coding_query
from workbench.services.coding.units import read_units
from workbench.storage.project import Project
from workbench.storage.queries import find_document, load_document
from workbench.storage.records import CodebookRecord, CoderRecord, CodingRecord, DocumentRecord

MIN_COVER = 0.5
"""Default share of a unit a coder's codings of a code must cover for the code to apply to it."""


@dataclass(frozen=True)
class ComparedDocument:
    identifier: str
    length: int
    units: list[Unit]
    spans: tuple[list[Span], list[Span]]
    """Coder A's and coder B's codings as ``(start, end, code)``, codes rolled up."""


@dataclass(frozen=True)
class Comparison:
    """What two coders did on the documents compared, as plain data."""

    coders: tuple[str, str]
    documents: list[ComparedDocument]
    codes: dict[int, str]
    """Every code either coder used (rolled up), with its path, in codebook order."""
    left_out: dict[str, str] = field(default_factory=dict)
    """Documents coded by one coder only (not compared unless named), with the reason."""
    depth: int | None = None



# Computations on plain data.


def covered_characters(start: int, end: int, spans: Iterable[tuple[int, int]]) -> int:
    """How many characters of ``[start, end)`` the union of ``spans`` covers."""
    covered, reach = 0, start
    for span_start, span_end in sorted(spans):
        span_start, span_end = max(span_start, reach), min(span_end, end)
        if span_start < span_end:
            covered += span_end - span_start
            reach = span_end
    return covered


def applied_codes(unit: Unit, spans: list[Span], min_cover: float) -> frozenset[int]:
    """The codes whose spans cover at least ``min_cover`` of the unit."""
    by_code: dict[int, list[tuple[int, int]]] = {}
    for start, end, code in spans:
        if start < unit.end and end > unit.start:
            by_code.setdefault(code, []).append((start, end))
    length = unit.end - unit.start
    return frozenset(
        code
        for code, parts in by_code.items()
        if covered_characters(unit.start, unit.end, parts) / length >= min_cover
    )


def unit_decisions(
    comparison: Comparison, min_cover: float
) -> list[tuple[Unit, frozenset[int], frozenset[int]]]:
    """Every unit compared, with coder A's and coder B's codes on it."""
    check_min_cover(min_cover)
    return [
        (unit, *(applied_codes(unit, spans, min_cover) for spans in document.spans))
        for document in comparison.documents
        for unit in document.units
    ]


def rolled_up(trees: list[CodeTree], depth: int | None) -> dict[int, int]:
    """Each code's ancestor at ``depth`` (itself when shallower, or without ``depth``)."""
    return {
        code_id: code_id if depth is None else tree.ancestor(code_id, min(depth, tree.depth(code_id))).id
        for tree in trees
        for code_id in tree.codes
    }


def check_min_cover(min_cover: float) -> float:
    if not 0 < min_cover <= 1:
        raise InputError(
            f"minimum cover {min_cover} is not a share of a unit",
            "--min-cover",
            "give a number above 0 and at most 1, e.g. 0.5",
        )
    return min_cover


# Loaders.


def load_comparison(
    project: Project,
    coders: tuple[str, str],
    documents: list[str] | None = None,
    *,
    depth: int | None = None,
    with_units: bool = True,
) -> Comparison:
    """The two coders' codings on ``documents`` (default: every document both coded), checked first."""
    with project.session() as session:
        return read_comparison(session, coders, documents, depth=depth, with_units=with_units)


def read_comparison(
    session: Session,
    coders: tuple[str, str],
    documents: list[str] | None,
    *,
    depth: int | None,
    with_units: bool,
) -> Comparison:
    coders = check_coders(session, coders)
    if depth is not None and depth < 1:
        hint = "give 1 for themes, 2 for categories…"
        raise InputError(f"depth {depth} is not a level of the code tree", "--depth", hint)
    named = list(dict.fromkeys(documents)) if documents else None
    for identifier in named or []:
        find_document(session, identifier)
    codings = [as_coding(row) for row in session.exec(coding_rows(coders, named))]
    coded = [{coding.document for coding in codings if coding.coder == coder} for coder in coders]
    for coder, documents_coded in zip(coders, coded, strict=True):
        if not documents_coded and named:
            message = f"coder {coder!r} has no codings in {', '.join(named)}"
            raise InputError(message, "--documents", "name documents both coders coded")
        if not documents_coded:
            raise InputError(f"coder {coder!r} has no codings", "--coders", "compare two coders who have coded")
    if named is None:
        chosen = common_documents(coders, codings, coded)
        left_out = {
            coding.document: f"coded by {coding.coder} only"
            for coding in codings
            if coding.document not in chosen
        }
    else:
        chosen, left_out = named, {}
    records = session.exec(select(CodebookRecord).order_by(CodebookRecord.id))
    trees = [load_tree(session, record.id) for record in records]
    rolled = rolled_up(trees, depth)
    spans = {identifier: ([], []) for identifier in chosen}
    for coding in codings:
        if coding.document in spans:
            spans[coding.document][coders.index(coding.coder)].append(
                (coding.start, coding.end, rolled.get(coding.code, coding.code))
            )
    compared = [
        compared_document(session, identifier, spans[identifier], with_units) for identifier in chosen
    ]
    used = {code for first, second in spans.values() for *_, code in first + second}
    paths = {
        code.id: tree.path_text(code.id) for tree in trees for code in tree.walk() if code.id in used
    }
    return Comparison(coders, compared, paths, left_out, depth)


def common_documents(
    coders: tuple[str, str], codings: list[Coding], coded: list[set[str]]
) -> list[str]:
    """The documents both coders coded, in project order."""
    in_order = dict.fromkeys(coding.document for coding in codings)
    both = [identifier for identifier in in_order if identifier in coded[0] & coded[1]]
    if not both:
        message = f"{coders[0]} and {coders[1]} have coded no document in common"
        raise InputError(message, "--coders", "name the documents to compare with --documents")
    return both


def coding_rows(coders: tuple[str, str], documents: list[str] | None):  # noqa: ANN201 - a SQLModel select
    query = coding_query().where(CoderRecord.name.in_(coders))
    if documents is not None:
        query = query.where(DocumentRecord.identifier.in_(documents))
    return query.order_by(
        DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id
    )


def compared_document(
    session: Session, identifier: str, spans: tuple[list[Span], list[Span]], with_units: bool
) -> ComparedDocument:
    document = load_document(session, identifier)
    units = read_units(session, document) if with_units else []
    if with_units and not units:
        hint = f"run `workbench segment --document {identifier}`"
        raise NotFoundError(f"document {identifier} has no units", hint=hint)
    return ComparedDocument(identifier, len(document.text), units, spans)


def check_coders(session: Session, coders: tuple[str, str]) -> tuple[str, str]:
    """Two different coders of this project."""
    first, second = (check_coder_name(name) for name in coders)
    if first == second:
        raise InputError(f"both coders are {first!r}", "--coders", "name two different coders")
    known = set(session.exec(select(CoderRecord.name)))
    for name in (first, second):
        if name not in known:
            hint = f"the coders are: {', '.join(sorted(known)) or 'none'}"
            raise NotFoundError(f"no coder {name!r} in this project", "--coders", hint)
    return first, second
