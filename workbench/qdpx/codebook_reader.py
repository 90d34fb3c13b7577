"""Reading a REFI-QDA codebook exchange file (``.qdc``) into a :class:`Codebook`.

The XML is parsed with defusedxml and no DTD is allowed, so entities cannot expand nor reach
outside the file. A ``.qdc`` names no codebook: the file name (without suffix) is its name. Only
codes are read (GUID, name, colour, description — split back into description, when to use, when
not to use and example when written by workbench); sets and other elements are left out, with a
notice. Codes marked not codable (folders) are imported as codes, with a notice.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from workbench.domain.codebook import (
    DEFAULT_COLOUR,
    Codebook,
    CodeNode,
    check_colour,
    check_name,
    name_key,
    split_definition,
)
from workbench.domain.errors import InputError
from workbench.domain.language import _, counted, format_number
from workbench.domain.text import normalise_text
from workbench.importers.encoding import checked_size
from workbench.importers.limits import check_codebook_elements

NAMESPACE = "urn:QDA-XML:codebook:1.0"
GUID_PATTERN = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F-]{36}\}")
SHORT_COLOUR = re.compile(r"#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])")


def read_codebook_qdc(path: Path, *, language: str = "fr", strict: bool = False) -> Codebook:
    """Parse a ``.qdc``; ``language`` is the codebook's (the format does not say); ``strict``: see :class:`Reader`."""
    checked_size(path)
    try:
        root = SafeElementTree.fromstring(path.read_bytes(), forbid_dtd=True)
    except ParseError as error:
        line, column = error.position
        reason = ErrorString(error.code)
        raise InputError(_('line {line}, column {value}: not well-formed XML ({reason})').format(line=line, value=column + 1, reason=reason), path.name, _('check the file is a complete .qdc')) from None
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise InputError(_('the file declares a DTD or entities, which a codebook never needs'), path.name, _('refused for safety; export it again')) from None
    except (LookupError, ValueError) as error:  # an encoding declared that Python or expat cannot decode
        raise InputError(_('the XML cannot be decoded ({error})').format(error=error), path.name, _('export the codebook again, in UTF-8')) from None
    except OSError as error:
        raise InputError(_('cannot read the file ({strerror})').format(strerror=error.strerror), str(path), _('check the path')) from None
    check_depth(root, path.name)
    check_codebook_elements(root, path.name)
    return Reader(path.name, strict=strict).codebook(root, path.stem, language)


MAXIMUM_DEPTH = 64
"""Elements nested deeper are refused: codes are read recursively, so a deeper file would end in a
RecursionError."""


def check_depth(root: Element, where: str) -> None:
    pending = [(root, 1)]
    while pending:
        element, depth = pending.pop()
        if depth > MAXIMUM_DEPTH:
            raise InputError(_('elements nested more than {maximum_depth} deep').format(maximum_depth=MAXIMUM_DEPTH), where, _('refused for safety'))
        pending.extend((child, depth + 1) for child in element)


def folders_notice(where: str, folders: int) -> str:
    """The notice that ``folders`` codes were folders (not codable) in the program that wrote the file."""
    counted_folders = counted(folders, "{count} code is a folder (isCodable=false)", "{count} codes are folders (isCodable=false)")
    return _("{where}: {folders} there; here every code can be applied").format(where=where, folders=counted_folders)


