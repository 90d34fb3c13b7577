"""Reading a YAML codebook (schema: ``codebooks/README.md``) into a :class:`Codebook`.

The file is composed into YAML nodes first, so that every problem is reported with its line:
``file.yaml: line 12: code without a name — …``. Aliases are refused (no billion laughs), and
the limits of :mod:`workbench.importers.limits` are checked as the nodes are composed, so that a
file of a million codes stops at the first code over the limit. The
numbers written in the file (``number: "I."``) are read for the numbering scheme they follow;
the codebook keeps the scheme, and numbers stay derived from each code's place in the tree.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from workbench.domain.codebook import (
    Codebook,
    CodeNode,
    CodeTree,
    check_colour,
    check_name,
    check_shortcut,
    name_key,
    outline_tree,
)
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted, format_number
from workbench.domain.numbering import NumberingScheme, NumberStyle
from workbench.domain.text import normalise_text
from workbench.importers.encoding import checked_size
from workbench.importers.limits import CHILDREN_PER_CODE, CODES_PER_CODEBOOK, NAME_LENGTH, check_count, check_lines, over

TOP_KEYS = {"name": True, "language": True, "source": False, "codes": True}
"""Top-level keys, and whether each is required."""
CODE_KEYS = {"name": True, "number": False, "colour": True, "description": False, "children": False,
             "shortcut": False, "when_to_use": False, "when_not_to_use": False, "example": False}  # fmt: skip
SYNTAX_HINT = N_("check the indentation and quote texts holding « : » or « # »")
TOP_LEVEL_PATTERNS = {
    NumberStyle.ROMAN: r"(.*?)([IVXLCDM]+)\.", NumberStyle.LETTER: r"(.*?)([A-Z])\.",
    NumberStyle.LOWER_LETTER: r"(.*?)([a-z])\.", NumberStyle.ARABIC: r"(.*?)(\d+)\.", NumberStyle.DECIMAL: r"(.*?)(\d+)",
}  # fmt: skip


MAXIMUM_DEPTH = 64
"""Lists and mappings nested deeper are refused (each code level takes two: its mapping and its
``children`` list); composing is recursive, so a deeper file would end in a RecursionError."""


class CodebookLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, which could make a small file expand without end,
    nesting deeper than :data:`MAXIMUM_DEPTH`, more mappings than a codebook may have codes
    (each code is one; the codebook itself one more) and longer lists than a code may have
    children."""

    depth = 0
    mappings = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line + 1
            raise InputError(_('line {line}: aliases (*name) are not allowed in a codebook').format(line=line), self.name, _('write the text out'))
        if self.depth >= MAXIMUM_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise InputError(_('line {line}: lists or mappings nested more than {maximum_depth} deep').format(line=line, maximum_depth=MAXIMUM_DEPTH), self.name, _('refused for safety'))
        if isinstance(index, int) and index >= CHILDREN_PER_CODE.value:
            raise over(CHILDREN_PER_CODE, self.name, self.peek_event().start_mark.line + 1)
        if self.check_event(yaml.MappingStartEvent):
            self.mappings += 1
            check_count(CODES_PER_CODEBOOK, self.mappings - 1, self.name, self.peek_event().start_mark.line + 1)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def read_codebook_yaml(path: Path) -> Codebook:
    checked_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_('not UTF-8 text'), path.name, _('save the codebook as UTF-8')) from None
    except OSError as error:
        raise InputError(_('cannot read the file ({strerror})').format(strerror=error.strerror), str(path), _('check the path')) from None
    return parse_codebook_yaml(text, path.name)


def parse_codebook_yaml(text: str, source: str) -> Codebook:
    """Parse and check a YAML codebook; ``source`` names the file in messages."""
    text = normalise_text(text)
    check_lines(text, source)
    try:
        loader = CodebookLoader(text)
    except yaml.reader.ReaderError as error:  # a control character: checked before anything is parsed
        line = text.count("\n", 0, error.position) + 1
        raise InputError(_('line {line}: control character U+{character:04X} is not allowed in YAML').format(line=line, character=error.character), source, _('remove it; save the codebook as plain UTF-8 text')) from None
    loader.name = source
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(_('line {value}: {value2}').format(value=mark.line + 1, value2=error.problem or error.context), source, _(SYNTAX_HINT)) from None
    except yaml.YAMLError as error:
        raise InputError(_('not valid YAML ({join})').format(join=' '.join(str(error).split())), source, _(SYNTAX_HINT)) from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(_('the file is empty'), source, _('see codebooks/README.md for the schema'))
    return Reader(source).codebook(root)


