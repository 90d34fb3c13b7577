"""Codebooks: the code tree, its validation rules and its thesis-style numbering.

Two shapes of the same thing: :class:`Code` rows with ids (as the project stores them), gathered
in a :class:`CodeTree`; and the nested :class:`Codebook` of :class:`CodeNode` that codebook files
are read into and written from. Codes are addressed by id or by path (names joined by ``/``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TypedDict

from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import _
from workbench.domain.numbering import FRENCH_THESIS, NumberingScheme
from workbench.domain.terminal_text import ANY_CONTROL, shown_character, visible

DEFAULT_COLOUR = "#4E79A7"
CODEBOOK_SUFFIXES = (".yaml", ".yml", ".qdc")
COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
PATH_SEPARATOR = "/"
ESCAPED_SEPARATOR = "\\/"
"""A ``/`` inside a code's name, in a path (``Téléphone \\/ agenda``)."""
UNESCAPED_SEPARATOR = re.compile(r"(?<!\\)/")
GUID_NAMESPACE = uuid.UUID("5b1f0f5e-2f52-4c55-9d0b-6c0de7b00c4b")
"""Namespace of the GUIDs derived for REFI-QDA exports (any fixed value keeps them stable)."""

DEFINITION_LABELS = {
    "fr": {"when_to_use": "Quand l’utiliser\u00a0:", "when_not_to_use": "Quand ne pas l’utiliser\u00a0:", "example": "Exemple\u00a0:"},
    "en": {"when_to_use": "When to use:", "when_not_to_use": "When not to use:", "example": "Example:"},
}
"""How exports label the parts of a code's definition, by language (French typography in ``fr``)."""


DEFINITION_FIELDS = ("description", "when_to_use", "when_not_to_use", "example")


def is_codebook_file(path: PurePath) -> bool:
    return path.suffix.lower() in CODEBOOK_SUFFIXES


def definition_labels(language: str) -> dict[str, str]:
    return DEFINITION_LABELS.get(language.split("-")[0].lower(), DEFINITION_LABELS["en"])


def join_definition(code: CodeNode, language: str) -> str:
    """A code's definition as one text (for formats with a single description): the description,
    then each other part under its label on a line of its own."""
    labels = definition_labels(language)
    parts = [code.description] if code.description else []
    parts += [f"{labels[field]}\n{getattr(code, field)}" for field in DEFINITION_FIELDS[1:] if getattr(code, field)]
    return "\n\n".join(parts)


class Definition(TypedDict):
    """A code's definition in its four parts (the :data:`DEFINITION_FIELDS`)."""

    description: str
    when_to_use: str
    when_not_to_use: str
    example: str


def split_definition(text: str) -> Definition:
    """The parts of a text written by :func:`join_definition` (labels in any language)."""
    fields = {label_key(label): field for labels in DEFINITION_LABELS.values() for field, label in labels.items()}
    parts: dict[str, list[str]] = {field: [] for field in DEFINITION_FIELDS}
    current = "description"
    for line in text.split("\n"):
        if label_key(line) in fields:
            current = fields[label_key(line)]
        else:
            parts[current].append(line)
    joined = {field: "\n".join(lines).strip() for field, lines in parts.items()}
    return Definition(
        description=joined["description"],
        when_to_use=joined["when_to_use"],
        when_not_to_use=joined["when_not_to_use"],
        example=joined["example"],
    )


def label_key(line: str) -> str:
    return " ".join(line.replace("\u202f", " ").replace("\u00a0", " ").replace(" :", ":").casefold().split())


def check_colour(value: str, where: str = "") -> str:
    """``value`` as ``#RRGGBB`` in capitals; :class:`InputError` unless it is one."""
    if not isinstance(value, str) or not COLOUR_PATTERN.fullmatch(value.strip()):
        raise InputError(_('colour {value!r} is not #RRGGBB').format(value=value), where, _('write six hex digits, e.g. "#4E79A7" (quoted in YAML)'))
    return value.strip().upper()


def check_name(value: str, where: str = "") -> str:
    """A code's or codebook's name with its spaces collapsed; :class:`InputError` if empty or if
    it holds a control character or a bidi control (a name is shown on terminals and in Word)."""
    name = " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else ""
    if not name:
        raise InputError(_('code without a name'), where, _('give every code a name'))
    control = ANY_CONTROL.search(name)
    if control:
        raise InputError(
            _('the name {visible!r} holds an invisible control character ({shown_character})').format(visible=visible(name), shown_character=shown_character(control.group())), where, _('remove it from the name')
        )
    return name


def check_shortcut(value: str | None, where: str = "") -> str | None:
    """One key (a character that is not a space), or ``None``."""
    if value is None or value == "":
        return None
    if len(value) != 1 or value.isspace():
        raise InputError(_('shortcut {value!r} is not one key').format(value=value), where, _('give a single character, e.g. a or 1'))
    return value


