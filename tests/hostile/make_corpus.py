"""Write the corpus of hostile and broken files that every importer must refuse.

Run ``python tests/hostile/make_corpus.py`` (from anywhere) to write the files into
``tests/hostile/files/``, or ``python tests/hostile/make_corpus.py FOLDER`` to write them
elsewhere. The output is deterministic: the same bytes on every run (zip entries carry a fixed
date, fixed attributes and a fixed compression level), so ``tests/test_hostile_corpus.py`` can
check that the committed files are exactly what this script writes.

``EXPECTED.tsv`` lists, one file a line: its name, the ``workbench`` arguments that import it
(``{path}`` stands for the file's path) and a fragment the one-line error must contain.

Limits that are not exercised here, and why:

* the size limit of imported files (``WORKBENCH_MAX_FILE_MB``, 50 MB by default): a file just over
  the default is too big to commit; the test lowers the limit instead
  (``test_files_over_the_size_limit_are_refused``);
* ``MAXIMUM_ENTRIES`` (10,000 zip entries) would need a ~0.9 MB file: the test builds that one in
  a temporary folder instead (``test_a_zip_with_too_many_entries_is_refused``);
* the limits of ``workbench/importers/limits.py`` that only a big file reaches (10,000 codes in a
  codebook, 100,000 rows of a table, 5 million characters in a document) and the oversize files of
  the hostile-input report (200,000 sibling codes, a 40 MB transcript or code name, a table of
  100,000 columns), and symbolic links named on the command line (a link is no file to commit):
  ``tests/test_import_limits.py`` builds them. The total-size
  limit (200 MB once uncompressed) *is* here, real but small: 201 entries of 1 MiB − 1 zeros,
  each just under the size from which the compression ratio is checked.
"""

from __future__ import annotations

import io
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "files"
EXPECTED = "EXPECTED.tsv"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MIB = 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Building blocks

QDE_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Étude hostile" origin="make_corpus">'
USER = "{7A1B2C3D-0000-4000-8000-000000000001}"
CODE = "{7A1B2C3D-0000-4000-8000-000000000010}"
UNKNOWN_CODE = "{7A1B2C3D-0000-4000-8000-0000000000FF}"
SOURCE_TEXT = "M : Bonjour, vous déléguez ?\nMG1 : Oui, l’assistante « fait » l’accueil.\n".encode()


