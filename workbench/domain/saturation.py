"""Data sufficiency (saturation): which codes each interview brought for the first time.

Interviews are walked in the order given; a code counts as new in the first interview where it is
applied. The interview after which no new code appeared is the point where the data were deemed
sufficient, and the interviews that followed it without bringing anything confirm it. An interview
the coder applied no code to is an interview all the same: it brings nothing new and, after the
last new code, confirms sufficiency.

Codes are their paths (names joined by ``/``, as :meth:`CodeTree.path_text` writes them); at a
``depth``, each path is cut to its first ``depth`` names (1: the themes), a code coded above that
depth counting as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain.codebook import PATH_SEPARATOR
from workbench.domain.errors import InputError
from workbench.domain.language import _


@dataclass(frozen=True)
class InterviewStep:
    document: str
    """The document's id, e.g. ``MG3``."""
    participant: str | None
    new_codes: list[str]
    """The paths of the codes first seen in this interview, in codebook order."""
    codes: int
    """The distinct codes applied in this interview."""
    cumulative: int
    """The distinct codes seen so far, this interview included."""


@dataclass(frozen=True)
class SaturationReport:
    coder: str
    steps: list[InterviewStep]
    total_codes: int
    last_new: str | None
    """The last interview that brought a new code (data sufficiency reached after it); ``None``
    when no interview brought any code."""
    confirmed_by: int
    """How many interviews after ``last_new`` brought no new code (0 without ``last_new``)."""
    depth: int | None
    """Codes counted at this depth of the tree (``None``: as coded)."""


def saturation_steps(
    order: list[tuple[str, str | None]], codes_by_document: dict[str, list[str]], coder: str, depth: int | None = None
) -> SaturationReport:
    """Walk the interviews ``order`` (document id, participant) through the code paths applied in
    each (``codes_by_document``, each list in codebook order; a document missing from it brought
    nothing, and one missing from ``order`` is not counted)."""
    check_order(order, depth)
    seen: set[str] = set()
    steps = []
    for document, participant in order:
        applied = distinct(rolled_up(path, depth) for path in codes_by_document.get(document, []))
        new_codes = [path for path in applied if path not in seen]
        seen.update(new_codes)
        steps.append(InterviewStep(document, participant, new_codes, len(applied), len(seen)))
    bringing = [index for index, step in enumerate(steps) if step.new_codes]
    last_new = steps[bringing[-1]].document if bringing else None
    confirmed_by = len(steps) - 1 - bringing[-1] if bringing else 0
    return SaturationReport(coder, steps, len(seen), last_new, confirmed_by, depth)


def check_order(order: list[tuple[str, str | None]], depth: int | None) -> None:
    if depth is not None and depth < 1:
        raise InputError(_('{depth} is not a depth of the codebook').format(depth=depth), "--depth", _('give 1 for themes, 2 for categories…'))
    documents = [document for document, _ in order]
    if twice := distinct(document for document in documents if documents.count(document) > 1):
        raise InputError(_('{join} named twice in the interview order').format(join=', '.join(twice)), "--order", _('name each interview once'))


def rolled_up(path: str, depth: int | None) -> str:
    """The path of the code's ancestor at ``depth`` (the code itself above it or without a depth)."""
    return path if depth is None else PATH_SEPARATOR.join(path.split(PATH_SEPARATOR)[:depth])


def distinct(items: Iterable[str]) -> list[str]:
    """The items once each, in their first order."""
    return list(dict.fromkeys(items))
