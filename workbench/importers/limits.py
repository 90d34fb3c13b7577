"""The sizes an import accepts, each generous for a real study (1,000 interviews, a survey of
10,000 answers, a codebook of a few thousand codes) and refused in one line naming it.

Each is checked before the costly work: codes and children are counted while the file is read,
before any code is built; a table's columns from its header, before its rows are read; a text's
characters as soon as it is decoded, before it is normalised or cut into turns. The size of the
file itself is :func:`workbench.importers.encoding.max_file_bytes` (``WORKBENCH_MAX_FILE_MB``).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, format_number


@dataclass(frozen=True)
class Limit:
    value: int
    what: str
    """What is counted, as the message names it: ``codes in a codebook`` (marked, translated where shown)."""
    hint: str


CODES_PER_CODEBOOK = Limit(10_000, N_("codes in a codebook"), N_("split it into several codebooks"))
CHILDREN_PER_CODE = Limit(1_000, N_("codes under one code or at the top level"), N_("group them under intermediate codes"))
NAME_LENGTH = Limit(500, N_("characters in a code name"), N_("shorten the name; put the rest in its description"))
TABLE_COLUMNS = Limit(1_000, N_("columns in a participant table"), N_("keep the attributes the analysis uses"))
TABLE_ROWS = Limit(100_000, N_("rows in a participant table"), N_("split the table"))
LINE_LENGTH = Limit(200_000, N_("characters in one line"), N_("check that the file has its line ends"))
DOCUMENT_CHARACTERS = Limit(5_000_000, N_("characters in one document"), N_("split it into several documents"))


def over(limit: Limit, where: str, line: int | None = None) -> InputError:
    """The refusal of something over ``limit``: ``file: line 3: more than 500 characters in a code
    name (the limit) — shorten …``."""
    message = _("more than {value} {what} (the limit)").format(value=format_number(limit.value), what=_(limit.what))
    if line is not None:
        message = _("line {line}: {message}").format(line=format_number(line), message=message)
    return InputError(message, where, _(limit.hint))


def check_count(limit: Limit, count: int, where: str, line: int | None = None) -> None:
    if count > limit.value:
        raise over(limit, where, line)


def check_text(text: str, where: str) -> None:
    """Refuse a document's text over :data:`DOCUMENT_CHARACTERS`, or with a line over
    :data:`LINE_LENGTH` (LF line ends), without copying it."""
    check_count(DOCUMENT_CHARACTERS, len(text), where)
    check_lines(text, where)


def check_lines(text: str, where: str) -> None:
    """Refuse a text with a line over :data:`LINE_LENGTH`, naming the first such line."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > LINE_LENGTH.value:
            raise over(LINE_LENGTH, where, number)
        start, number = end + 1, number + 1


def check_codebook_elements(root: Element, where: str) -> None:
    """Refuse a REFI-QDA codebook (a ``.qdc``, the ``CodeBook`` of a ``.qdpx``) with too many
    codes, a code with too many children or too long a name, before any code is built."""
    codes = 0
    for element in root.iter():
        kind = local_name(element)
        if kind not in ("Code", "Codes"):
            continue
        check_count(CHILDREN_PER_CODE, sum(1 for child in element if local_name(child) == "Code"), where)
        if kind == "Code":
            codes += 1
            check_count(CODES_PER_CODEBOOK, codes, where)
            check_count(NAME_LENGTH, len(element.get("name") or ""), where)


def local_name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
