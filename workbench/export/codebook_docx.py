"""Writing a codebook as a Word document, for a thesis appendix.

The tree is numbered as in the thesis, with real heading styles (Heading 1–4, so that Word's table
of contents and navigation pane pick it up) and bullets below. Each code starts with a square in
its colour; its definition follows as paragraphs: the description, then when to use it, when not
to, and an example, each under its label. French codebooks get French typography (non-breaking
spaces before colons and inside « »), and the document's language is set for the spelling checker.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from docx import Document
from docx.document import Document as WordDocument

from workbench.domain.codebook import DEFINITION_FIELDS, Codebook, CodeNode, definition_labels
from workbench.domain.language import use_language
from workbench.export.word import WORD_LANGUAGES, add_node_title, set_language, source_label


def codebook_docx(codebook: Codebook) -> bytes:
    document = Document()
    language = codebook.language.split("-")[0].lower()
    set_language(document, WORD_LANGUAGES.get(language, codebook.language))
    document.core_properties.title = codebook.name
    document.add_heading(codebook.name, level=0)
    if codebook.source:
        with use_language(language):
            document.add_paragraph().add_run(source_label() + codebook.source).italic = True
    for code, depth in walk(codebook.codes):
        add_code(document, code, depth, language)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def walk(codes: list[CodeNode], depth: int = 1) -> Iterator[tuple[CodeNode, int]]:
    for code in codes:
        yield code, depth
        yield from walk(code.children, depth + 1)


def add_code(document: WordDocument, code: CodeNode, depth: int, language: str) -> None:
    body_style = add_node_title(document, depth, code.number, code.name, code.colour)
    for paragraph in filter(None, code.description.split("\n\n")):
        document.add_paragraph(paragraph, style=body_style)
    labels = definition_labels(language)
    for field in DEFINITION_FIELDS[1:]:
        if text := getattr(code, field):
            paragraph = document.add_paragraph(style=body_style)
            paragraph.add_run(labels[field] + " ").bold = True
            if field == "example":
                paragraph.add_run(quoted(text, language)).italic = True
            else:
                paragraph.add_run(text)


def quoted(text: str, language: str) -> str:
    if language != "fr" or text.startswith("«"):
        return text
    return f"«\u00a0{text}\u00a0»"
