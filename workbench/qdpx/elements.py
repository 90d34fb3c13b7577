"""The XML layer of a ``.qdpx``: ``project.qde`` parsed with defusedxml (no DTD, no entities, no
deep nesting), and helpers to read its elements in any namespace."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.text import normalise_text
from workbench.importers.limits import check_codebook_elements
from workbench.qdpx.codebook_reader import GUID_PATTERN, check_depth, local_name
from workbench.qdpx.model import PROJECT_ENTRY


def parse_qde(data: bytes, where: str) -> Element:
    here = f"{where}: {PROJECT_ENTRY}"
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except ParseError as error:
        line, column = error.position
        raise InputError(_('line {line}, column {value}: not well-formed XML ({errorstring})').format(line=line, value=column + 1, errorstring=ErrorString(error.code)), here, _('export the project again')) from None
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise InputError(_('the XML declares a DTD or entities, which a project never needs'), here, _('refused for safety; export it again')) from None
    except (LookupError, ValueError) as error:  # an encoding declared that Python or expat cannot decode
        raise InputError(_('the XML cannot be decoded ({error})').format(error=error), here, _('export the project again, in UTF-8')) from None
    check_depth(root, here)
    check_codebook_elements(root, here)
    if local_name(root) != "Project":
        raise InputError(_('the root element is {local_name!r}, not Project').format(local_name=local_name(root)), here, _('give a project exported as REFI-QDA (.qdpx)'))
    return root


def children(element: Element | None, name: str | None = None) -> Iterator[Element]:
    """The element's children (named ``name``, if given), in any namespace."""
    return (child for child in ([] if element is None else element) if name is None or local_name(child) == name)


def description(element: Element) -> str:
    """The text of the element's ``Description``, if it has one."""
    return normalise_text(next((child.text or "" for child in children(element, "Description")), "")).strip()


def guid_key(value: str | None, where: str) -> str:
    """A GUID as compared here: lower case, without braces; :class:`InputError` unless one."""
    if value is None or not GUID_PATTERN.fullmatch(value.strip()):
        raise InputError(_('{value!r} is not a GUID').format(value=value), where, _('export the project again'))
    return value.strip().strip("{}").lower()

