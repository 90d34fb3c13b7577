"""Replaying a coder's own codings to measure how often the right code is suggested.

Protocols: ``progressive`` predicts each document (in the order the coder coded them) from the
coder's codings of the documents before it, plus the codebook; ``leave-one-document-out``
predicts each document from the coder's codings of all the others. Every coding of the predicted
document is a query (its text); it is a hit at *k* when its code is among the top *k*.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from workbench.suggestions.engine import CodeText, Passage


class Protocol(StrEnum):
    PROGRESSIVE = "progressive"
    LEAVE_ONE_DOCUMENT_OUT = "leave-one-document-out"


class Ranker(typing.Protocol):
    """Anything that scores texts against the codes (one column per code, in the codebook's order)."""

    def scores(self, texts: Sequence[str]) -> np.ndarray: ...


Builder = Callable[[Sequence[CodeText], list[Passage]], Ranker]
"""Builds a ranker from the codes and the passages it may learn from."""


@dataclass(frozen=True)
class CodedDocument:
    identifier: str
    passages: list[Passage]


@dataclass(frozen=True)
class Figures:
    queries: int
    top1: float
    top3: float
    top5: float
    mean_reciprocal_rank: float

    @classmethod
    def of(cls, ranks: list[int]) -> Figures:
        if not ranks:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        found = np.array(ranks)
        top1, top3, top5 = (float(np.mean(found <= k)) for k in (1, 3, 5))
        return cls(len(ranks), top1, top3, top5, float(np.mean(1 / found)))

    def as_dict(self) -> dict[str, object]:
        return {
            "queries": self.queries, "top1": round(self.top1, 3), "top3": round(self.top3, 3), "top5": round(self.top5, 3),
            "mrr": round(self.mean_reciprocal_rank, 3),
        }  # fmt: skip


@dataclass
class Result:
    """One ranker's figures: overall, and per document in the order predicted."""

    overall: Figures
    documents: dict[str, Figures] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"overall": self.overall.as_dict(), "documents": {name: figures.as_dict() for name, figures in self.documents.items()}}


def ranks(scores: np.ndarray, columns: list[int]) -> list[int]:
    """The rank (from 1) of each row's expected column; ties go to the codebook's order."""
    return [int(np.flatnonzero(np.argsort(-row, kind="stable") == column)[0]) + 1 for row, column in zip(scores, columns, strict=True)]


def evaluate(codes: Sequence[CodeText], documents: list[CodedDocument], protocol: Protocol, build: Builder) -> Result:
    """Replay ``documents`` (in the coder's order) under ``protocol`` with the rankers ``build`` makes."""
    column = {code.code: position for position, code in enumerate(codes)}
    every: list[int] = []
    result = Result(Figures.of([]))
    for position, document in enumerate(documents):
        queries = [passage for passage in document.passages if passage.code in column]
        if not queries:
            continue
        others = documents[:position] if protocol is Protocol.PROGRESSIVE else documents[:position] + documents[position + 1 :]
        ranker = build(codes, [passage for other in others for passage in other.passages])
        found = ranks(ranker.scores([passage.text for passage in queries]), [column[passage.code] for passage in queries])
        result.documents[document.identifier] = Figures.of(found)
        every += found
    result.overall = Figures.of(every)
    return result
