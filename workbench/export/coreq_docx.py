"""Writing the COREQ checklist as a Word document, for a thesis's methods or appendix.

Landscape A4 pages: the title and the reference of the checklist, the methods paragraph with the
study's figures, then the checklist as one table (N°, item, question, answer) whose header row is
repeated on every page and whose rows are never split across pages. Each domain and sub-domain is
a merged, shaded row kept with the row under it. An answer the project computed ends with an
italic "(projet)" (see the legend above the table); an answer still missing reads "à compléter".
French documents get French typography (see :mod:`workbench.domain.typography`).
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row

from workbench.domain.coreq import DOMAINS, PROJECT, CoreqAnswer, CoreqItem, CoreqReport, checklist_language
from workbench.domain.language import _, use_language
from workbench.domain.typography import french_spacing
from workbench.export.word import WORD_LANGUAGES, set_language
from workbench.export.word_tables import TABLE_TEXT_SIZE, set_row_properties

PAGE_WIDTH, PAGE_HEIGHT = Cm(29.7), Cm(21.0)
MARGIN = Cm(1.8)
COLUMN_WIDTHS = (Cm(1.1), Cm(4.6), Cm(8.6), Cm(11.8))
"""N°, item, question, answer: together the width between the margins of a landscape A4 page."""
CELL_SPACING = Pt(1.5)
"""Above and below the text of a cell, so that it does not touch the rules."""
HEADER_SHADING = "D9D9D9"
DOMAIN_SHADING = "DCE6F2"
SUBDOMAIN_SHADING = "F2F2F2"
GREY = RGBColor(0x59, 0x59, 0x59)
TO_COMPLETE = RGBColor(0xC0, 0x00, 0x00)
REFERENCE = (
    "Tong A, Sainsbury P, Craig J. Consolidated criteria for reporting qualitative research (COREQ): "
    "a 32-item checklist for interviews and focus groups. Int J Qual Health Care. 2007;19(6):349-57."
)


def coreq_docx(report: CoreqReport) -> bytes:
    """The checklist in the report's language (French or English)."""
    language = checklist_language(report.language)
    document = Document()
    set_language(document, WORD_LANGUAGES[language])
    landscape(document)
    with use_language(language):
        title = _("COREQ checklist")
        document.core_properties.title = title
        document.add_heading(title, level=0)
        if report.title:
            document.add_paragraph(prose(report.title, language), style="Subtitle")
        reference = document.add_paragraph()
        reference.add_run(_("Reference: ")).italic = True
        reference.add_run(REFERENCE).italic = True
        document.add_heading(_("Methods paragraph"), level=1)
        document.add_paragraph(report.paragraph)
        heading = document.add_heading(_("COREQ criteria (32 items)"), level=1)
        heading.paragraph_format.keep_with_next = True
        legend = document.add_paragraph()
        legend.paragraph_format.keep_with_next = True
        legend_text = _(
            "(project): pre-filled by workbench from the project’s data; no mark: typed by the investigator "
            '(workbench coreq set N "TEXT"); to be completed: not answered yet.'
        )
        run = legend.add_run(prose(legend_text, language))
        run.italic, run.font.size, run.font.color.rgb = True, TABLE_TEXT_SIZE, GREY
        add_checklist(document, report.answers, language)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def landscape(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def prose(text: str, language: str) -> str:
    return french_spacing(text) if language == "fr" else text


def add_checklist(document: WordDocument, answers: list[CoreqAnswer], language: str) -> Table:
    by_number = {answer.number: answer for answer in answers}
    table = document.add_table(rows=1, cols=len(COLUMN_WIDTHS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout: the widths below, whatever the cells hold
    header = table.rows[0]
    set_row_properties(header, "w:cantSplit", "w:tblHeader")
    set_widths(header)
    for cell, title in zip(header.cells, (_("No."), _("Item"), _("Question"), _("Answer")), strict=True):
        run = cell.paragraphs[0].add_run(title)
        run.bold, run.font.size = True, TABLE_TEXT_SIZE
        shade(cell, HEADER_SHADING)
    for domain in DOMAINS:
        title = _("Domain {number}: {title}").format(number=domain.number, title=domain.title_in(language))
        add_heading_row(table, title, DOMAIN_SHADING, bold=True)
        for subdomain in domain.subdomains:
            add_heading_row(table, subdomain.title[language], SUBDOMAIN_SHADING, italic=True)
            for item in subdomain.items:
                add_item_row(table, item, by_number.get(item.number), language)
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
    for row in table.rows:
        for cell in dict.fromkeys(row.cells):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = CELL_SPACING
    return table


def add_heading_row(table: Table, text: str, shading: str, *, bold: bool = False, italic: bool = False) -> None:
    """A full-width row (its cells merged) kept on the page of the row after it."""
    row = table.add_row()
    set_row_properties(row, "w:cantSplit")
    merged = row.cells[0].merge(row.cells[-1])
    merged.width = sum(COLUMN_WIDTHS)
    paragraph = merged.paragraphs[0]
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, TABLE_TEXT_SIZE
    shade(merged, shading)


def add_item_row(table: Table, item: CoreqItem, answer: CoreqAnswer | None, language: str) -> None:
    row = table.add_row()
    set_row_properties(row, "w:cantSplit")
    set_widths(row)
    number, name, question, reply = row.cells
    number.paragraphs[0].add_run(str(item.number)).font.size = TABLE_TEXT_SIZE
    run = name.paragraphs[0].add_run(prose(item.name_in(language), language))
    run.bold, run.font.size = True, TABLE_TEXT_SIZE
    question.paragraphs[0].add_run(prose(item.question_in(language), language)).font.size = TABLE_TEXT_SIZE
    text = answer.answer if answer else ""
    if not text:
        run = reply.paragraphs[0].add_run(_("to be completed"))
        run.italic, run.font.size, run.font.color.rgb = True, TABLE_TEXT_SIZE, TO_COMPLETE
        return
    lines = prose(text, language).splitlines() or [""]
    paragraph = reply.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = reply.add_paragraph()
        paragraph.add_run(line).font.size = TABLE_TEXT_SIZE
    if answer is not None and answer.source == PROJECT:
        run = paragraph.add_run("\u00a0" + _("(project)"))
        run.italic, run.font.size, run.font.color.rgb = True, TABLE_TEXT_SIZE, GREY


def set_widths(row: _Row) -> None:
    for cell, width in zip(row.cells, COLUMN_WIDTHS, strict=True):
        cell.width = width


def shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
