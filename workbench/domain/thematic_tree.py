"""A thematic tree: the codebook's nodes in pre-order, each with the passages one coder coded to it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TreeQuote:
    participant: str
    document: str
    coding: int
    start: int
    end: int
    parts: list[str]


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


@dataclass
class ThematicTree:
    codebook: str
    coder: str
    language: str
    nodes: list[TreeNode]

    @property
    def quotes(self) -> int:
        return sum(len(node.quotes) for node in self.nodes)

    @property
    def participants(self) -> set[str]:
        return {quote.participant for node in self.nodes for quote in node.quotes}
