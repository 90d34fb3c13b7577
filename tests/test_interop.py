"""Exchange files as other programs write them (``tests/interop/files``, described in
``tests/interop/README.md``): each imports what it holds, on SQLite and PostgreSQL, with the counts
below and one summary of what it leaves out; every code it brings can then be named on the command
line; ``--strict`` refuses the files that leave something out, the project unchanged."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from sqlmodel import select

from tests.helpers import assert_rejected, run_cli, run_json
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.records import CodingRecord, DocumentRecord, MemoRecord, ParticipantRecord

INTEROP = Path(__file__).parent / "interop"
FILES = INTEROP / "files"
SCHEMAS = Path(__file__).parent / "schemas"


@dataclass(frozen=True)
class Expected:
    """What importing one file into an empty project gives."""

    codebooks: dict[str, int]
    """Codes by codebook."""
    coders: list[str]
    documents: list[str] = field(default_factory=list)
    codings: list[tuple[str, str]] = field(default_factory=list)
    """Each coding as (document, the text it covers)."""
    participants: int = 0
    memos: int = 0
    left_out: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Notices the import must give (among others)."""


EXPECTED = {
    "atlas-23-blank-project.qdpx": Expected({}, ["ATLAS.ti", "Enric-Llagostera"]),
    "atlas-23-target-project.qdpx": Expected({"target-atlas-project": 3}, ["ATLAS.ti", "Enric-Llagostera"]),
    "atlas-23-crlf-source.qdpx": Expected(
        {"MG3 ATLAS": 2}, ["Camille-Martin"], ["MG3.txt"], [("MG3.txt", "il prend les constantes")],
        notices=["1 code is a folder (isCodable=false) there"],
    ),
    "maxqda-24-project-without-sources.qde": Expected(
        {"2025-06-16_ICLS_Conf_Themes_ALL_just10": 307}, ["johnb"],
        left_out=["10 sources missing from the archive: ICLS 2024 3-10, ICLS 2024 11-18, ICLS 2024 19-26, ICLS 2024 27-34, "
                  "ICLS 2024 35-42, ICLS 2025 1007-1015, ICLS 2025 101-109, ICLS 2025 1016-1024, ICLS 2025 1025-1033, ICLS 2025 1034-1042"],
    ),
    "maxqda-24-with-sources.qdpx": Expected(
        {"Thèse MG": 3}, ["camille"], ["MG3", "MG3_2"], [("MG3", "Le secrétariat gère le téléphone et l’agenda")],
        notices=["a second source named 'MG3' is 'MG3_2' here", "left out 1 × PlainTextSelection without a coding",
                 "left out 1 × Description of a selection"],
    ),
    "nvivo-15-windows-empty-sources.qdpx": Expected(
        {"Assistants médicaux": 7}, ["Camille-Martin", "Léa-Dupont"], participants=1,
        left_out=["2 sources without text: Entretien MG3, Notes de terrain"],
    ),
    "nvivo-15-windows-crlf-annotation.qdpx": Expected(
        {"Entretiens MG": 3}, ["Camille-Martin"], ["Entretien_MG3"],
        [("Entretien_MG3", "« Le secrétariat gère le téléphone et l’agenda… »"), ("Entretien_MG3", "il prend les constantes")],
        memos=1, notices=["left out 1 × Links element"],
    ),
    "nvivo-14-mac-pdf-picture.qdpx": Expected(
        {"Étude AM": 2}, ["lea.dupont"], ["MG3"], [("MG3", "ça libère du temps médical")],
        left_out=["1 coding by a user the file does not define"],
        notices=["left out 1 × PDFSource (only text sources are read)", "left out 1 × PictureSource (only text sources are read)"],
    ),
    "qualcoder-3.6.qdpx": Expected(
        {"thèse-mg.qda": 3}, ["default"], ["MG3.txt"], [("MG3.txt", "Sans lui, on ne s’en sort pas.")], participants=1, memos=1,
        notices=["left out 1 × PDFSource (only text sources are read)", "left out 1 × Description of a selection"],
    ),
    "bare-plaintextpath.qdpx": Expected({"board": 1}, ["analyst"], ["board_2017"], [("board_2017", "l’assistant médical")]),
    "taguette-1.5.2.qdc": Expected(
        {"taguette-1.5.2": 6}, [],
        notices=["code 'maj' under the top level is 'maj (2)' here", "left out 1 × Sets element (not used)"],
    ),
}  # fmt: skip


def test_every_file_of_the_corpus_has_its_expectations() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in FILES.iterdir())


def test_the_script_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    script = INTEROP / "make_files.py"
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (FILES / path.name).read_bytes(), f"run python {script}"


