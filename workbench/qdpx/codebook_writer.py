"""Writing a codebook as a REFI-QDA codebook exchange file (``.qdc``, Codebook.xsd 1.0).

Every code is codable. Its GUID is the one it was imported with, else one derived from the
codebook's name and the code's path (the same in every export). The definition is the code's
``Description``: the description, then the other parts under their labels.

A code that an import renamed ``NAME (2)`` because a sibling had the same name but for case
(:class:`workbench.qdpx.codebook_reader.Reader`) is written with its name back: it came with a GUID,
and a sibling still has that name but for case. Other programs allow such siblings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter

import workbench
from workbench.domain.codebook import Codebook, CodeNode, derived_guid, join_definition, name_key

NAMESPACE = "urn:QDA-XML:codebook:1.0"
RENAMED = re.compile(r"(.+) \((\d+)\)")


def codebook_qdc(codebook: Codebook) -> bytes:
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(tag("CodeBook"), origin=f"workbench {workbench.__version__}")
    codes = ElementTree.SubElement(root, tag("Codes"))
    for code, name in zip(codebook.codes, exchanged_names(codebook.codes), strict=True):
        codes.append(code_element(code, codebook, (code.name,), name=name))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def exchanged_names(siblings: list[CodeNode]) -> list[str]:
    """The names sibling codes are written with (see the module's docstring)."""
    keys = Counter(name_key(node.name) for node in siblings)
    names = []
    for node in siblings:
        renamed = RENAMED.fullmatch(node.name)
        names.append(renamed.group(1) if node.guid and renamed and keys[name_key(renamed.group(1))] else node.name)
    return names


def code_element(
    code: CodeNode, codebook: Codebook, path: tuple[str, ...], namespace: str = NAMESPACE, *, name: str | None = None
) -> ElementTree.Element:
    """The ``Code`` element of ``code`` and its sub-codes, in ``namespace`` (a project file, ``.qde``,
    holds the same elements in its own namespace); ``name``: the one to write, if not the code's."""
    element = ElementTree.Element(
        tag("Code", namespace),
        guid=code.guid or derived_guid(codebook.name, path),
        name=name or code.name,
        isCodable="true",
        color=code.colour,
    )
    if definition := join_definition(code, codebook.language):
        ElementTree.SubElement(element, tag("Description", namespace)).text = definition
    for child, child_name in zip(code.children, exchanged_names(code.children), strict=True):
        element.append(code_element(child, codebook, (*path, child.name), namespace, name=child_name))
    return element


def tag(name: str, namespace: str = NAMESPACE) -> str:
    return f"{{{namespace}}}{name}"
