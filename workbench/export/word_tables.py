"""Tables in Word: a grid whose header repeats on each page and whose rows never split, with its
columns shared out across the page by what their cells hold (python-docx leaves widths to Word)."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.shared import Emu, Pt
from docx.table import Table, _Row

TABLE_STYLE = "Table Grid"
TABLE_TEXT_SIZE = Pt(9)
WIDEST_CELL = 16
"""Characters beyond which a cell wraps rather than widening its column."""
CHARACTER_WIDTH = Pt(6)
"""About the widest a bold 9-point character runs in the fonts Word and LibreOffice pick."""
CELL_MARGINS = Pt(12)


def add_table(document: WordDocument, header: list[str], rows: list[list[str]]) -> None:
    """A grid with ``header`` in bold, repeated at the top of each page the table runs onto; no row
    is split across pages."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    header_row = table.rows[0]
    set_row_properties(header_row, "w:cantSplit", "w:tblHeader")
    for cell, text in zip(header_row.cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, TABLE_TEXT_SIZE
    for row in rows:
        table_row = table.add_row()
        set_row_properties(table_row, "w:cantSplit")
        for cell, text in zip(table_row.cells, row, strict=True):
            cell.paragraphs[0].add_run(text).font.size = TABLE_TEXT_SIZE
    fit_columns(document, table, [[title, *(row[index] for row in rows)] for index, title in enumerate(header)])


def set_row_properties(row: _Row, *names: str) -> None:
    """Switch on the row properties ``names``, given in the schema's order (python-docx has no API
    for them)."""
    properties = row._tr.get_or_add_trPr()
    for name in names:
        properties.append(OxmlElement(name))


def fit_columns(document: WordDocument, table: Table, columns: list[list[str]]) -> None:
    section = document.sections[-1]
    page = section.page_width - section.left_margin - section.right_margin
    for column, width in zip(table.columns, shared_widths(page, columns), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def shared_widths(page: int, columns: list[list[str]]) -> list[Emu]:
    """Each column (its header, then its cells) at least as wide as its header's longest word, so
    that no header breaks inside a word; the rest of the page goes to the columns whose cells ask for
    more (up to :data:`WIDEST_CELL` characters), in proportion to how much more."""
    least = [text_width(max(map(len, title.split()), default=0)) for title, *_ in columns]
    longest_cells = [min(max(map(len, cells), default=0), WIDEST_CELL) for _, *cells in columns]
    wanted = [max(low, text_width(characters)) for low, characters in zip(least, longest_cells, strict=True)]
    if sum(wanted) <= page:
        return [Emu(page * width // sum(wanted)) for width in wanted]
    if sum(least) >= page:
        return [Emu(page * width // sum(least)) for width in least]
    room, more = page - sum(least), [width - low for width, low in zip(wanted, least, strict=True)]
    return [Emu(low + room * extra // sum(more)) for low, extra in zip(least, more, strict=True)]


def text_width(characters: int) -> int:
    return characters * CHARACTER_WIDTH + CELL_MARGINS