def name_key(name: str) -> str:
    """What makes two names the same: case, accents composition and spacing aside."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Code:
    """A code as the project stores it: ``position`` counts from 1 among its siblings."""

    id: int
    codebook: int
    parent: int | None
    position: int
    name: str
    colour: str = DEFAULT_COLOUR
    description: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    shortcut: str | None = None


class CodeTree:
    """The codes of one codebook as a tree; raises :class:`InputError` on a cycle or a lost parent."""

    def __init__(self, codes: Iterable[Code]) -> None:
        self.codes = {code.id: code for code in codes}
        self._children: dict[int | None, list[Code]] = {}
        for code in sorted(self.codes.values(), key=lambda code: (code.position, code.id)):
            if code.parent is not None and code.parent not in self.codes:
                raise InputError(_('code {name!r} has a parent ({parent}) outside its codebook').format(name=code.name, parent=code.parent))
            self._children.setdefault(code.parent, []).append(code)
        reached = sum(1 for _ in self.walk())
        if reached != len(self.codes):
            looped = sorted(set(self.codes) - {code.id for code in self.walk()})
            raise InputError(_('codes {looped} are their own ancestors (a cycle)').format(looped=looped), hint=_('re-parent one of them'))

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.codes

    @property
    def roots(self) -> list[Code]:
        return self.children(None)

    def children(self, code_id: int | None) -> list[Code]:
        return list(self._children.get(code_id, []))

    def ancestors(self, code_id: int) -> list[Code]:
        """The code's ancestors, the root first."""
        line: list[Code] = []
        parent = self.codes[code_id].parent
        while parent is not None:
            line.append(self.codes[parent])
            parent = self.codes[parent].parent
        return line[::-1]

    def depth(self, code_id: int) -> int:
        """1 for a top-level code (a theme), 2 for its children…"""
        return len(self.ancestors(code_id)) + 1

    def path(self, code_id: int) -> tuple[str, ...]:
        return tuple(code.name for code in [*self.ancestors(code_id), self.codes[code_id]])

    def path_text(self, code_id: int) -> str:
        """The code's path as commands take it: names joined by ``/``, a ``/`` inside a name written ``\\/``."""
        return join_path(self.path(code_id))

    def ancestor(self, code_id: int, depth: int) -> Code:
        """The code's ancestor at ``depth`` (the code itself at its own depth)."""
        line = [*self.ancestors(code_id), self.codes[code_id]]
        if not 1 <= depth <= len(line):
            raise InputError(_('code {path_text!r} has no ancestor at depth {depth}').format(path_text=self.path_text(code_id), depth=depth))
        return line[depth - 1]

    def walk(self, start: int | None = None) -> Iterator[Code]:
        """The codes under ``start`` (default: all), in pre-order, ``start`` itself excluded."""
        for child in self._children.get(start, []):
            yield child
            yield from self.walk(child.id)

    def is_within(self, code_id: int, ancestor_id: int) -> bool:
        """Whether ``code_id`` is ``ancestor_id`` or one of its descendants."""
        return code_id == ancestor_id or any(code.id == ancestor_id for code in self.ancestors(code_id))

    def sibling_named(self, parent: int | None, name: str, other_than: int | None = None) -> Code | None:
        key = name_key(name)
        return next(
            (code for code in self._children.get(parent, []) if name_key(code.name) == key and code.id != other_than),
            None,
        )

    def find(self, reference: str | int) -> Code:
        """The code with this id, full path, or unique name or end of path."""
        if isinstance(reference, int) or reference.strip().isdigit():
            code = self.codes.get(int(reference))
            if code is None:
                raise NotFoundError(_('no code with id {reference} in this codebook').format(reference=reference), hint=_('see `workbench codes`'))
            return code
        ends = self.matching(split_path(reference), lambda path: path) or self.matching(
            [reference.replace(ESCAPED_SEPARATOR, PATH_SEPARATOR)], flattened
        )  # a "/" inside a name may also be given without its escape
        if len(ends) == 1:
            return self.codes[ends[0]]
        if ends:
            shown = "; ".join(self.path_text(code_id) for code_id in ends[:3])
            raise NotFoundError(_('{count} codes match {reference!r}: {shown}').format(count=len(ends), reference=reference, shown=shown), hint=_('give the full path (names joined by /) or the id'))
        names = {code.name for code in self.codes.values() if name_key(code.name) != name_key(reference)}
        close = difflib.get_close_matches(reference, sorted(names), n=1)
        hint = f"did you mean {close[0]!r}? see `workbench codes`" if close else "see `workbench codes`"
        raise NotFoundError(_('no code {reference!r} in this codebook').format(reference=reference), hint=hint)

    def matching(self, parts: list[str], shape: Callable[[tuple[str, ...]], tuple[str, ...]]) -> list[int]:
        """The codes whose path is ``parts``, else those whose path ends with them; paths are
        compared ``shape``-d, names by :func:`name_key`."""
        wanted = tuple(map(name_key, shape(tuple(parts))))
        keys = {code_id: tuple(map(name_key, shape(self.path(code_id)))) for code_id in self.codes}
        exact = [code_id for code_id, key in keys.items() if key == wanted]
        return exact or [code_id for code_id, key in keys.items() if len(key) > len(wanted) and key[-len(wanted):] == wanted]

    def numbers(self, scheme: NumberingScheme, bulleted: frozenset[int] = frozenset()) -> dict[int, str]:
        """Each code's number for display; ``""`` for a bullet. ``bulleted``: parents whose children are bullets."""
        numbers: dict[int, str] = {}

        def visit(parent: int | None, depth: int, parent_number: str) -> None:
            for index, code in enumerate(self._children.get(parent, []), start=1):
                bullet = parent in bulleted
                numbers[code.id] = "" if bullet else scheme.number(depth, index, parent_number)
                visit(code.id, depth + 1, numbers[code.id])

        visit(None, 1, "")
        return numbers


