"""Writing a thematic tree as the results chapter of a thesis, in Word.

Each node is a heading at its depth in the codebook (Heading 1 for a theme, 2 for a category…),
numbered as the codebook is (I., A., 1. by default) with a bullet for unnumbered nodes; under it
a line counting the participants and quotes (its sub-nodes' included), the node's description as prose, then each passage
coded to it as ``MG2 : « … »``. A passage that spans several speaker turns shows its pieces
joined by ``[…]``. French documents get French typography (non-breaking spaces before the colon
and inside the guillemets).
"""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from workbench.export.codebook_docx import SOURCE_LABELS, WORD_LANGUAGES, add_node_title, set_language
from workbench.domain.thematic_tree import ThematicTree, TreeNode, TreeQuote

BULLET = "•"
WORDING = {
    "fr": {
        "coder": "Codage de {coder} — {quotes} extraits, {participants} participants",
        "node": "{participants} participant{s}, {quotes} extrait{q}",
        "elision": "\u00a0[…]\u00a0",
    },
    "en": {
        "coder": "Coding by {coder} — {quotes} quotes, {participants} participants",
        "node": "{participants} participant{s}, {quotes} quote{q}",
        "elision": " […] ",
    },
}


def language_of(tree: ThematicTree) -> str:
    language = tree.language.split("-")[0].lower()
    return language if language in WORDING else "en"


def quote_text(quote: TreeQuote, language: str) -> tuple[str, str]:
    """The participant's label and the quoted words, as the thesis prints them."""
    words = WORDING[language]["elision"].join(quote.parts)
    if language == "fr":
        return f"{quote.participant}\u00a0: ", f"«\u00a0{words}\u00a0»"
    return f"{quote.participant}: ", f"“{words}”"


def thematic_tree_docx(tree: ThematicTree, source: str = "") -> bytes:
    document = Document()
    language = language_of(tree)
    wording = WORDING[language]
    set_language(document, WORD_LANGUAGES.get(language, tree.language))
    document.core_properties.title = tree.codebook
    document.add_heading(tree.codebook, level=0)
    summary = wording["coder"].format(coder=tree.coder, quotes=tree.quotes, participants=len(tree.participants))
    document.add_paragraph().add_run(summary).italic = True
    if source:
        document.add_paragraph().add_run(SOURCE_LABELS.get(language, SOURCE_LABELS["en"]) + source).italic = True
    for node in tree.nodes:
        add_node(document, node, language)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def add_node(document: Document, node: TreeNode, language: str) -> None:
    add_node_title(document, node.depth, node.number or BULLET, node.name, None)
    if node.participants:
        counts = WORDING[language]["node"].format(
            participants=len(node.participants), s="s" if len(node.participants) > 1 else "",
            quotes=node.quoted, q="s" if node.quoted > 1 else "",
        )
        run = document.add_paragraph().add_run(counts)
        run.italic, run.font.size = True, Pt(9)
    for paragraph in filter(None, node.description.split("\n\n")):
        document.add_paragraph(paragraph)
    for quote in node.quotes:
        label, words = quote_text(quote, language)
        paragraph = document.add_paragraph(style="Quote")
        paragraph.add_run(label).bold = True
        paragraph.add_run(words).italic = True
