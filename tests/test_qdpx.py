"""REFI-QDA projects (``.qdpx``): the export validates against Project.xsd and round-trips every
coding, code, coder, attribute and memo; files written by other programs are read; hostile files
are refused in one line with the database left as it was."""

from __future__ import annotations

import io
import shutil
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document as WordDocument
from lxml import etree
from sqlmodel import select

from tests.helpers import assert_rejected, run_cli, run_json, snapshot_of
from workbench.services.coding.codings import add_coding
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.records import (
    AttributeRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    ParticipantRecord,
)

SCHEMA = Path(__file__).parent / "schemas" / "Project.xsd"
MEMO_TIME = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)


def project_content(database: Path | str) -> dict[str, object]:
    """What a ``.qdpx`` must carry, read from the tables with names instead of ids."""
    project = Project.open(database)
    try:
        with project.session() as session:
            coders = {record.id: record.name for record in session.exec(select(CoderRecord))}
            codes = {record.id: record for record in session.exec(select(CodeRecord))}
            codebooks = {code.codebook_id for code in codes.values()}
            names = {stored.id: stored.name for stored in load_codebooks(project, every=True)}
            assert codebooks <= set(names)

            def path(code: int) -> tuple[str, ...]:
                record = codes[code]
                return (*path(record.parent_id), record.name) if record.parent_id else (names[record.codebook_id], record.name)

            documents = {record.id: record for record in session.exec(select(DocumentRecord))}
            codings = {
                record.id: (documents[record.document_id].identifier, record.start, record.end, coders[record.coder_id], path(record.code_id))
                for record in session.exec(select(CodingRecord))
            }
            targets = {"document": {key: record.identifier for key, record in documents.items()}, "code": {key: path(key) for key in codes}, "coding": codings}
            return {
                "coders": sorted(coders.values()),
                "codes": sorted(
                    (path(key), record.position, record.colour, record.description, record.when_to_use, record.when_not_to_use, record.example)
                    for key, record in codes.items()
                ),
                "documents": sorted(
                    (record.identifier, record.text, record.title, record.kind, record.participant_id, record.source, record.language,
                     names.get(record.codebook_id))
                    for record in documents.values()
                ),  # fmt: skip
                "attributes": sorted((record.name, record.value_type, record.position) for record in session.exec(select(AttributeRecord))),
                "participants": sorted((record.identifier, sorted(record.attributes.items())) for record in session.exec(select(ParticipantRecord))),
                "codings": sorted(
                    (*codings[record.id], record.text, record.created_at.replace(microsecond=0, tzinfo=None))
                    for record in session.exec(select(CodingRecord))
                ),
                "memos": sorted(
                    (record.target_kind, targets.get(record.target_kind, {}).get(record.target_id), coders.get(record.coder_id) or "",
                     record.title, record.text, record.created_at.replace(microsecond=0, tzinfo=None))
                    for record in session.exec(select(MemoRecord))
                ),  # fmt: skip
            }
    finally:
        project.close()


@pytest.fixture
def rich_project(bundled_copy: Path) -> Path:
    """The bundled study, plus a second coder's codings on French text and memos on the project,
    a document, a code and a coding."""
    project = Project.open(bundled_copy)
    try:
        with project.session() as session:
            text = session.exec(select(DocumentRecord.text).where(DocumentRecord.identifier == "MG14")).one()
        start = text.index("«") if "«" in text else text.index("’")
        first = add_coding(project, "MG14", "Manque de médecins", start, start + 40, coder="alice")
        add_coding(project, "MG14", "Manque de médecins", 0, 25, coder="alice")
        with project.transaction() as session:
            alice = session.exec(select(CoderRecord.id).where(CoderRecord.name == "alice")).one()
            document = session.exec(select(DocumentRecord.id).where(DocumentRecord.identifier == "MG14")).one()
            code = session.exec(select(CodeRecord.id).where(CodeRecord.name == "Manque de médecins")).first()
            memos = [
                ("project", None, None, "Carnet de bord — 14 mars", "Entretien « MG14 » relu ; l’AM n’était pas là…"),
                ("document", document, alice, "Unité 3", "Hésitation\u00a0: à recoder ?"),
                ("code", code, alice, "Définition", "Pénurie ressentie, pas chiffrée."),
                ("coding", first.id, alice, "", "Citation forte\npour le chapitre II."),
            ]
            for kind, target, coder, title, body in memos:
                session.add(MemoRecord(target_kind=kind, target_id=target, coder_id=coder, title=title, text=body, created_at=MEMO_TIME))
    finally:
        project.close()
    return bundled_copy


