"""Fuzzing the importers: whatever the input, each reader returns normally or raises a
:class:`WorkbenchError` (one line for the user) — never another exception, which would reach the
user as a Python traceback. The transcript parser also keeps its promises on what it returns.

Inputs are random text and bytes, and valid files mutated (bytes flipped, inserted, cut;
attribute values replaced; zip entries of any name and kind). Crashes these tests found are kept
below as plain regression tests.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.domain.codebook import Codebook
from workbench.domain.documents import DocumentKind, ParsedDocument
from workbench.domain.errors import InputError, WorkbenchError
from workbench.domain.participants import AttributeType, Participant
from workbench.domain.text import normalise_text
from workbench.importers import parse_transcript, read_document
from workbench.importers.codebook_yaml import parse_codebook_yaml, read_codebook_yaml
from workbench.importers.docx_reader import docx_text
from workbench.importers.participants_csv import parse_participants_csv
from workbench.importers.thesis_results import read_results
from workbench.qdpx.codebook_reader import read_codebook_qdc
from workbench.qdpx.codebook_writer import codebook_qdc
from workbench.qdpx.model import CodeAddress, ExchangedCoding, ExchangedDocument, ExchangedMemo, ProjectExchange
from workbench.qdpx.reader import parsed_document, read_project_qdpx
from workbench.qdpx.writer import project_qdpx

pytestmark = pytest.mark.slow  # hundreds of generated inputs per property

Result = TypeVar("Result")
EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_EXAMPLES", "250"))
"""Examples per property; set WORKBENCH_FUZZ_EXAMPLES=5000 for a longer search."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEWER = settings(FUZZ, max_examples=max(1, EXAMPLES * 3 // 5))


def refused_or_read(call: Callable[[], Result]) -> Result | None:
    """The call's result, or ``None`` when it refused the input with a WorkbenchError; any other
    exception propagates, and fails the test."""
    try:
        return call()
    except WorkbenchError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        return None


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files the examples write (module-scoped: hypothesis reruns the test body)."""
    return tmp_path_factory.mktemp("fuzz")


# ---------------------------------------------------------------------------------------------
# Strategies

FRENCH = "aàâbcçdeéèêëfghiîïjklmnoôpqrstuùûüvwxyzÿæœAÀÂBCÇDEÉÈÊFGHIÎJKLMNOÔPQRSTUÙÛVWXYZ0123456789"
PUNCTUATION = " \t.,;:!?…-–—«»’'\"()[]/\u00a0\u202f\u0301\u0308"
LABELS = [
    "M : ", "M. : ", "M :", "M.", "MG3 : ", "MG 12. ", "MG15  ", "MG1 - ", "MG99:", "P3 : ", "R12 : ",
    "Intervieweur : ", "Enquêtrice – ", "Participant 2 : ", "Médecin 4. ", "AM : ", "X : ", "Assistante : ",
    "Maintenant ", "MSP ", "- ", "• ", "\uf0b7 ", "", "", "",
]  # fmt: skip
words = st.text(alphabet=FRENCH + PUNCTUATION, max_size=40)
transcript_line = st.builds(lambda label, speech: label + speech, st.sampled_from(LABELS), words)
line_ends = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])


@st.composite
def transcripts(draw: st.DrawFn) -> str:
    """Text laid out like a transcript (labels, wrapped lines, blank lines, any line end), in
    NFC or decomposed, or any text at all."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(max_size=300))
    lines = draw(st.lists(transcript_line, max_size=25))
    text = "".join(line + draw(line_ends) for line in lines)
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKD"])), text)


