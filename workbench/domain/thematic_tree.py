"""A thematic tree: the codebook's nodes in pre-order, each with the passages one coder coded to it,
the participants quoted, and (when a second coder is named) the two coders' agreement by theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.participants import AttributeType, Participant


@dataclass(frozen=True)
class TreeQuote:
    participant: str
    document: str
    coding: int
    start: int
    end: int
    parts: list[str]

    @property
    def length(self) -> int:
        """The characters the reader sees (the pieces cut at speaker turns, without the joins)."""
        return sum(len(part) for part in self.parts)


@dataclass
class TreeNode:
    code: int
    depth: int
    number: str
    name: str
    colour: str
    description: str
    quotes: list[TreeQuote] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    """The participants quoted under this node and all its sub-nodes."""
    quoted: int = 0
    """The quotes under this node and all its sub-nodes."""

    @property
    def title(self) -> str:
        return f"{self.number}\u00a0{self.name}" if self.number else self.name


@dataclass(frozen=True)
class ThemeAgreement:
    """The two coders' agreement on one theme (or on all of them pooled)."""

    theme: str
    """The theme's numbered title (empty for the pooled figures)."""
    coded: tuple[int, int]
    """The units each coder applied the theme to."""
    percent_agreement: float | None
    cohen_kappa: float | None
    """``None`` where undefined (e.g. neither coder applied the theme)."""
    agreement_without_joint_absences: float | None = None
    """Agreement on the units where either coder applied the theme (MAXQDA's percent agreement)."""
    joint_absences: int = 0
    decisions: int = 0
    """(unit, theme) pairs compared, joint absences (neither coder applied it) included."""


@dataclass(frozen=True)
class TreeAgreement:
    """Unit-level agreement of the tree's coder with a second coder, codes rolled up to themes."""

    coders: tuple[str, str]
    units: int
    documents: int
    min_cover: float
    themes: list[ThemeAgreement]
    pooled: ThemeAgreement
    brennan_prediger_themes: float | None = None
    """Pooled Brennan–Prediger with chance one over the number of themes (MAXQDA's κ)."""
    reaching_no_unit: tuple[int, int] = (0, 0)
    below_share: tuple[int, int] = (0, 0)
    """Each coder's codings that touch no unit, and those below the share of every unit they touch
    (counted on the unit they cover most)."""
    dominated: bool = False
    """Whether joint absences make up so much of the pooled decisions that they dominate its figures."""


@dataclass
class ThematicTree:
    codebook: str
    coder: str
    language: str
    nodes: list[TreeNode]
    attribute_types: dict[str, AttributeType] = field(default_factory=dict)
    """The participant attributes that at least one participant quoted has, in column order."""
    participant_rows: list[Participant] = field(default_factory=list)
    """The participants quoted, in natural order (MG2 before MG10)."""
    agreement: TreeAgreement | None = None

    @property
    def quotes(self) -> int:
        return sum(len(node.quotes) for node in self.nodes)

    @property
    def participants(self) -> set[str]:
        return {quote.participant for node in self.nodes for quote in node.quotes}


class QuoteOrder(StrEnum):
    DOCUMENT = "document"
    """Interview order, then position in the interview."""
    LENGTH = "length"
    """Longest first (interview order between equals), for the most telling quote to lead."""


@dataclass(frozen=True)
class QuoteChoice:
    """Which of a node's quotes the results chapter prints: in what order, and at most how many."""

    order: QuoteOrder = QuoteOrder.DOCUMENT
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 1:
            hint = "give 1 or more, or leave it out to print every quote"
            raise InputError(_('{limit} is not a number of quotes to print').format(limit=self.limit), "--max-quotes", hint)

    def shown(self, quotes: list[TreeQuote]) -> list[TreeQuote]:
        ordered = sorted(quotes, key=lambda quote: -quote.length) if self.order is QuoteOrder.LENGTH else quotes
        return ordered[: self.limit]