def imported(location: str, name: str) -> dict[str, object]:
    assert run_cli(location, "init").exit_code == 0
    result = run_cli(location, "import", str(FILES / name), "--json")
    assert result.exit_code == 0, result.output
    import json

    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_imports_with_its_counts(project_location: str, name: str) -> None:
    expected = EXPECTED[name]
    report = imported(project_location, name)
    for notice in expected.notices:
        assert any(notice in line for line in report["notices"]), (notice, report["notices"])
    assert report.get("left_out", []) == expected.left_out
    project = Project.open(project_location)
    try:
        stored = load_codebooks(project, every=True)
        assert {entry.name: len(entry.tree) for entry in stored} == expected.codebooks
        with project.session() as session:
            from workbench.storage.records import CoderRecord

            assert sorted(session.exec(select(CoderRecord.name))) == sorted(expected.coders)
            documents = {record.id: record for record in session.exec(select(DocumentRecord))}
            assert sorted(record.identifier for record in documents.values()) == sorted(expected.documents)
            covered = sorted(
                (documents[coding.document_id].identifier, documents[coding.document_id].text[coding.start : coding.end])
                for coding in session.exec(select(CodingRecord))
            )
            assert covered == sorted(expected.codings)
            assert len(session.exec(select(ParticipantRecord)).all()) == expected.participants
            assert len(session.exec(select(MemoRecord)).all()) == expected.memos
        for entry in stored:
            for code in entry.tree.walk():
                assert entry.tree.find(entry.tree.path_text(code.id)) == code
                assert entry.tree.find(str(code.id)) == code
    finally:
        project.close()


@pytest.mark.parametrize("name", sorted(name for name, expected in EXPECTED.items() if expected.left_out))
def test_strict_refuses_what_the_liberal_import_leaves_out(tmp_path: Path, name: str) -> None:
    database = tmp_path / "project.db"
    assert run_cli(database, "init").exit_code == 0
    fragments = {
        "sources missing": "is not in the archive",
        "without text": "the source has no text",
        "by a user": "is not a User of the file",
    }
    (fragment,) = [message for key, message in fragments.items() if key in EXPECTED[name].left_out[0]]
    assert_rejected(database, "import", "--strict", str(FILES / name), mentions=fragment)


def test_strict_refuses_sibling_codes_named_alike_but_for_case(tmp_path: Path) -> None:
    database = tmp_path / "project.db"
    assert run_cli(database, "init").exit_code == 0
    assert_rejected(database, "import", "--strict", str(FILES / "taguette-1.5.2.qdc"), mentions="two codes named 'maj' under the top level")


def test_codes_holding_a_slash_or_renamed_are_named_on_the_command_line(tmp_path: Path) -> None:
    database = tmp_path / "project.db"
    imported(str(database), "taguette-1.5.2.qdc")
    for reference in ("Téléphone \\/ agenda", "Téléphone / agenda", "maj (2)", "MAJ", "« délai » d’attente"):
        result = run_cli(database, "code", "edit", reference, "--description", "vu")
        assert result.exit_code == 0, (reference, result.output)
    codes = run_json(database, "codes")["codebooks"][0]["codes"]
    assert sorted(code["name"] for code in codes if code["description"] == "vu") == [
        "MAJ", "Téléphone / agenda", "maj (2)", "« délai » d’attente",
    ]  # fmt: skip
    result = run_cli(database, "code", "edit", "Téléphone / agendas", "--description", "x")
    assert result.exit_code == 1
    assert "no code 'Téléphone / agendas'" in result.stderr and "did you mean 'Téléphone / agenda'" in result.stderr
    result = run_cli(database, "code", "edit", "Téléphone / agenda/x", "--description", "x")
    assert "did you mean 'Téléphone / agenda/x'" not in result.stderr


def test_the_codebook_and_project_written_after_an_import_are_schema_valid(tmp_path: Path) -> None:
    database = tmp_path / "project.db"
    imported(str(database), "qualcoder-3.6.qdpx")
    assert run_cli(database, "import", str(FILES / "taguette-1.5.2.qdc")).exit_code == 0
    run_json(database, "export", "codebook", "--codebook", "taguette-1.5.2", "-o", str(tmp_path / "t.qdc"))
    codebook_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Codebook.xsd")))
    assert codebook_schema.validate(etree.parse(str(tmp_path / "t.qdc"))), codebook_schema.error_log
    run_json(database, "export", "qdpx", "-o", str(tmp_path / "p.qdpx"))
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    project_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Project.xsd")))
    assert project_schema.validate(qde), project_schema.error_log