@dataclass
class CodeNode:
    """A code in a codebook file: ``number`` as printed (``""``: a bullet), children nested."""

    name: str
    colour: str = DEFAULT_COLOUR
    number: str = ""
    description: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    shortcut: str | None = None
    guid: str | None = None
    """The REFI-QDA GUID it came with, if any (exports derive the others)."""
    bulleted_children: bool = False
    """Its children are bullets although their level is numbered (000's II.C)."""
    children: list[CodeNode] = field(default_factory=list)


@dataclass
class Codebook:
    """A codebook read from, or to be written to, a file."""

    name: str
    codes: list[CodeNode]
    language: str = "fr"
    source: str = ""
    numbering: NumberingScheme = FRENCH_THESIS
    notices: list[str] = field(default_factory=list, compare=False)

    def renumber(self) -> list[tuple[CodeNode, str]]:
        """Give every code the number of its place in the tree; returns the codes whose number
        changed, each with the number it had."""
        tree, nodes = outline_tree(self.codes)
        bulleted = frozenset(code_id for code_id, node in nodes.items() if node.bulleted_children)
        changed = []
        for code_id, number in tree.numbers(self.numbering, bulleted).items():
            if nodes[code_id].number != number:
                changed.append((nodes[code_id], nodes[code_id].number))
                nodes[code_id].number = number
        return changed

    def walk(self) -> Iterator[tuple[CodeNode, tuple[str, ...]]]:
        """Every code with its path, in pre-order."""

        def visit(nodes: list[CodeNode], path: tuple[str, ...]) -> Iterator[tuple[CodeNode, tuple[str, ...]]]:
            for node in nodes:
                yield node, (*path, node.name)
                yield from visit(node.children, (*path, node.name))

        yield from visit(self.codes, ())


def join_path(names: Iterable[str]) -> str:
    """Names as one path: joined by ``/``, each ``/`` inside a name escaped (see :func:`split_path`)."""
    return PATH_SEPARATOR.join(name.replace(PATH_SEPARATOR, ESCAPED_SEPARATOR) for name in names)


def flattened(path: tuple[str, ...]) -> tuple[str, ...]:
    """A path with every ``/``, even inside a name, taken as a separator."""
    return tuple(part for name in path for part in name.split(PATH_SEPARATOR))


def split_path(reference: str) -> list[str]:
    """The names of a path written by :func:`join_path`: split at each ``/`` that is not ``\\/``."""
    return [part.replace(ESCAPED_SEPARATOR, PATH_SEPARATOR) for part in UNESCAPED_SEPARATOR.split(reference)]


def derived_guid(codebook: str, path: tuple[str, ...]) -> str:
    """The stable GUID of a code that came with none: from its codebook's name and its path."""
    return str(uuid.uuid5(GUID_NAMESPACE, PATH_SEPARATOR.join((codebook, *path))))


def outline_tree(nodes: list[CodeNode], codebook: int = 0) -> tuple[CodeTree, dict[int, CodeNode]]:
    """Nested codes as a :class:`CodeTree` with ids 1, 2… in pre-order, and each id's node."""
    codes: list[Code] = []
    by_id: dict[int, CodeNode] = {}

    def visit(children: list[CodeNode], parent: int | None) -> None:
        for position, node in enumerate(children, start=1):
            code_id = len(codes) + 1
            by_id[code_id] = node
            codes.append(
                Code(code_id, codebook, parent, position, node.name, node.colour, node.description,
                     node.when_to_use, node.when_not_to_use, node.example, node.shortcut)  # fmt: skip
            )
            visit(node.children, code_id)

    visit(nodes, None)
    return CodeTree(codes), by_id