def export(database: Path | str, output: Path) -> dict[str, object]:
    return run_json(database, "export", "qdpx", "-o", str(output))


def empty_project(folder: Path) -> Path:
    database = folder / "empty.db"
    assert run_cli(database, "init").exit_code == 0
    return database


def test_the_export_validates_against_the_standard_schema(rich_project: Path, tmp_path: Path) -> None:
    output = tmp_path / "étude.qdpx"
    summary = export(rich_project, output)
    assert summary["codings"] == 225 and summary["memos"] == 4 and summary["coders"] == 3
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        qde = etree.fromstring(archive.read("project.qde"))
        assert len([name for name in names if name.startswith("sources/") and name.endswith(".txt")]) == summary["documents"]
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(qde), schema.error_log


def test_selections_are_code_point_offsets_into_the_source_text(rich_project: Path, tmp_path: Path) -> None:
    output = tmp_path / "étude.qdpx"
    export(rich_project, output)
    namespace = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(output) as archive:
        qde = etree.fromstring(archive.read("project.qde"))
        source = qde.find(".//q:TextSource[@name='MG14']", namespace)
        text = archive.read("sources/" + source.get("plainTextPath").removeprefix("internal://")).decode("utf-8")
    expected = project_content(rich_project)
    spans = {(coding[1], coding[2], coding[5]) for coding in expected["codings"] if coding[0] == "MG14"}
    found = {
        (int(selection.get("startPosition")), int(selection.get("endPosition")))
        for selection in source.findall("q:PlainTextSelection", namespace)
    }
    assert found == {(start, end) for start, end, _ in spans}
    for start, end, covered in spans:
        assert text[start:end] == covered


def test_export_then_import_round_trips_everything(rich_project: Path, tmp_path: Path) -> None:
    output = tmp_path / "étude.qdpx"
    export(rich_project, output)
    target = empty_project(tmp_path)
    report = run_json(target, "import", str(output))
    assert report["codings"] == {"alice": 2, "thesis-000": 114, "thesis-002": 109}
    assert report["memos"] == 4 and sorted(report["coders"]) == ["alice", "thesis-000", "thesis-002"]
    assert project_content(target) == project_content(rich_project)
    again = tmp_path / "again.qdpx"
    export(target, again)
    assert again.read_bytes() == output.read_bytes()


def test_a_project_moves_between_backends_losslessly(rich_project: Path, project_location: str, tmp_path: Path) -> None:
    """The bundled study with memos and a second coder, exported from SQLite, imported on each
    backend: the same content, and exporting it again gives the same bytes."""
    output = tmp_path / "étude.qdpx"
    export(rich_project, output)
    assert run_cli(project_location, "init").exit_code == 0
    report = run_json(project_location, "import", str(output))
    assert report["codings"] == {"alice": 2, "thesis-000": 114, "thesis-002": 109}
    assert project_content(project_location) == project_content(rich_project)
    again = tmp_path / "again.qdpx"
    export(project_location, again)
    assert again.read_bytes() == output.read_bytes()


def test_importing_the_same_file_again_adds_nothing(rich_project: Path, tmp_path: Path) -> None:
    output = tmp_path / "étude.qdpx"
    export(rich_project, output)
    target = empty_project(tmp_path)
    run_json(target, "import", str(output))
    content = project_content(target)
    report = run_json(target, "import", str(output))
    assert report["codings"] == {} and report["memos"] == 0 and report["coders"] == []
    assert project_content(target) == content


def test_a_second_coder_s_export_brings_their_codings_into_the_project(
    rich_project: Path, bundled_template: Path, tmp_path: Path
) -> None:
    """The second coder codes on a copy of the study and exports it; the first imports that file."""
    output = tmp_path / "alice.qdpx"
    export(rich_project, output)
    main = tmp_path / "main.db"
    shutil.copy(bundled_template, main)
    report = run_json(main, "import", str(output))
    assert report["codings"] == {"alice": 2} and report["coders"] == ["alice"] and report["memos"] == 4
    assert report["added"] == [] and report["replaced"] == []
    assert project_content(main) == project_content(rich_project)


# Files written by other programs.