class Reader:
    """Reads ``Code`` elements. Sibling codes whose names are the same here (:func:`name_key`: they
    differ only by case or spacing) are refused when ``strict``; else the second is renamed
    ``NAME (2)``, with a notice."""

    def __init__(self, source: str, *, strict: bool = False) -> None:
        self.source = source
        self.strict = strict
        self.renamed: list[str] = []
        self.ignored: Counter[str] = Counter()
        self.folders = 0
        self.guids: set[str] = set()

    def codebook(self, root: Element, name: str, language: str) -> Codebook:
        if local_name(root) != "CodeBook":
            raise InputError(_('the root element is {local_name!r}, not CodeBook').format(local_name=local_name(root)), self.source, _('give a REFI-QDA codebook (.qdc)'))
        codes: list[CodeNode] = []
        for child in root:
            if local_name(child) == "Codes":
                codes = self.codes(child, _("the top level"))
            else:
                self.ignored[local_name(child)] += 1
        if not codes:
            raise InputError(_('no codes in this codebook'), self.source, _('export the codebook with its codes'))
        notices = self.renamed + [
            _("{where}: left out {count} × {what}").format(where=self.source, count=format_number(count), what=_("{element} element (not used)").format(element=element))
            for element, count in sorted(self.ignored.items())
        ]
        if self.folders:
            notices.append(folders_notice(self.source, self.folders))
        codebook = Codebook(check_name(name, self.source), codes, language, self.source, notices=notices)
        codebook.renumber()
        return codebook

    def codes(self, parent: Element, where: str) -> list[CodeNode]:
        codes: list[CodeNode] = []
        seen: set[str] = set()
        for element in parent:
            if local_name(element) != "Code":
                if local_name(element) != "Description":
                    self.ignored[local_name(element)] += 1
                continue
            code = self.code(element, where)
            if name_key(code.name) in seen:
                if self.strict:
                    raise InputError(_('two codes named {name!r} under {where}').format(name=code.name, where=where), self.source, _('rename one of them in the source program'))
                given, number = code.name, 2
                while name_key(f"{given} ({number})") in seen:
                    number += 1
                code.name = f"{given} ({number})"
                self.renamed.append(
                    _("{where}: code {given!r} under {parent} is {name!r} here (a sibling has the same name but for case)").format(
                        where=self.source, given=given, parent=where, name=code.name
                    )
                )
            seen.add(name_key(code.name))
            codes.append(code)
        return codes

    def code(self, element: Element, where: str) -> CodeNode:
        name = element.get("name")
        if name is None:
            raise InputError(_('a code under {where} has no name attribute').format(where=where), self.source, _('every Code needs guid, name and isCodable'))
        name = check_name(normalise_text(name), _("{where}: a code under {parent}").format(where=self.source, parent=where))
        here = _("{where}: code {name!r}").format(where=self.source, name=name)
        for attribute in ("guid", "isCodable"):
            if element.get(attribute) is None:
                raise InputError(_('missing attribute {attribute}').format(attribute=attribute), here, _('every Code needs guid, name and isCodable'))
        guid = element.get("guid", "")
        if not GUID_PATTERN.fullmatch(guid.strip()):
            raise InputError(_('guid {guid!r} is not a GUID').format(guid=guid), here, _('GUIDs look like 5215cc69-b628-4e02-afb9-9beeaee55808'))
        if guid.strip().casefold() in self.guids:
            raise InputError(_('guid {guid!r} is given to two codes').format(guid=guid), here, _('each code needs its own GUID'))
        self.guids.add(guid.strip().casefold())
        if element.get("isCodable") not in ("true", "false", "1", "0"):
            raise InputError(_('isCodable is {get!r}').format(get=element.get('isCodable')), here, _('write true or false'))
        self.folders += element.get("isCodable") in ("false", "0")
        colour = (element.get("color") or DEFAULT_COLOUR).strip()
        if short := SHORT_COLOUR.fullmatch(colour):
            colour = "#" + "".join(digit * 2 for digit in short.groups())
        description = next((child.text or "" for child in element if local_name(child) == "Description"), "")
        return CodeNode(
            name=name,
            colour=check_colour(colour, here),
            guid=guid.strip(),
            children=self.codes(element, repr(name)),
            **split_definition(normalise_text(description)),
        )


def local_name(element: Element) -> str:
    """The tag without its namespace (files in the codebook namespace, or in none, are read alike)."""
    return element.tag.rsplit("}", 1)[-1]
