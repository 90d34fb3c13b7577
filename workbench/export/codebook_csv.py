"""A codebook as a CSV table in Taguette's codebook columns, which a spreadsheet opens as it is.

The header (:data:`COLUMNS`) holds a format's field names, which Taguette requires: it stays in
English in every project's language (the definitions' labels follow the codebook's language).

One row per code, parents first: ``tag`` is the shortest end of the code's path that no other code
shares (its name alone, unless two codes have that name), ``description`` its whole definition (the
parts after the first under their labels), ``colour`` its ``#RRGGBB``, ``full path`` its path.
Paths are names joined by ``/``, a ``/`` inside a name written ``\\/``, as commands take them (a
``tag`` that is a name alone is written as it is), so a ``tag`` names the code in ``workbench`` too. Taguette reads ``tag`` and ``description`` and leaves
the other columns; its tags are flat and at most 200 characters, which full paths often exceed.

UTF-8 with a byte-order mark and CRLF line ends: without the mark, Excel reads the file as the
system's code page and Taguette guesses its encoding from the bytes (a short French codebook can be
taken for Latin-1); with it, both read UTF-8. A cell that a spreadsheet would take for a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from workbench.domain.codebook import Codebook, join_definition, join_path, name_key

COLUMNS = ("tag", "description", "colour", "full path")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"


def codebook_csv(codebook: Codebook) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    codes = list(codebook.walk())
    ends = Counter(end_key(path, length) for _, path in codes for length in range(1, len(path) + 1))
    for node, path in codes:
        length = next((length for length in range(1, len(path)) if ends[end_key(path, length)] == 1), len(path))
        definition = join_definition(node, codebook.language)
        tag = path[-1] if length == 1 else join_path(path[-length:])
        writer.writerow([plain_cell(tag), plain_cell(definition), node.colour, plain_cell(join_path(path))])
    return (BYTE_ORDER_MARK + buffer.getvalue()).encode("utf-8")


def end_key(path: tuple[str, ...], length: int) -> tuple[str, ...]:
    """The last ``length`` names of a path, compared as codes are found (:func:`name_key`)."""
    return tuple(map(name_key, path[-length:]))


def plain_cell(text: str) -> str:
    """``text``, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