QDE_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Étude pilote" origin="OtherQDA 3.2">'
USER = "{7A1B2C3D-0000-4000-8000-000000000001}"
CODE_TOP = "{7A1B2C3D-0000-4000-8000-000000000010}"
CODE_CHILD = "{7A1B2C3D-0000-4000-8000-000000000011}"


def other_program_qdpx(path: Path, text: bytes, sources: str, extra_entries: dict[str, bytes] | None = None) -> Path:
    qde = f"""{QDE_HEAD}
<Users><User guid="{USER}" name="Marie Dupont"/></Users>
<CodeBook><Codes>
  <Code guid="{CODE_TOP}" name="Organisation" isCodable="true" color="#AA0000">
    <Description>Comment le cabinet s’organise.</Description>
    <Code guid="{CODE_CHILD}" name="Délégation" isCodable="true" color="#00AA00"/>
  </Code>
</Codes></CodeBook>
<Sets><Set guid="{{7A1B2C3D-0000-4000-8000-000000000099}}" name="Lot 1"/></Sets>
<Sources>{sources}</Sources>
</Project>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", text)
        for name, data in (extra_entries or {}).items():
            archive.writestr(name, data)
    return path


def selection(start: int, end: int, number: int, code: str = CODE_CHILD, user: str | None = USER) -> str:
    creator = f' creatingUser="{user}"' if user else ""
    return (
        f'<PlainTextSelection guid="{{7A1B2C3D-0000-4000-8000-0000000001{number:02d}}}" startPosition="{start}" endPosition="{end}"{creator}>'
        f'<Coding guid="{{7A1B2C3D-0000-4000-8000-0000000002{number:02d}}}"{creator}><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )


def test_a_file_from_another_program_with_bom_crlf_and_decomposed_accents(tmp_path: Path) -> None:
    raw = "Intervieweur : Vous déléguez ?\r\nMG1 : Oui, l’AM « fait » l’accueil…\r\n"
    decomposed = unicodedata.normalize("NFD", raw)
    start = decomposed.index("l’AM")
    end = decomposed.index("accueil") + len("accueil")
    sources = (
        f'<TextSource guid="{{7A1B2C3D-0000-4000-8000-000000000020}}" name="Entretien 1" plainTextPath="internal://a.txt"'
        f' richTextPath="internal://a.docx">{selection(start, end, 1)}{selection(0, 12, 2, CODE_TOP, None)}</TextSource>'
        '<PictureSource guid="{7A1B2C3D-0000-4000-8000-000000000021}" name="photo" path="internal://p.png"/>'
    )
    path = other_program_qdpx(tmp_path / "autre.qdpx", b"\xef\xbb\xbf" + decomposed.encode("utf-8"), sources, {"Sources/a.docx": b"PK"})
    target = empty_project(tmp_path)
    result = run_cli(target, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "left out 1 × PictureSource" in result.stderr and "left out 1 × Sets element" in result.stderr
    assert "'Entretien 1' is 'Entretien_1'" in result.stderr and "'Marie Dupont' is coder 'Marie-Dupont'" in result.stderr
    content = project_content(target)
    (document,) = content["documents"]
    assert document[0] == "Entretien_1" and document[2] == "Entretien 1"
    text = document[1]
    assert "\r" not in text and unicodedata.is_normalized("NFC", text)
    codings = {coding[3]: coding for coding in content["codings"]}
    assert codings["Marie-Dupont"][5] == "l’AM « fait » l’accueil"
    assert codings["Marie-Dupont"][4] == ("Étude pilote", "Organisation", "Délégation")
    assert codings["unattributed"][5] == text[:12] == "Intervieweur"
    assert ("Étude pilote", "Organisation") in [code[0] for code in content["codes"]]


def word_file(*paragraphs: str) -> bytes:
    document = WordDocument()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_source_given_only_as_a_word_file_is_read(tmp_path: Path) -> None:
    docx = word_file("M : Pourquoi un assistant ?", "MG3 : Pour « gagner » du temps.")
    text = "M : Pourquoi un assistant ?\nMG3 : Pour « gagner » du temps."
    start = text.index("gagner")
    sources = (
        f'<TextSource guid="{{7A1B2C3D-0000-4000-8000-000000000030}}" name="MG3" richTextPath="internal://b.docx">'
        f"{selection(start, start + 6, 3)}</TextSource>"
    )
    path = other_program_qdpx(tmp_path / "word.qdpx", b"unused", sources, {"Sources/b.docx": docx})
    target = empty_project(tmp_path)
    run_json(target, "import", str(path))
    content = project_content(target)
    assert content["documents"][0][1] == text
    assert [coding[5] for coding in content["codings"]] == ["gagner"]


# Hostile and broken files: one line, nothing written.


def zip_of(path: Path, entries: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if link:
            entry = zipfile.ZipInfo(link)
            entry.external_attr = 0o120777 << 16
            archive.writestr(entry, "/etc/passwd")
    return path


def valid_qde(sources: str = "") -> bytes:
    return f"{QDE_HEAD}<Users><User guid=\"{USER}\" name=\"marie\"/></Users><CodeBook><Codes><Code guid=\"{CODE_TOP}\" name=\"A\" isCodable=\"true\"/></Codes></CodeBook><Sources>{sources}</Sources></Project>".encode()


def text_source(selections: str, path: str = "internal://a.txt") -> str:
    return f'<TextSource guid="{{7A1B2C3D-0000-4000-8000-000000000040}}" name="MG1" plainTextPath="{path}">{selections}</TextSource>'


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>"""