class Reader:
    """Turns the composed nodes into a :class:`Codebook`, naming the line of each problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.shortcuts: dict[str, str] = {}
        self.lines: dict[int, int] = {}
        """The line of each code, by ``id(node)``."""

    def where(self, node: Node) -> str:
        return _("{where}: line {line}").format(where=self.source, line=format_number(node.start_mark.line + 1))

    def fail(self, node: Node, what: str, hint: str = "") -> InputError:
        return InputError(what, self.where(node), hint)

    def codebook(self, root: Node) -> Codebook:
        items = self.mapping(root, TOP_KEYS, N_("the codebook"))
        name = self.text(items, "name")
        codes = self.codes(items["codes"][1], _("the top level"))
        language = self.text(items, "language").strip()
        if not language:
            raise self.fail(items["language"][1], _("the codebook's language is empty"), _('write the language code, e.g. language: fr'))
        codebook = Codebook(
            name=check_name(name, self.where(items["name"][1])),
            codes=codes,
            language=language,
            source=self.text(items, "source").strip(),
        )
        self.number(codebook)
        return codebook

    def mapping(self, node: Node, keys: dict[str, bool], what: str) -> dict[str, tuple[Node, Node]]:
        """The key and value nodes of a mapping, checked against ``keys``."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, _('{what} should be a mapping of keys (name: …)').format(what=_(what)), _(SYNTAX_HINT))
        items: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else ""
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                hint = _("did you mean {key!r}?").format(key=close[0]) if close else _("the keys are {keys}").format(keys=", ".join(keys))
                raise self.fail(key_node, _('unknown key {key!r} in {what}').format(key=key, what=_(what)), hint)
            if key in items:
                raise self.fail(key_node, _('key {key!r} given twice in {what}').format(key=key, what=_(what)), _('keep one'))
            items[key] = (key_node, value_node)
        for key, required in keys.items():
            if required and key not in items:
                missing = _("code without a name") if what == "code" and key == "name" else _("{what} has no {key}").format(what=_(what), key=key)
                raise self.fail(node, missing, _('add {key}: …').format(key=key))
        return items

    def scalar(self, item: tuple[Node, Node] | None) -> str | None:
        """The text of a value as written; ``None`` when absent or empty."""
        if item is None:
            return None
        value = item[1]
        if isinstance(value, ScalarNode):
            return None if value.tag == "tag:yaml.org,2002:null" else value.value
        raise self.fail(value, _('{value} should be text, not a {value2}').format(value=item[0].value, value2='list' if isinstance(value, SequenceNode) else 'mapping'))

    def text(self, items: dict[str, tuple[Node, Node]], key: str) -> str:
        return normalise_text(self.scalar(items.get(key)) or "")

    def codes(self, node: Node, parent: str) -> list[CodeNode]:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, SequenceNode):
            raise self.fail(node, _('the codes under {parent} should be a list (each code starting with - name: …)').format(parent=parent), _(SYNTAX_HINT))
        codes: list[CodeNode] = []
        seen: dict[str, str] = {}
        for entry in node.value:
            code = self.code(entry)
            if name_key(code.name) in seen:
                raise self.fail(entry, _('two codes named {name!r} under {parent}').format(name=code.name, parent=parent), _('rename one, or merge them'))
            seen[name_key(code.name)] = code.name
            codes.append(code)
        return codes

    def code(self, node: Node) -> CodeNode:
        items = self.mapping(node, CODE_KEYS, N_("code"))
        where = self.where(node)
        name = check_name(self.text(items, "name"), where)
        check_count(NAME_LENGTH, len(name), where)
        colour = self.scalar(items["colour"])
        if colour is None:
            raise self.fail(items["colour"][1], _('colour is empty'), _('quote it: colour: "#4E79A7" (unquoted, # starts a comment)'))
        shortcut = check_shortcut(self.scalar(items.get("shortcut")), where)
        if shortcut in self.shortcuts:
            raise self.fail(items["shortcut"][1], _("shortcut {shortcut!r} is already {shortcuts!r}'s").format(shortcut=shortcut, shortcuts=self.shortcuts[shortcut]), _('choose another key'))
        if shortcut:
            self.shortcuts[shortcut] = name
        code = CodeNode(
            name=name,
            colour=check_colour(colour, self.where(items["colour"][1])),
            number=(self.scalar(items.get("number")) or "").strip(),
            description=self.text(items, "description").strip(),
            when_to_use=self.text(items, "when_to_use").strip(),
            when_not_to_use=self.text(items, "when_not_to_use").strip(),
            example=self.text(items, "example").strip(),
            shortcut=shortcut,
        )
        self.lines[id(code)] = node.start_mark.line + 1
        code.children = self.codes(items["children"][1], repr(name)) if "children" in items else []
        return code

    def number(self, codebook: Codebook) -> None:
        """Find the scheme the written numbers follow; each code's number becomes the derived one."""
        tree, nodes = outline_tree(codebook.codes)
        written = {code_id: node.number for code_id, node in nodes.items()}
        if any(written.values()):
            codebook.numbering, codebook.notices = infer_scheme(tree, written)
            for parent_id, node in nodes.items():
                children = tree.children(parent_id)
                numbered_level = tree.depth(parent_id) < len(codebook.numbering.styles)
                node.bulleted_children = bool(children and numbered_level and written[parent_id]) and not any(
                    written[child.id] for child in children
                )
        differences = [
            _("line {line}: {number!r} is shown as {shown!r}").format(line=self.lines[id(node)], number=number, shown=node.number or _("a bullet"))
            for node, number in codebook.renumber()
            if number
        ]
        if differences:
            codebook.notices.append(
                _("{source}: {differences} ({examples}{more}); workbench numbers codes by their place").format(
                    source=self.source,
                    differences=counted(len(differences), "{count} number differs from its place in the tree", "{count} numbers differ from their place in the tree"),
                    examples="; ".join(differences[:3]),
                    more="…" if len(differences) > 3 else "",
                )
            )