def entry(name: str, *, mode: int = 0o100644, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A zip entry with fixed date and attributes (a Unix regular file unless ``mode`` says otherwise)."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3
    info.external_attr = mode << 16
    info.compress_type = compress
    return info


def zip_bytes(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    """A zip archive holding ``entries`` (name or ZipInfo, data), deflated at level 9."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = entry(name) if isinstance(name, str) else name
            archive.writestr(info, data, compress_type=info.compress_type, compresslevel=9)
    return buffer.getvalue()


def qde(sources: str = "") -> bytes:
    """A small valid ``project.qde``: one user, one code, the given sources."""
    return (
        f'{QDE_HEAD}<Users><User guid="{USER}" name="marie"/></Users>'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Organisation" isCodable="true" color="#AA0000"/></Codes></CodeBook>'
        f"<Sources>{sources}</Sources></Project>"
    ).encode()


def selection(start: int, end: int, code: str = CODE) -> str:
    return (
        f'<PlainTextSelection guid="{{7A1B2C3D-0000-4000-8000-000000000100}}" startPosition="{start}" endPosition="{end}" creatingUser="{USER}">'
        f'<Coding guid="{{7A1B2C3D-0000-4000-8000-000000000200}}" creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )


def text_source(selections: str = "", path: str = "internal://a.txt") -> str:
    return f'<TextSource guid="{{7A1B2C3D-0000-4000-8000-000000000040}}" name="MG1" plainTextPath="{path}">{selections}</TextSource>'


def qdpx(sources: str = "", text: bytes = SOURCE_TEXT, *extra: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    return zip_bytes([("project.qde", qde(sources)), ("sources/a.txt", text), *extra])


BILLION_LAUGHS_XML = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def billion_laughs(root: str) -> bytes:
    return BILLION_LAUGHS_XML.replace(b"lolz", root.encode()) + f'<{root} name="&lol9;"/>'.encode()


def external_entity(root: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        f'<{root} name="&secret;"/>'
    ).encode()


def deeply_nested_qde() -> bytes:
    return f"{QDE_HEAD}{'<Description>' * 100}x{'</Description>' * 100}</Project>".encode()


def patch_headers(data: bytes, name: str, local_offset: int, central_offset: int, value: bytes, *, bitwise_or: bool = False) -> bytes:
    """``data`` with the field at ``local_offset`` of entry ``name``'s local header and at
    ``central_offset`` of its central directory record replaced by ``value`` (or OR-ed with it):
    what zipfile will not write, as a hostile program would."""
    patched = bytearray(data)
    encoded = name.encode()
    for signature, offset, name_offset in ((b"PK\x03\x04", local_offset, 30), (b"PK\x01\x02", central_offset, 46)):
        start = patched.index(signature)
        while patched[start + name_offset : start + name_offset + len(encoded)] != encoded:
            start = patched.index(signature, start + 4)
        field = slice(start + offset, start + offset + len(value))
        patched[field] = bytes(a | b for a, b in zip(patched[field], value, strict=True)) if bitwise_or else value
    return bytes(patched)


def encrypted() -> bytes:
    """An archive whose source entry is marked encrypted (general purpose flag bit 0), set after
    zipfile wrote it (zipfile clears the flags); the data stays plain: it is refused unread."""
    data = zip_bytes([("project.qde", qde(text_source(selection(0, 3)))), (entry("sources/a.txt", compress=zipfile.ZIP_STORED), SOURCE_TEXT)])
    return patch_headers(data, "sources/a.txt", 6, 8, b"\x01\x00", bitwise_or=True)


def lying_size() -> bytes:
    """``project.qde`` followed by 4 MiB of spaces, but declared 60 bytes long once uncompressed
    (so the ratio check sees nothing): reading stops at 60 bytes, whose CRC does not match."""
    data = zip_bytes([("project.qde", qde() + b" " * (4 * MIB))])
    return patch_headers(data, "project.qde", 22, 24, (60).to_bytes(4, "little"))


def crc_corrupted() -> bytes:
    """A valid archive whose source text was changed after its CRC was written (stored, so the
    change is a plain byte flip)."""
    data = zip_bytes([("project.qde", qde(text_source(selection(0, 3)))), (entry("sources/a.txt", compress=zipfile.ZIP_STORED), SOURCE_TEXT)])
    offset = data.index(b"MG1 : Oui")
    return data[:offset] + b"XG1" + data[offset + 3 :]


def duplicate_entries() -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(buffer, "w") as archive:
            for data in (qde(), qde()):
                archive.writestr(entry("project.qde"), data, compresslevel=9)
    return buffer.getvalue()


def total_size_bomb() -> bytes:
    """201 entries of 1 MiB − 1 zeros: 201 MiB once uncompressed (over the 200 MiB limit), about
    1 KB each compressed; each stays under the size from which the ratio is checked."""
    zeros = bytes(MIB - 1)
    return zip_bytes([("project.qde", qde()), *((f"sources/{number:03d}.txt", zeros) for number in range(201))])


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
DOCUMENT_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>M : Bonjour.</w:t></w:r></w:p><w:p><w:r><w:t>MG1 : Bonjour.</w:t></w:r></w:p>"
    b"</w:body></w:document>"
)


def docx(*extra: tuple[str | zipfile.ZipInfo, bytes], document: bytes | None = DOCUMENT_XML) -> bytes:
    parts: list[tuple[str | zipfile.ZipInfo, bytes]] = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]
    if document is not None:
        parts.append(("word/document.xml", document))
    return zip_bytes([*parts, *extra])


def bad_utf8_name(data: bytes) -> bytes:
    """``data`` (a zip holding ``sources/é.txt``, a name zipfile marks UTF-8) with the name's
    first byte made invalid UTF-8, in the local header and the central directory."""
    name = "sources/é.txt".encode()
    assert data.count(name) == 2
    return data.replace(name, name.replace(b"\xc3", b"\xff"))


def deep_qdc() -> bytes:
    """A codebook of 100 codes, each inside the previous one."""
    codes = "".join(f'<Code guid="7A1B2C3D-0000-4000-8000-{number:012d}" name="c{number}" isCodable="true">' for number in range(100))
    return QDC_HEAD + f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}{"</Code>" * 100}</Codes></CodeBook>'.encode()


def deep_yaml() -> bytes:
    """A codebook of 100 codes, each a child of the previous one."""
    lines = ["name: Profond", "language: fr", "codes:"]
    for level in range(100):
        indent = "  " * (2 * level)
        lines += [f"{indent}- name: c{level}", f'{indent}  colour: "#4E79A7"', f"{indent}  children:"]
    return ("\n".join(lines) + " []\n").encode()


def doctype_docx(part: str) -> bytes:
    """A Word file whose ``part`` declares an entity that the text uses (python-docx would drop
    the text after it)."""
    declared = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe "accueil">]>\n'
    if part == "word/document.xml":
        return docx(document=DOCUMENT_XML.replace(DOCUMENT_XML.split(b"\n")[0] + b"\n", declared).replace(b"MG1 : Bonjour.", b"MG1 : l\xe2\x80\x99&xxe;."))
    return docx((part, declared + b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))


def missing_part_docx() -> bytes:
    """A Word file whose document names a styles part the archive does not hold (python-docx's
    KeyError: "There is no item named 'etc/passwd' in the archive")."""
    relations = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/etc/passwd"/>'
        b"</Relationships>"
    )
    return docx(("word/_rels/document.xml.rels", relations))


def sibling_codes_yaml(count: int, name: str = "code") -> bytes:
    codes = "".join(f'  - {{name: "{name} {number}", colour: "#4E79A7"}}\n' for number in range(count))
    return f"name: Frères\nlanguage: fr\ncodes:\n{codes}".encode()


def sibling_codes_qdc(count: int, name: str = "code") -> bytes:
    codes = "".join(f'<Code guid="7A1B2C3D-0000-4000-8000-{number:012d}" name="{name} {number}" isCodable="true"/>' for number in range(count))
    return QDC_HEAD + f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>'.encode()


LONG_NAME = "l’assistante « fait » tout " * 19
"""513 characters: over the 500 of a code name."""

QDC_HEAD = b'<?xml version="1.0" encoding="utf-8"?>\n'
YAML_CODE = 'name: Test\nlanguage: fr\ncodes:\n  - name: Organisation\n    colour: "#4E79A7"\n'

# ---------------------------------------------------------------------------------------------
# The corpus: name, bytes, workbench arguments, fragment of the one-line error.

IMPORT = "import {path}"
CORPUS: list[tuple[str, Callable[[], bytes], str, str]] = [
    # REFI-QDA projects (.qdpx): zip safety
    ("qdpx-not-a-zip.qdpx", lambda: b"plain text, not a zip archive\n", IMPORT, "not a zip archive"),
    ("qdpx-truncated.qdpx", lambda: qdpx(text_source(selection(0, 3)))[:200], IMPORT, "not a zip archive"),
    ("qdpx-path-traversal.qdpx", lambda: qdpx("", SOURCE_TEXT, ("../../evil.txt", b"x")), IMPORT, "path going up"),
    ("qdpx-path-traversal-backslash.qdpx", lambda: qdpx("", SOURCE_TEXT, ("sources\\..\\..\\evil.txt", b"x")), IMPORT, "path going up"),
    ("qdpx-absolute-path.qdpx", lambda: qdpx("", SOURCE_TEXT, ("/tmp/evil.txt", b"x")), IMPORT, "absolute path"),
    ("qdpx-windows-drive-path.qdpx", lambda: qdpx("", SOURCE_TEXT, ("C:/Windows/evil.txt", b"x")), IMPORT, "absolute path"),
    ("qdpx-symlink.qdpx", lambda: zip_bytes([("project.qde", qde()), (entry("sources/a.txt", mode=0o120777), b"/etc/passwd")]), IMPORT, "symbolic link"),
    ("qdpx-zip-bomb-ratio.qdpx", lambda: qdpx("", SOURCE_TEXT, ("sources/b.txt", bytes(4 * MIB))), IMPORT, "zip bomb"),
    ("qdpx-zip-bomb-total-size.qdpx", total_size_bomb, IMPORT, "MB once uncompressed"),
    ("qdpx-encrypted-entry.qdpx", encrypted, IMPORT, "encrypted entry"),
    ("qdpx-lying-size.qdpx", lying_size, IMPORT, "cannot be read (Bad CRC-32"),
    ("qdpx-duplicate-entry.qdpx", duplicate_entries, IMPORT, "two entries of this name"),
    ("qdpx-bad-crc.qdpx", crc_corrupted, IMPORT, "cannot be read"),
    ("qdpx-empty-entry-name.qdpx", lambda: qdpx("", SOURCE_TEXT, ("", b"x")), IMPORT, "an entry without a name"),
    ("qdpx-bad-utf8-entry-name.qdpx", lambda: bad_utf8_name(qdpx("", SOURCE_TEXT, ("sources/é.txt", b"x"))), IMPORT, "a damaged zip archive"),
    ("qdpx-shifted-offsets.qdpx", lambda: qdpx(text_source(selection(0, 3)))[1:], IMPORT, "cannot be read"),
    ("qdpx-no-project-qde.qdpx", lambda: zip_bytes([("readme.txt", b"nothing here")]), IMPORT, "no project.qde"),
    # REFI-QDA projects: XML
    ("qdpx-billion-laughs.qdpx", lambda: zip_bytes([("project.qde", billion_laughs("Project"))]), IMPORT, "DTD or entities"),
    ("qdpx-external-entity.qdpx", lambda: zip_bytes([("project.qde", external_entity("Project"))]), IMPORT, "DTD or entities"),
    ("qdpx-invalid-xml.qdpx", lambda: zip_bytes([("project.qde", qde()[:-20])]), IMPORT, "not well-formed XML"),
    ("qdpx-unknown-encoding.qdpx", lambda: zip_bytes([("project.qde", qde().replace(b'encoding="utf-8"', b'encoding="ttf-8"'))]), IMPORT, "the XML cannot be decoded"),
    ("qdpx-deep-nesting.qdpx", lambda: zip_bytes([("project.qde", deeply_nested_qde())]), IMPORT, "nested more than 64 deep"),
    # REFI-QDA projects: content
    ("qdpx-reversed-selection.qdpx", lambda: qdpx(text_source(selection(9, 3))), IMPORT, "reversed selection"),
    ("qdpx-selection-out-of-range.qdpx", lambda: qdpx(text_source(selection(3, 999))), IMPORT, "selection outside the text"),
    ("qdpx-negative-selection.qdpx", lambda: qdpx(text_source(selection(-5, 3))), IMPORT, "selection outside the text"),
    ("qdpx-unknown-code.qdpx", lambda: qdpx(text_source(selection(0, 3, UNKNOWN_CODE))), IMPORT, "is not a Code of the file"),
    ("qdpx-text-outside-archive.qdpx", lambda: qdpx(text_source("", "file:///etc/passwd")), IMPORT, "outside the file"),
    ("qdpx-entries-alike-but-case.qdpx", lambda: zip_bytes([("project.qde", qde(text_source("", "internal://DOC.txt"))), ("sources/Doc.txt", SOURCE_TEXT), ("sources/doc.txt", b"MG1 : autre texte.")]), IMPORT, "2 entries could be sources/DOC.txt"),
    ("qdpx-escape-in-code-name.qdpx", lambda: zip_bytes([("project.qde", qde().replace(b'name="Organisation"', b'name="Organisation &#x202e;noitasinagrO"')), ("sources/a.txt", SOURCE_TEXT)]), IMPORT, "holds an invisible control character (U+202E)"),
    ("qdpx-invalid-utf8-source.qdpx", lambda: qdpx(text_source(""), b"MG1 : caf\xe9 \xff\xfe"), IMPORT, "not UTF-8"),
    # Codebooks (.qdc)
    ("codebook-billion-laughs.qdc", lambda: billion_laughs("CodeBook"), IMPORT, "DTD or entities"),
    ("codebook-external-entity.qdc", lambda: external_entity("CodeBook"), IMPORT, "DTD or entities"),
    ("codebook-invalid-xml.qdc", lambda: QDC_HEAD + b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="A"', IMPORT, "not well-formed XML"),
    (
        "codebook-code-without-name.qdc",
        lambda: QDC_HEAD + f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{CODE[1:-1]}" isCodable="true"/></Codes></CodeBook>'.encode(),
        IMPORT,
        "has no name attribute",
    ),
    ("codebook-multibyte-encoding.qdc", lambda: b"<?xml version='1.0' encoding='utf-7'?>\n<CodeBook/>", IMPORT, "the XML cannot be decoded"),
    ("codebook-deep-nesting.qdc", deep_qdc, IMPORT, "nested more than 64 deep"),
    ("codebook-too-many-siblings.qdc", lambda: sibling_codes_qdc(1_001), IMPORT, "more than 1,000 codes under one code or at the top level (the limit)"),
    ("codebook-long-name.qdc", lambda: sibling_codes_qdc(1, LONG_NAME), IMPORT, "more than 500 characters in a code name (the limit)"),
    # Codebooks (.yaml)
    ("codebook-deep-nesting.yaml", deep_yaml, IMPORT, "nested more than 64 deep"),
    ("codebook-too-many-siblings.yaml", lambda: sibling_codes_yaml(1_001), IMPORT, "line 1,004: more than 1,000 codes under one code or at the top level (the limit)"),
    ("codebook-long-name.yaml", lambda: sibling_codes_yaml(1, LONG_NAME), IMPORT, "line 4: more than 500 characters in a code name (the limit)"),
    ("codebook-deep-flow-nesting.yaml", lambda: b"name: x\nlanguage: fr\ncodes: " + b"[" * 5000 + b"]" * 5000 + b"\n", IMPORT, "nested more than 64 deep"),
    ("codebook-control-character.yaml", lambda: (YAML_CODE + "    description: bip\x08\n").encode(), IMPORT, "line 6: control character U+0008 is not allowed in YAML"),
    (
        "codebook-alias-bomb.yaml",
        lambda: (
            "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8))
            + "name: Bombe\nlanguage: fr\ncodes: *i\n"
        ).encode(),
        IMPORT,
        "aliases (*name) are not allowed",
    ),
    ("codebook-escape-in-name.yaml", lambda: (YAML_CODE + '  - name: "Livre \\e]0;PWNED\\a"\n    colour: "#E15759"\n').encode(), IMPORT, "holds an invisible control character (␛)"),
    ("codebook-bad-indentation.yaml", lambda: (YAML_CODE + "      description: trop loin\n   - name: Autre\n").encode(), IMPORT, "line 6: expected <block end>"),
    ("codebook-tab.yaml", lambda: YAML_CODE.replace("    colour", "\tcolour").encode(), IMPORT, "line 5: found character"),
    ("codebook-invalid-utf8.yaml", lambda: YAML_CODE.encode() + b"    description: caf\xe9\n", IMPORT, "not UTF-8"),
    # Word transcripts (.docx)
    ("transcript-not-a-zip.docx", lambda: b"MG1 : I am plain text wearing a .docx suffix.\n", IMPORT, "not a zip archive"),
    ("transcript-no-document-xml.docx", lambda: docx(document=None), IMPORT, "no word/document.xml"),
    ("transcript-zip-bomb.docx", lambda: docx(("word/media/zeros.bin", bytes(4 * MIB))), IMPORT, "zip bomb"),
    ("transcript-path-traversal.docx", lambda: docx(("../../evil.xml", b"<x/>")), IMPORT, "path going up"),
    ("transcript-empty-entry-name.docx", lambda: docx(("", b"x")), IMPORT, "an entry without a name"),
    ("transcript-bad-utf8-entry-name.docx", lambda: bad_utf8_name(docx(("sources/é.txt", b"x"))), IMPORT, "is a damaged zip archive"),
    ("transcript-broken-document-xml.docx", lambda: docx(document=b"<w:document"), IMPORT, "cannot be read as a Word document: word/document.xml, line 1, column 1: not well-formed XML (unclosed token)"),
    ("transcript-doctype-entity.docx", lambda: doctype_docx("word/document.xml"), IMPORT, "word/document.xml declares a DTD or entities"),
    ("transcript-doctype-in-styles.docx", lambda: doctype_docx("word/styles.xml"), IMPORT, "word/styles.xml declares a DTD or entities"),
    ("transcript-missing-part.docx", missing_part_docx, IMPORT, "cannot be read as a Word document: a part it refers to is missing from the archive"),
    # Plain-text transcripts (.txt)
    ("transcript-invalid-utf8.txt", lambda: "M : Bonjour, ça va ?\nMG1 : Très bien.\n".encode() + b"MG1 : \xff\xfe\xfd\n", IMPORT, "UTF-8 text with invalid bytes"),
    ("transcript-empty.txt", lambda: b"", IMPORT, "the file is empty"),
    ("transcript-only-spaces.txt", lambda: b" \n\r\n\t \n", IMPORT, "the file is empty"),
    ("transcript-binary-nul.txt", lambda: b"MG1 : bonjour\x00\x00\x00\x01\x02binary\x00", IMPORT, "NUL bytes"),
    ("transcript-pdf.txt", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", IMPORT, "a PDF file"),
    ("transcript-utf32-nul.txt", lambda: "\ufeffM : Bonjour.\nMG1 : \x00\x00 données\n".encode("utf-32-le"), IMPORT, "its UTF-32 text contains NUL characters"),
    ("transcript-utf16-nul.txt", lambda: "\ufeffM : Bonjour.\nMG1 : \x00 données\n".encode("utf-16-be"), IMPORT, "its UTF-16 text contains NUL characters"),
    ("transcript-long-line.txt", lambda: ("MG1 : l’accueil " + "a" * 200_000 + "\n").encode(), IMPORT, "line 1: more than 200,000 characters in one line (the limit)"),
    ("transcript-id-going-up.txt", lambda: "M : Bonjour.\nMG1 : Très bien, « merci ».\n".encode(), "import --id ../../x {path}", "'../../x' is not a usable identifier"),
    ("transcript-damaged-utf16.txt", lambda: b"\xff\xfeM\x00 \x00:\x00 \x00\x00\xd8", IMPORT, "damaged UTF-16"),
    ("transcript-labels-only.txt", lambda: b"M :\nMG1 :\nM :\n", IMPORT, "no text to import"),
    # Participant tables (.csv)
    ("participants-malformed-row.csv", lambda: b"participant,age,sexe\nMG1,45,F\nMG2,52\n", IMPORT, "line 3 has 2 cells, the header has 3"),
    ("participants-bad-header.csv", lambda: b"nom,age\nMG1,45\n", IMPORT, "the first column must be 'participant' or 'id'"),
    ("participants-bad-type.csv", lambda: b"participant,age:integer\nMG1,quarante\n", IMPORT, "does not read as integer"),
    ("participants-only-quotes.csv", lambda: b'""\n\n""\n', IMPORT, "no table: every cell is empty"),
    ("participants-too-many-columns.csv", lambda: ("participant," + ",".join(f"âge {n}" for n in range(1_000)) + "\nMG1," + "1," * 999 + "1\n").encode(), IMPORT, "more than 1,000 columns in a participant table (the limit)"),
    ("participants-huge-cell.csv", lambda: b'participant,note\nMG1,"' + b"x" * 140_000 + b'"\n', IMPORT, "line 2: not a readable table (field larger than field limit"),
    # Study manifests (study.toml)
    ("study-outside-folder.toml", lambda: b'[study]\nname = "escape"\n\n[[documents]]\nfile = "../../../../../../../../../../etc/passwd"\n', IMPORT, "lies outside the study's folder"),
    ("study-invalid.toml", lambda: b"[study\nname = \n", IMPORT, "not a valid study manifest"),
    # Theses for import-reference
    ("thesis-no-results.txt", lambda: "Introduction\n\nIl n’y a pas de résultats ici.\n".encode(), "import-reference {path}", "no results section found"),
    ("thesis-invalid-utf8.txt", lambda: b"I. R\xe9sultats\n\xff\xfe\nDISCUSSION\n", "import-reference {path}", "cannot read the thesis"),
]


def corpus() -> dict[str, bytes]:
    """Every file of the corpus by name, ``EXPECTED.tsv`` included."""
    files = {name: make() for name, make, _, _ in CORPUS}
    lines = ["name\targuments\tfragment"] + [f"{name}\t{arguments}\t{fragment}" for name, _, arguments, fragment in CORPUS]
    files[EXPECTED] = ("\n".join(lines) + "\n").encode()
    return files


def write(folder: Path) -> list[str]:
    """Write the corpus into ``folder``, removing files that are no longer part of it."""
    folder.mkdir(parents=True, exist_ok=True)
    files = corpus()
    for stale in folder.iterdir():
        if stale.is_file() and stale.name not in files:
            stale.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sorted(files)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    names = write(target)
    total = sum((target / name).stat().st_size for name in names)
    print(f"{len(names)} files ({total:,} bytes) in {target}")