def test_the_csv_codebook_has_taguette_s_columns_for_a_spreadsheet(tmp_path: Path) -> None:
    database = tmp_path / "project.db"
    imported(str(database), "nvivo-15-windows-empty-sources.qdpx")
    assert run_cli(database, "code", "add", "=SOMME(A1)", "--under", "Accès aux soins").exit_code == 0
    report = run_json(database, "export", "codebook", "-o", str(tmp_path / "codes.csv"))
    assert (report["format"], report["codes"]) == ("csv", 8)
    data = (tmp_path / "codes.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbftag,description,colour,full path\r\n")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["tag"] for row in rows] == [
        "Organisation du cabinet", "Téléphone / agenda", "Secrétariat", "Assistant médical", "Temps médical libéré",
        "Freins / craintes", "Accès aux soins", "'=SOMME(A1)",
    ]  # fmt: skip
    assert rows[5]["description"] == "Coût, locaux, « perte de lien » avec le patient."
    assert rows[5]["full path"] == "Assistant médical/Freins \\/ craintes" and rows[5]["colour"] == "#4E79A7"


def test_a_source_is_read_from_its_own_entry_never_from_one_named_alike(tmp_path: Path) -> None:
    """``sources/Doc.txt`` and ``sources/doc.txt``: each source gets its own file's text; a source
    naming ``DOC.txt`` could be either, and the file is refused."""

    def qdpx(names: tuple[str, str]) -> Path:
        sources = "".join(
            f'<TextSource guid="00000000-0000-4000-8000-00000000000{number}" name="S{number}" plainTextPath="internal://{name}"/>'
            for number, name in enumerate(names, start=1)
        )
        qde = f'<?xml version="1.0" encoding="utf-8"?><Project name="p" xmlns="urn:QDA-XML:project:1.0"><Sources>{sources}</Sources></Project>'
        path = tmp_path / f"{names[0]}.qdpx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.qde", qde)
            archive.writestr("sources/Doc.txt", "Texte du premier.")
            archive.writestr("sources/doc.txt", "Texte du second.")
        return path

    database = tmp_path / "project.db"
    assert run_cli(database, "init").exit_code == 0
    assert run_cli(database, "import", str(qdpx(("Doc.txt", "doc.txt")))).exit_code == 0
    texts = {document["id"]: document["characters"] for document in run_json(database, "documents")["documents"]}
    assert texts == {"S1": len("Texte du premier."), "S2": len("Texte du second.")}
    assert_rejected(database, "import", str(qdpx(("DOC.txt", "doc.txt"))), mentions="2 entries could be sources/DOC.txt")


def test_a_code_renamed_on_import_gets_its_name_back_on_export(tmp_path: Path) -> None:
    """Taguette's ``maj`` beside ``MAJ`` is ``maj (2)`` here, and ``maj`` again in the ``.qdc`` and
    ``.qdpx`` written; importing that ``.qdc`` again changes nothing."""
    database = tmp_path / "project.db"
    imported(str(database), "taguette-1.5.2.qdc")
    output = tmp_path / "again" / "taguette-1.5.2.qdc"
    output.parent.mkdir()
    run_json(database, "export", "codebook", "-o", str(output))
    names = [element.get("name") for element in etree.parse(str(output)).iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names == ["accès aux soins", "interesting", "MAJ", "maj", "Téléphone / agenda", "« délai » d’attente"]
    assert run_json(database, "import", str(output))["status"] == "unchanged"
    run_json(database, "export", "qdpx", "-o", str(tmp_path / "p.qdpx"))
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    assert [element.get("name") for element in qde.iter("{urn:QDA-XML:project:1.0}Code")][3:5] == ["MAJ", "maj"]


def test_the_import_summary_speaks_the_locale_s_language_with_counted_plurals(tmp_path: Path) -> None:
    database = tmp_path / "projet.db"
    assert run_cli(database, "init").exit_code == 0
    french = run_cli(database, "import", str(FILES / "nvivo-15-windows-empty-sources.qdpx"), locale={"LANG": "fr_FR.UTF-8", "COLUMNS": "300"})
    assert french.exit_code == 0, french.output
    assert "  2 sources sans texte\u00a0: Entretien MG3, Notes de terrain" in french.stdout.splitlines()
    unknown_user = run_cli(database, "import", str(FILES / "nvivo-14-mac-pdf-picture.qdpx"), locale={"LANG": "fr_FR.UTF-8", "COLUMNS": "300"})
    assert unknown_user.exit_code == 0, unknown_user.output
    assert "  1 codage par un utilisateur que le fichier ne définit pas" in unknown_user.stdout.splitlines()
    assert "écarté 1 × PDFSource (seules les sources texte sont lues)" in unknown_user.output
    assert "sources without" not in french.output + unknown_user.output and "left out" not in french.output + unknown_user.output