@st.composite
def mutated(draw: st.DrawFn, data: bytes, *, tokens: tuple[bytes, ...] = ()) -> bytes:
    """``data`` with a few bytes flipped, inserted (random or ``tokens``), deleted, or cut off."""
    result = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not result:
            break
        where = draw(st.integers(0, len(result) - 1))
        action = draw(st.sampled_from(["flip", "insert", "token", "delete", "truncate"] if tokens else ["flip", "insert", "delete", "truncate"]))
        if action == "flip":
            result[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            result[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif action == "token":
            result[where:where] = draw(st.sampled_from(tokens))
        elif action == "delete":
            del result[where : where + draw(st.integers(1, 16))]
        else:
            del result[where:]
    return bytes(result)


# ---------------------------------------------------------------------------------------------
# Transcripts


def check_parsed(document: ParsedDocument) -> None:
    """Every turn lies inside the text, in order; the text is NFC with LF line ends."""
    text = document.text
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    previous_end = 0
    for turn in document.turns:
        assert 0 <= turn.start < turn.end <= len(text), (turn, len(text))
        assert turn.start >= previous_end
        previous_end = turn.end


@FUZZ
@given(raw=transcripts(), kind=st.sampled_from(list(DocumentKind)))
def test_the_transcript_parser_reads_any_text_or_refuses_it(raw: str, kind: DocumentKind) -> None:
    """As the importers call it: on the text normalised (LF, NFC) first."""
    document = refused_or_read(lambda: parse_transcript(normalise_text(raw), identifier="MG1", kind=kind))
    if document is not None:
        check_parsed(document)


@FEWER
@given(lines=st.lists(transcript_line, max_size=20), kind=st.sampled_from(list(DocumentKind)))
def test_crlf_text_gives_lf_text_even_unnormalised(lines: list[str], kind: DocumentKind) -> None:
    """NFC text with Windows line ends, given as it is: the text returned has LF line ends only."""
    raw = unicodedata.normalize("NFC", "".join(line + "\r\n" for line in lines))
    document = refused_or_read(lambda: parse_transcript(raw, identifier="MG1", kind=kind))
    if document is not None:
        check_parsed(document)


@FEWER
@given(identifier=st.text(max_size=70), raw=transcripts())
def test_any_identifier_is_used_or_refused(identifier: str, raw: str) -> None:
    document = refused_or_read(lambda: parse_transcript(normalise_text(raw), identifier=identifier, source="x.txt"))
    if document is not None:
        assert document.identifier == identifier.strip()


@FEWER
@given(data=st.one_of(st.binary(max_size=400), transcripts().map(lambda text: text.encode("utf-8")), transcripts().map(lambda text: text.encode("cp1252", "replace")),
                      transcripts().map(lambda text: text.encode("utf-16"))),
       suffix=st.sampled_from([".txt", ".md"]))  # fmt: skip
def test_a_text_file_of_any_bytes_is_read_or_refused(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"MG1{suffix}"
    path.write_bytes(data)
    document = refused_or_read(lambda: read_document(path))
    if document is not None:
        check_parsed(document)


# ---------------------------------------------------------------------------------------------
# Participant tables

HEADER_FIRST = ["participant", "id", "Participant", "ID ", "nom", "", '"participant"']
HEADER_CELLS = ["age", "age:integer", "sexe", "sexe:text", "durée:duration", "installé:boolean", "x:unknown", ":", "", "a:b:number", "age", '"a,b"']
CELLS = ["MG1", "MG2", "M 3", "", " ", "45", "4,5", "4.5", "-1", "1e400", "oui", "non", "vrai", "F", "12:30", "1:02:03", '"', '""', '"a;b"', "«»", "é" * 3, "NaN", "inf"]


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = [draw(st.sampled_from(HEADER_FIRST)), *draw(st.lists(st.sampled_from(HEADER_CELLS), max_size=4))]
    rows = draw(st.lists(st.lists(st.one_of(st.sampled_from(CELLS), st.text(max_size=6)), max_size=6), max_size=8))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join(delimiter.join(row) for row in [header, *rows])
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), "replace")


@FUZZ
@given(data=st.one_of(tables(), st.binary(max_size=200), st.text(alphabet=',;"\n\r MG123aé:', max_size=60).map(str.encode)))
def test_a_participant_table_of_any_content_is_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "participants.csv"
    path.write_bytes(data)
    table = refused_or_read(lambda: parse_participants_csv(path))
    if table is not None:
        assert all(isinstance(participant, Participant) for participant in table.participants)


# ---------------------------------------------------------------------------------------------
# YAML codebooks

VALID_YAML = """\
name: Petit livre de codes
language: fr
source: test
codes:
  - name: Organisation
    number: "I."
    colour: "#4E79A7"
    description: |-
      Comment le cabinet s’organise « au quotidien ».
    children:
      - name: Délégation
        number: "A."
        colour: "#6E91B7"
        shortcut: d
      - name: Secrétariat
        colour: "#6E91B7"
  - name: Ressenti
    number: "II."
    colour: "#F28E2B"
"""
YAML_TOKENS = tuple(
    token.encode()
    for token in [": ", "- ", "&a ", "*a", "!!python/object/apply:os.system ", "!!binary ", "[", "]", "{", "}", "\t", "  ", "\n", "# ",
                  '"', "'", "|", ">", "? ", "---\n", "...\n", "%YAML 1.1\n", "@", "`", "children:", "name:", "colour: ", "number: \"IV.\"",
                  "<<: ", "~", "null", "\ufeff", "\x85", "\u2028"]
)  # fmt: skip


@FUZZ
@given(text=st.one_of(st.text(max_size=200), mutated(VALID_YAML.encode(), tokens=YAML_TOKENS).map(lambda data: data.decode("utf-8", "replace"))))
def test_a_yaml_codebook_of_any_text_is_read_or_refused(text: str) -> None:
    codebook = refused_or_read(lambda: parse_codebook_yaml(text, "codes.yaml"))
    if codebook is not None:
        assert isinstance(codebook, Codebook) and codebook.name


@FEWER
@given(data=mutated(VALID_YAML.encode(), tokens=YAML_TOKENS))
def test_a_yaml_codebook_file_of_any_bytes_is_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "codes.yaml"
    path.write_bytes(data)
    refused_or_read(lambda: read_codebook_yaml(path))


# ---------------------------------------------------------------------------------------------
# REFI-QDA codebooks (.qdc)

SMALL_CODEBOOK = parse_codebook_yaml(VALID_YAML, "codes.yaml")
VALID_QDC = codebook_qdc(SMALL_CODEBOOK)
XML_TOKENS = tuple(
    token.encode()
    for token in ['"', "<", ">", "</Code>", '<Code name="x" guid="{7A1B2C3D-0000-4000-8000-000000000001}" isCodable="true">', "&amp;", "&lt;",
                  "&x;", "<!DOCTYPE x>", "<!--", "-->", "<![CDATA[", "]]>", 'isCodable="maybe"', 'color="#zzz"', 'guid="not-a-guid"',
                  "\x00", "\xe9", "\ud7ff", "<?xml version='1.0' encoding='latin-1'?>", 'xmlns="urn:other"']
)  # fmt: skip
ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
ATTRIBUTE_VALUES = st.one_of(
    st.sampled_from(["", " ", "-1", "0", "999999999999999999999", "1e3", "x", "true", "false", "#FFF", "#GGGGGG", "{}", "{7A1B2C3D-0000-4000-8000-00000000000}",
                     "7a1b2c3d-0000-4000-8000-000000000010", "internal://", "internal://../../etc/passwd", "file:///etc/passwd", "internal://a.txt",
                     "2026-13-45T99:99:99", "Text", "Integer", "Float", "Boolean", "\u00e9\u0301", "a\tb"]),
    st.text(alphabet=FRENCH + "-{}:/#. ", max_size=12),
)  # fmt: skip


@st.composite
def attributes_replaced(draw: st.DrawFn, xml: bytes) -> bytes:
    """``xml`` with a few attribute values replaced (escaped, so the XML stays well-formed)."""
    matches = list(ATTRIBUTE.finditer(xml))
    chosen = sorted(set(draw(st.lists(st.integers(0, len(matches) - 1), min_size=1, max_size=4))), reverse=True)
    result = xml
    for index in chosen:
        match = matches[index]
        value = draw(ATTRIBUTE_VALUES).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").encode()
        result = result[: match.start(2)] + value + result[match.end(2) :]
    return result


@FUZZ
@given(data=st.one_of(mutated(VALID_QDC, tokens=XML_TOKENS), attributes_replaced(VALID_QDC), st.binary(max_size=100)))
def test_a_qdc_codebook_of_any_bytes_is_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "codes.qdc"
    path.write_bytes(data)
    codebook = refused_or_read(lambda: read_codebook_qdc(path))
    if codebook is not None:
        assert codebook.name == "codes"


# ---------------------------------------------------------------------------------------------
# REFI-QDA projects (.qdpx)

FIRST = "M : Vous déléguez l’accueil ?\n\nMG1 : Oui, l’assistante « fait » l’accueil.\n\nM : Et la tension ?\n\nMG1 : Aussi."
SECOND = "R1 :\u00a0Pas d’avis.\n\nR2 : Très utile – vraiment."
TOP = CodeAddress(SMALL_CODEBOOK.name, ("Organisation",))
CHILD = CodeAddress(SMALL_CODEBOOK.name, ("Organisation", "Délégation"))
MOMENT = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)
CODING = ExchangedCoding("MG1", FIRST.index("l’assistante"), FIRST.index("l’accueil."), "alice", CHILD, MOMENT)
EXCHANGE = ProjectExchange(
    name="Étude pilote",
    coders=["alice", "bob"],
    codebooks=[SMALL_CODEBOOK],
    attributes={"âge": AttributeType.INTEGER, "durée": AttributeType.DURATION, "installé": AttributeType.BOOLEAN},
    participants=[Participant("MG1", {"âge": 45, "durée": 12.5, "installé": True})],
    documents=[
        ExchangedDocument("MG1", FIRST, "Entretien 1", DocumentKind.TRANSCRIPT, "MG1", "thèse", "fr", SMALL_CODEBOOK.name),
        ExchangedDocument("enquête", SECOND, "", DocumentKind.SURVEY),
    ],
    codings=[CODING, ExchangedCoding("MG1", 0, 3, "bob", TOP, MOMENT), ExchangedCoding("enquête", 5, 12, "bob", CHILD)],
    memos=[ExchangedMemo("Carnet", "Relu ; « à voir ».", "alice", None, MOMENT), ExchangedMemo("", "Forte.", "bob", CODING), ExchangedMemo("Déf.", "x", None, TOP)],
)
VALID_QDPX = project_qdpx(EXCHANGE)
with zipfile.ZipFile(io.BytesIO(VALID_QDPX)) as _archive:
    VALID_ENTRIES = {name: _archive.read(name) for name in _archive.namelist()}