def infer_scheme(tree: CodeTree, written: dict[int, str]) -> tuple[NumberingScheme, list[str]]:
    """The styles of the numbered levels, read from the first numbered code of each depth."""
    styles: list[NumberStyle] = []
    start, prefix = 1, ""
    while True:
        depth = len(styles) + 1
        first = next((code for code in tree.walk() if tree.depth(code.id) == depth and written[code.id]), None)
        if first is None:
            break
        index = tree.children(first.parent).index(first) + 1
        if depth == 1:
            found = top_level_style(written[first.id], index)
            if found is None:
                break
            style, start, prefix = found
        else:
            parent_number = written[first.parent]
            style = next((style for style in NumberStyle if style.format(index, parent_number, "") == written[first.id]), None)
            if style is None:
                break
        styles.append(style)
    if styles:
        return NumberingScheme(tuple(styles), start, prefix), []
    example = next(number for number in written.values() if number)
    return NumberingScheme((), start, prefix), [_("numbers such as {example!r} follow no known scheme (I., A., a., 1., 1.1): codes are shown as bullets").format(example=example)]


def top_level_style(number: str, index: int) -> tuple[NumberStyle, int, str] | None:
    """The style, start and prefix that give ``number`` to the ``index``-th top-level code (start 1 preferred)."""
    found = []
    for style, pattern in TOP_LEVEL_PATTERNS.items():
        match = re.fullmatch(pattern, number)
        if match is not None:
            prefix, digits = match.groups()
            start = number_value(style, digits) - index + 1
            if start >= 1 and style.format(index + start - 1, "", prefix) == number:
                found.append((start != 1, style, start, prefix))
    return min(found, key=lambda candidate: candidate[0])[1:] if found else None


def number_value(style: NumberStyle, digits: str) -> int:
    """The value of a number's digits: ``IV`` → 4, ``C`` → 3 (a letter), ``12`` → 12."""
    if style is NumberStyle.ROMAN:
        values = [{"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}[digit] for digit in digits]
        return sum(-value if value < after else value for value, after in zip(values, values[1:] + [0], strict=True))
    if style in (NumberStyle.LETTER, NumberStyle.LOWER_LETTER):
        value = 0
        for letter in digits.upper():
            value = value * 26 + ord(letter) - ord("A") + 1
        return value
    return int(digits)
