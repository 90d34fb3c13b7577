"""Writing a codebook as a REFI-QDA codebook exchange file (``.qdc``, Codebook.xsd 1.0).

Every code is codable. Its GUID is the one it was imported with, else one derived from the
codebook's name and the code's path (the same in every export). The definition is the code's
``Description``: the description, then the other parts under their labels.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import workbench
from workbench.domain.codebook import Codebook, CodeNode, derived_guid, join_definition

NAMESPACE = "urn:QDA-XML:codebook:1.0"


def codebook_qdc(codebook: Codebook) -> bytes:
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(tag("CodeBook"), origin=f"workbench {workbench.__version__}")
    codes = ElementTree.SubElement(root, tag("Codes"))
    for code in codebook.codes:
        codes.append(code_element(code, codebook, (code.name,)))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def code_element(
    code: CodeNode, codebook: Codebook, path: tuple[str, ...], namespace: str = NAMESPACE
) -> ElementTree.Element:
    """The ``Code`` element of ``code`` and its sub-codes, in ``namespace`` (a project file, ``.qde``,
    holds the same elements in its own namespace)."""
    element = ElementTree.Element(
        tag("Code", namespace),
        guid=code.guid or derived_guid(codebook.name, path),
        name=code.name,
        isCodable="true",
        color=code.colour,
    )
    if definition := join_definition(code, codebook.language):
        ElementTree.SubElement(element, tag("Description", namespace)).text = definition
    for child in code.children:
        element.append(code_element(child, codebook, (*path, child.name), namespace))
    return element


def tag(name: str, namespace: str = NAMESPACE) -> str:
    return f"{{{namespace}}}{name}"
