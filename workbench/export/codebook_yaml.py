"""Writing a codebook as YAML, in the schema of ``codebooks/README.md``.

Names, numbers, colours and the source are double-quoted on one line; the definition texts are
literal blocks, so that paragraphs read as they will print. The output is what the bundled
codebooks' builder writes, so a bundled codebook exported from a project matches its file.
"""

from __future__ import annotations

import yaml

from workbench.domain.codebook import DEFINITION_FIELDS, Codebook, CodeNode

HEADER = """\
# workbench codebook — schema: see codebooks/README.md
# Keys: name, language, source, codes. Each code: name (required), number (as printed; absent for
# unnumbered sub-categories), colour (#RRGGBB), description, children (codes). Optional: shortcut
# (one character), when_to_use, when_not_to_use, example. Exported by workbench: the numbers follow
# each code's place in the tree.
"""


class Quoted(str):
    """Text written double-quoted."""


class Block(str):
    """Text written as a literal block."""


class CodebookDumper(yaml.SafeDumper):
    def write_double_quoted(self, text: str, split: bool = True) -> None:
        super().write_double_quoted(text, split=False)  # keep long names on one line


CodebookDumper.add_representer(Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))
CodebookDumper.add_representer(Block, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|"))


def codebook_yaml(codebook: Codebook) -> bytes:
    document: dict[str, object] = {"name": Quoted(codebook.name), "language": codebook.language}
    if codebook.source:
        document["source"] = Quoted(codebook.source)
    document["codes"] = [code_entry(code) for code in codebook.codes]
    body = yaml.dump(document, Dumper=CodebookDumper, allow_unicode=True, sort_keys=False, width=100)
    return (HEADER + body).encode("utf-8")


def code_entry(code: CodeNode) -> dict[str, object]:
    """One code's mapping; optional keys are left out when empty."""
    entry: dict[str, object] = {"name": Quoted(code.name)}
    if code.number:
        entry["number"] = Quoted(code.number)
    entry["colour"] = Quoted(code.colour)
    if code.shortcut:
        entry["shortcut"] = Quoted(code.shortcut)
    for field in DEFINITION_FIELDS:
        if text := getattr(code, field):
            entry[field] = Block(text)
    if code.children:
        entry["children"] = [code_entry(child) for child in code.children]
    return entry