VALID_QDE = VALID_ENTRIES["project.qde"]


def zipped(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are welcome here
        for name, data in entries:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return buffer.getvalue()


def with_qde(qde: bytes) -> bytes:
    return zipped([("project.qde", qde), *((name, data) for name, data in VALID_ENTRIES.items() if name != "project.qde")])


ENTRY_NAMES = st.one_of(
    st.sampled_from(["project.qde", "Project.qde", "other.qde", "sources/", "sources/a.txt", "Sources/A.TXT", "../x", "a/../../x", "/abs", "\\abs", "C:x",
                     "sources\\..\\x", "sources/é.txt", "sources/a.docx", ".", "", "a" * 300]),
    st.text(min_size=1, max_size=20).filter(lambda name: "\x00" not in name),
)  # fmt: skip


@st.composite
def random_entries(draw: st.DrawFn) -> bytes:
    """A zip of random entries: names of every kind, modes (links, folders), methods, data."""
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = []
    for _ in range(draw(st.integers(0, 6))):
        info = zipfile.ZipInfo(draw(ENTRY_NAMES), date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = draw(st.sampled_from([0, 0o100644, 0o120777, 0o040755, 0o010644])) << 16
        info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
        data = draw(st.one_of(st.just(VALID_QDE), st.just(VALID_ENTRIES[next(name for name in VALID_ENTRIES if name.startswith("sources/"))]),
                              st.binary(max_size=64), mutated(VALID_QDE, tokens=XML_TOKENS)))  # fmt: skip
        entries.append((info, data))
    return zipped(entries)


def read_qdpx(path: Path) -> None:
    """As ``workbench import`` does: read the archive, then each document's turns."""
    exchange = read_project_qdpx(path)
    for document in exchange.documents:
        parsed = parsed_document(document)
        assert parsed.text == document.text
        assert all(0 <= turn.start <= turn.end <= len(parsed.text) for turn in parsed.turns)


@FUZZ
@given(data=st.one_of(mutated(VALID_QDPX), st.binary(max_size=100), random_entries()))
def test_a_qdpx_of_any_bytes_is_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "project.qdpx"
    path.write_bytes(data)
    refused_or_read(lambda: read_qdpx(path))


@FUZZ
@given(qde=st.one_of(attributes_replaced(VALID_QDE), mutated(VALID_QDE, tokens=XML_TOKENS)))
def test_a_qdpx_whose_project_qde_is_changed_is_read_or_refused(folder: Path, qde: bytes) -> None:
    path = folder / "changed.qdpx"
    path.write_bytes(with_qde(qde))
    refused_or_read(lambda: read_qdpx(path))


def test_the_unchanged_fuzzing_seeds_are_read(folder: Path) -> None:
    path = folder / "valid.qdpx"
    path.write_bytes(VALID_QDPX)
    exchange = read_project_qdpx(path)
    assert [document.identifier for document in exchange.documents] == ["MG1", "enquête"] and len(exchange.codings) == 3
    (folder / "valid.qdc").write_bytes(VALID_QDC)
    assert read_codebook_qdc(folder / "valid.qdc").codes[0].children[0].name == "Délégation"


# ---------------------------------------------------------------------------------------------
# Word files and theses

VALID_DOCX = zipped([
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    ("_rels/.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                          '<w:p><w:r><w:t>M : Bonjour.</w:t></w:r></w:p><w:p><w:r><w:t>MG1 : « Très » bien.</w:t></w:r></w:p></w:body></w:document>'.encode()),
])  # fmt: skip


def test_the_word_seed_is_read() -> None:
    assert docx_text(VALID_DOCX, "seed.docx") == "M : Bonjour.\nMG1 : « Très » bien."


@FEWER
@given(data=st.one_of(mutated(VALID_DOCX), st.binary(max_size=100), random_entries()))
def test_a_word_file_of_any_bytes_is_read_or_refused(data: bytes) -> None:
    refused_or_read(lambda: docx_text(data, "x.docx"))


THESIS = "Résumé\n\nI. Résultats\n\nA. Les AM\n\n1. Accueil\n\nMG2 : « Elle « fait » l’accueil. »\n\n\uf0b7 Sous-thème :\n\nDISCUSSION\n"


@FEWER
@given(data=st.one_of(mutated(THESIS.encode(), tokens=tuple(token.encode() for token in ["«", "»", "\n", "MG3 : «", "I. ", "2 Résultats\n", "2.2 X\n", "\uf0b7"])),
                      st.binary(max_size=100)))  # fmt: skip
def test_a_thesis_of_any_bytes_is_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "000_thesis.txt"
    path.write_bytes(data)
    refused_or_read(lambda: read_results(path))


# ---------------------------------------------------------------------------------------------
# Regression tests: crashes the fuzzing found (each was a Python traceback before the fix).


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(InputError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("content", [b";", b'""\n', b'""\n\n""\n', b",,,\n"])
def test_a_table_whose_cells_are_all_empty_is_refused(folder: Path, content: bytes) -> None:
    """Was IndexError: the header was taken from a list of non-empty rows that was empty."""
    path = folder / "empty-cells.csv"
    path.write_bytes(content)
    assert "no table: every cell is empty" in refusal(lambda: parse_participants_csv(path))


def test_a_table_cell_over_the_csv_field_limit_is_refused(folder: Path) -> None:
    """Was _csv.Error (field larger than field limit), e.g. a quote left open over the whole file."""
    path = folder / "huge.csv"
    path.write_text('participant,note\nMG1,45\nMG2,"' + "x" * 140_000 + "\n", encoding="utf-8")
    assert "line 3: not a readable table (field larger than field limit" in refusal(lambda: parse_participants_csv(path))


@pytest.mark.parametrize("character", ["\x08", "\x00", "\x1b", "\ufffe"])
def test_a_yaml_codebook_with_a_control_character_is_refused_with_its_line(character: str) -> None:
    """Was yaml.reader.ReaderError, raised when the loader was built, outside the try."""
    text = VALID_YAML.replace("source: test", f"source: te{character}st")
    assert f"codes.yaml: line 3: control character U+{ord(character):04X} is not allowed in YAML" in refusal(
        lambda: parse_codebook_yaml(text, "codes.yaml")
    )


def nested_yaml(levels: int) -> str:
    lines = ["name: Profond", "language: fr", "codes:"]
    for level in range(levels):
        indent = "  " * (2 * level)
        lines += [f"{indent}- name: c{level}", f'{indent}  colour: "#4E79A7"', f"{indent}  children:"]
    return "\n".join(lines) + " []\n"


@pytest.mark.parametrize("text", [nested_yaml(400), "codes: " + "[" * 3000, "codes: " + "{a: " * 3000, "- " * 3000 + "x"])
def test_a_yaml_codebook_nested_too_deep_is_refused(text: str) -> None:
    """Was RecursionError: PyYAML composes nodes recursively."""
    assert "nested more than 64 deep" in refusal(lambda: parse_codebook_yaml(text, "deep.yaml"))


def test_a_yaml_codebook_nested_thirty_codes_deep_is_still_read() -> None:
    codebook = parse_codebook_yaml(nested_yaml(30), "deep.yaml")
    assert sum(1 for _ in codebook.walk()) == 30


def nested_qdc(levels: int) -> bytes:
    codes = "".join(f'<Code guid="7A1B2C3D-0000-4000-8000-{number:012d}" name="c{number}" isCodable="true">' for number in range(levels))
    return f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}{"</Code>" * levels}</Codes></CodeBook>'.encode()


def test_a_qdc_codebook_nested_too_deep_is_refused_and_a_deep_one_is_read(folder: Path) -> None:
    """Was RecursionError: codes are read recursively (project.qde had a depth limit; .qdc had none)."""
    path = folder / "deep.qdc"
    path.write_bytes(nested_qdc(3000))
    assert "deep.qdc: elements nested more than 64 deep" in refusal(lambda: read_codebook_qdc(path))
    path.write_bytes(nested_qdc(60))
    assert sum(1 for _ in read_codebook_qdc(path).walk()) == 60


def with_bad_utf8_name(data: bytes) -> bytes:
    name = "sources/é.txt".encode()
    return data.replace(name, name.replace(b"\xc3", b"\xff"))


def test_a_zip_entry_name_marked_utf8_that_is_not_is_refused(folder: Path) -> None:
    """Was UnicodeDecodeError, raised by zipfile.ZipFile while reading the central directory."""
    path = folder / "name.qdpx"
    path.write_bytes(with_bad_utf8_name(zipped([("project.qde", VALID_QDE), ("sources/é.txt", b"x")])))
    assert "name.qdpx: a damaged zip archive ('utf-8' codec can't decode" in refusal(lambda: read_project_qdpx(path))
    word = with_bad_utf8_name(zipped([*((name, data) for name, data in zipfile_entries(VALID_DOCX)), ("sources/é.txt", b"x")]))
    assert "x.docx: is a damaged zip archive ('utf-8' codec can't decode" in refusal(lambda: docx_text(word, "x.docx"))


def zipfile_entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def test_a_zip_whose_offsets_point_before_its_start_is_refused(folder: Path) -> None:
    """Was OSError (EINVAL) from a seek to a negative offset: the archive without its first byte."""
    path = folder / "shifted.qdpx"
    path.write_bytes(VALID_QDPX[1:])
    assert "shifted.qdpx: entry 'project.qde' cannot be read" in refusal(lambda: read_project_qdpx(path))


def test_a_zip_entry_without_a_name_is_refused(folder: Path) -> None:
    """Was IndexError in ZipInfo.is_dir (``filename[-1]``), in the zip safety checks."""
    path = folder / "unnamed.qdpx"
    path.write_bytes(zipped([("project.qde", VALID_QDE), ("", b"x")]))
    assert "unnamed.qdpx: entry '': an entry without a name" in refusal(lambda: read_project_qdpx(path))
    word = zipped([*zipfile_entries(VALID_DOCX), ("", b"x")])
    assert "an entry without a name" in refusal(lambda: docx_text(word, "x.docx"))


@pytest.mark.parametrize("encoding", ["ttf-8", "utf-7", "utf-32", "rot13", "idna", "punycode", "undefined"])
def test_xml_declaring_an_encoding_that_cannot_be_decoded_is_refused(folder: Path, encoding: str) -> None:
    """Was LookupError or ValueError (UnicodeError) from expat, for .qdc and project.qde alike."""
    declaration = f"<?xml version='1.0' encoding='{encoding}'?>".encode()
    path = folder / "encoding.qdc"
    path.write_bytes(declaration + VALID_QDC.split(b"?>", 1)[1])
    assert "encoding.qdc: the XML cannot be decoded" in refusal(lambda: read_codebook_qdc(path))
    path = folder / "encoding.qdpx"
    path.write_bytes(with_qde(declaration + VALID_QDE.split(b"?>", 1)[1]))
    assert "encoding.qdpx: project.qde: the XML cannot be decoded" in refusal(lambda: read_project_qdpx(path))
