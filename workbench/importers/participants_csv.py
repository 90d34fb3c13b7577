"""Reading a participant table (one row per participant, typed attribute columns) from CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.domain.language import _, counted, format_number
from workbench.domain.participants import (
    AttributeType,
    Participant,
    check_identifier,
    infer_type,
    parse_value,
)
from workbench.importers.encoding import read_text
from workbench.importers.limits import TABLE_COLUMNS, TABLE_ROWS, check_count

IDENTIFIER_HEADERS = {"participant", "id"}
TYPE_NAMES = ", ".join(kind.value for kind in AttributeType)


@dataclass
class ParticipantTable:
    attributes: dict[str, AttributeType]
    """Column name → type, in column order (the id column left out)."""
    participants: list[Participant]
    notices: list[str] = field(default_factory=list)


@dataclass
class Column:
    """A header cell: the attribute name and the type forced by ``name:type``, if any."""

    name: str
    forced: AttributeType | None


def parse_participants_csv(path: Path) -> ParticipantTable:
    """Parse a ``,`` or ``;`` separated table whose first column is ``participant`` or ``id``.

    A header cell ``name:type`` forces the column's type; other columns get the
    narrowest type that reads all their values. Does not check that the
    participants exist in a project: the caller does. The header's columns are counted before
    any row is read, the rows before any value is typed.
    """
    where = path.name
    text, notices = read_text(path)
    header_text = next(line for line in text.split("\n") if line.strip())
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    header_cells = next(csv.reader([header_text], delimiter=delimiter), [])
    check_count(TABLE_COLUMNS, len(header_cells), where)
    rows = [
        (line_number, row)
        for line_number, row in read_rows(text, delimiter, where)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise InputError(_('no table: every cell is empty'), where, _('put the header (participant, then attribute names) on the first line'))
    check_count(TABLE_ROWS, len(rows) - 1, where)
    header_line, header = rows[0]
    columns = read_header(header, header_line, where)
    raw_rows = read_participant_rows(rows[1:], len(header), where)
    attributes: dict[str, AttributeType] = {}
    for index, column in enumerate(columns, start=1):
        values = [row[index] for _, _, row in raw_rows]
        attributes[column.name] = column.forced or infer_type(values)
    participants = []
    for line_number, identifier, row in raw_rows:
        typed = {}
        for index, column in enumerate(columns, start=1):
            kind = attributes[column.name]
            try:
                typed[column.name] = parse_value(row[index], kind)
            except ValueError:
                cell = _("line {line_number}, column {column!r}").format(line_number=line_number, column=column.name)
                raise InputError(
                    _('{cell}: {strip!r} does not read as {value}').format(cell=cell, strip=row[index].strip(), value=kind.value),
                    where,
                    _('fix the value or change the type in the header'),
                ) from None
        participants.append(Participant(identifier, typed))
    return ParticipantTable(attributes, participants, notices)


def read_rows(text: str, delimiter: str, where: str = "") -> list[tuple[int, list[str]]]:
    """Rows with the line number they start on (a quoted cell may span lines)."""
    reader = csv.reader(text.split("\n"), delimiter=delimiter)
    rows = []
    next_line = 1
    try:
        for row in reader:
            rows.append((next_line, row))
            next_line = reader.line_num + 1
    except csv.Error as error:  # a cell over the field size limit, a NUL character
        raise InputError(_('line {next_line}: not a readable table ({error})').format(next_line=next_line, error=error), where, _('check the quotes and separators from that line on')) from None
    return rows


def read_header(header: list[str], line_number: int, where: str) -> list[Column]:
    first = header[0].strip()
    if first.lower() not in IDENTIFIER_HEADERS:
        raise InputError(
            _("line {line_number}: the first column must be 'participant' or 'id', not {first!r}").format(line_number=line_number, first=first),
            where,
            _('put the participant ids (MG1, MG2…) in the first column, headed participant'),
        )
    columns: list[Column] = []
    for position, cell in enumerate(header[1:], start=2):
        name, type_name = cell.rsplit(":", 1) if ":" in cell else (cell, "")
        name, type_name = name.strip(), type_name.strip()
        forced = None
        if type_name:
            try:
                forced = AttributeType(type_name.lower())
            except ValueError:
                raise InputError(
                    _('line {line_number}, column {position}: unknown type {type_name!r}').format(line_number=line_number, position=position, type_name=type_name),
                    where,
                    _("use one of {type_names}, or no ':' in column names").format(type_names=TYPE_NAMES),
                ) from None
        if not name:
            raise InputError(
                _('line {line_number}, column {position}: empty column name').format(line_number=line_number, position=position),
                where,
                _('name every column'),
            )
        if any(column.name.lower() == name.lower() for column in columns):
            raise InputError(
                _('line {line_number}: column {name!r} appears twice').format(line_number=line_number, name=name),
                where,
                _('give each column its own name'),
            )
        columns.append(Column(name, forced))
    return columns


def read_participant_rows(
    rows: list[tuple[int, list[str]]], width: int, where: str
) -> list[tuple[int, str, list[str]]]:
    """Check each row's width and id; return ``(line, id, cells)``."""
    seen: dict[str, int] = {}
    checked = []
    for line_number, row in rows:
        if len(row) != width:
            raise InputError(
                _("line {line_number} has {cells}, the header has {width}").format(
                    line_number=line_number, cells=counted(len(row), "{count} cell", "{count} cells"), width=format_number(width)
                ),
                where,
                _('check the separators and quotes on that line'),
            )
        if not row[0].strip():
            raise InputError(
                _('line {line_number}: empty participant id').format(line_number=line_number), where, _('fill in the first column')
            )
        identifier = check_identifier(row[0], _("{where}, line {line_number}").format(where=where, line_number=line_number))
        if identifier in seen:
            raise InputError(
                _('line {line_number}: participant {identifier!r} already on line {seen}').format(line_number=line_number, identifier=identifier, seen=seen[identifier]),
                where,
                _('keep one row per participant'),
            )
        seen[identifier] = line_number
        checked.append((line_number, identifier, row))
    return checked
