"""Writing one transcript with its codings as a Word document, for a reader who only uses Word.

Each speaker turn is a paragraph: the label in bold, then the speech. Every coding is a Word
comment over the text it covers (its author is the coder, its text the code's path), and coded
text is highlighted, so the codes show in Word's margin and in its review pane.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.text.run import Run

from workbench.domain.documents import ParsedDocument, SpeakerRole
from workbench.export.word import WORD_LANGUAGES, set_language


@dataclass(frozen=True)
class CommentedSpan:
    start: int
    end: int
    coder: str
    comment: str


def transcript_docx(document: ParsedDocument, spans: list[CommentedSpan]) -> bytes:
    word = Document()
    language = (document.language or "fr").split("-")[0].lower()
    set_language(word, WORD_LANGUAGES.get(language, document.language))
    word.core_properties.title = document.title or document.identifier
    word.add_heading(document.title or document.identifier, level=0)
    boundaries = sorted({offset for span in spans for offset in (span.start, span.end)})
    runs: list[tuple[int, int, Run]] = []
    for turn in document.turns:
        paragraph = word.add_paragraph()
        label = paragraph.add_run(f"{turn.label} ")
        label.bold = True
        label.italic = turn.role is SpeakerRole.INTERVIEWER
        cuts = [turn.start, *(offset for offset in boundaries if turn.start < offset < turn.end), turn.end]
        for start, end in zip(cuts, cuts[1:], strict=False):
            run = paragraph.add_run(document.text[start:end])
            run.italic = turn.role is SpeakerRole.INTERVIEWER
            if any(span.start < end and start < span.end for span in spans):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            runs.append((start, end, run))
    for span in spans:
        covered = [run for start, end, run in runs if span.start < end and start < span.end]
        if covered:
            initials = "".join(part[0] for part in span.coder.replace("-", " ").split()).upper()[:3]
            word.add_comment([covered[0], covered[-1]], text=span.comment, author=span.coder, initials=initials)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