HOSTILE = {
    "not a zip": (lambda folder: (folder / "x.qdpx").write_bytes(b"plain text, not a zip") and folder / "x.qdpx", "not a zip archive"),
    "path traversal": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(), "../../evil.txt": b"x"}), "path going up"),
    "absolute path": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(), "/tmp/evil.txt": b"x"}), "absolute path"),
    "symbolic link": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde()}, link="sources/a.txt"), "symbolic link"),
    "zip bomb": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(), "sources/a.txt": b"\0" * 20_000_000}), "zip bomb"),
    "billion laughs": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": BILLION_LAUGHS}), "DTD or entities"),
    "external entity": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": EXTERNAL_ENTITY}), "DTD or entities"),
    "invalid XML": (lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde()[:-20]}), "not well-formed XML"),
    "no project.qde": (lambda folder: zip_of(folder / "x.qdpx", {"readme.txt": b"x"}), "no project.qde"),
    "reversed selection": (
        lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(text_source(selection(9, 3, 1, CODE_TOP))), "sources/a.txt": b"MG1 : Bonjour."}),
        "reversed selection",
    ),
    "selection out of range": (
        lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(text_source(selection(3, 99, 1, CODE_TOP))), "sources/a.txt": b"MG1 : Bonjour."}),
        "selection outside the text",
    ),
    "unknown code": (
        lambda folder: zip_of(
            folder / "x.qdpx",
            {"project.qde": valid_qde(text_source(selection(0, 3, 1, "{7A1B2C3D-0000-4000-8000-0000000000FF}"))), "sources/a.txt": b"MG1 : Bonjour."},
        ),
        "is not a Code of the file",
    ),
    "text outside the archive": (
        lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(text_source("", "file:///etc/passwd"))}),
        "outside the file",
    ),
    "invalid UTF-8 source": (
        lambda folder: zip_of(folder / "x.qdpx", {"project.qde": valid_qde(text_source("")), "sources/a.txt": b"MG1 : caf\xe9"}),
        "not UTF-8",
    ),
    "Word source that is no zip": (
        lambda folder: zip_of(
            folder / "x.qdpx",
            {"project.qde": valid_qde(text_source("").replace('plainTextPath="internal://a.txt"', 'richTextPath="internal://a.docx"')), "sources/a.docx": b"no zip"},
        ),
        "not a zip archive",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused_and_nothing_is_written(bundled_copy: Path, tmp_path: Path, case: str) -> None:
    make, message = HOSTILE[case]
    path = make(tmp_path)
    line = assert_rejected(bundled_copy, "import", str(path), mentions=message)
    assert "x.qdpx" in line


def test_a_refused_file_in_the_middle_of_an_import_leaves_nothing_behind(rich_project: Path, tmp_path: Path) -> None:
    """A file whose last coding is broken: every document and codebook before it is rolled back."""
    good = tmp_path / "good.qdpx"
    export(rich_project, good)
    with zipfile.ZipFile(good) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    qde = entries["project.qde"].decode("utf-8")
    cut = qde.rindex('endPosition="')
    entries["project.qde"] = (qde[:cut] + 'endPosition="99999999' + qde[qde.index('"', cut + len('endPosition="')):]).encode("utf-8")
    broken = zip_of(tmp_path / "broken.qdpx", entries)
    target = empty_project(tmp_path)
    before = snapshot_of(target)
    assert_rejected(target, "import", str(broken), mentions="selection outside the text")
    assert snapshot_of(target) == before
