"""What every Word document written here shares: heading levels and bullet styles for a tree
of nodes, a node's title led by a square in its colour, and the document's language for the
spelling checker."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from workbench.domain.language import _

HEADING_LEVELS = 4
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
CONTINUE_STYLES = ("List Continue", "List Continue 2", "List Continue 3")
SWATCH = "\u25a0\u00a0"
WORD_LANGUAGES = {"fr": "fr-FR", "en": "en-GB"}


def add_node_title(document: WordDocument, depth: int, number: str, name: str, colour: str | None) -> str | None:
    """A node's title: a heading down to :data:`HEADING_LEVELS`, a bullet below, led by a square in
    its colour (none when ``colour`` is ``None``); returns the style for the paragraphs under it."""
    if depth <= HEADING_LEVELS:
        title, body_style = document.add_paragraph(style=f"Heading {depth}"), None
    else:
        level = min(depth - HEADING_LEVELS, len(BULLET_STYLES)) - 1
        title, body_style = document.add_paragraph(style=BULLET_STYLES[level]), CONTINUE_STYLES[level]
    if colour:
        title.add_run(SWATCH).font.color.rgb = RGBColor.from_string(colour[1:])
    title.add_run(f"{number}\u00a0{name}" if number else name).bold = depth > HEADING_LEVELS
    return body_style


def source_label() -> str:
    """What leads the line naming a document's source, in the current language."""
    return _("Source: ")


def set_language(document: WordDocument, tag: str) -> None:
    """Mark the Normal style (and so every style based on it) as written in ``tag``."""
    properties = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), tag)
    properties.append(language)
