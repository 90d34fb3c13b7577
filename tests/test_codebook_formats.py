"""Codebook exchange files: REFI-QDA .qdc (checked against the standard's schema) and Word."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as WordDocument
from lxml import etree

from tests.factories import CODEBOOK_000, CODEBOOK_002, SAMPLE_NAME, SAMPLE_YAML, sample_project
from workbench.domain.codebook import Codebook, CodeNode, derived_guid
from workbench.domain.errors import InputError
from workbench.export.codebook_docx import codebook_docx
from workbench.importers.codebook_yaml import parse_codebook_yaml, read_codebook_yaml
from workbench.qdpx.codebook_reader import read_codebook_qdc
from workbench.qdpx.codebook_writer import codebook_qdc
from workbench.services.codebook.export import export_codebook
from workbench.services.codebook.importing import import_codebook
from workbench.services.codebook.operations import add_code
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project

SCHEMA = Path(__file__).resolve().parent / "schemas" / "Codebook.xsd"
GUID = "5215cc69-b628-4e02-afb9-9beeaee55808"


def shape(nodes: list[CodeNode]) -> list[tuple]:
    """Names, hierarchy, colours and definitions."""
    return [
        (node.name, node.colour, node.description, node.when_to_use, node.when_not_to_use, node.example, shape(node.children))
        for node in nodes
    ]


@pytest.mark.parametrize("source", [CODEBOOK_000, CODEBOOK_002, None], ids=["000", "002", "sample"])
def test_qdc_export_validates_against_the_standard_schema(source: Path | None) -> None:
    codebook = read_codebook_yaml(source) if source else parse_codebook_yaml(SAMPLE_YAML, "essai.yaml")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(codebook_qdc(codebook))
    assert schema.validate(document), schema.error_log
    assert len(document.findall(".//{urn:QDA-XML:codebook:1.0}Code")) == sum(1 for _ in codebook.walk())


def test_yaml_to_qdc_to_yaml_round_trips_through_two_projects(tmp_path: Path) -> None:
    first = sample_project(tmp_path)
    export_codebook(first, tmp_path / "essai.qdc")
    second = Project.open(tmp_path / "second.db")
    report = import_codebook(second, tmp_path / "essai.qdc", actor="test")
    assert (report.codebook, report.codes, report.notices) == ("essai", 11, [])
    export_codebook(second, tmp_path / "back.yaml")
    back = read_codebook_yaml(tmp_path / "back.yaml")
    original = parse_codebook_yaml(SAMPLE_YAML, "essai.yaml")
    assert shape(back.codes) == shape(original.codes)
    assert back.codes[0].description.startswith("Tout ce qui touche à l’organisation\u00a0:")
    assert import_codebook(second, tmp_path / "essai.qdc", actor="test").status == "unchanged"
    first.close()
    second.close()


@pytest.mark.parametrize("source", [CODEBOOK_000, CODEBOOK_002], ids=["000", "002"])
def test_bundled_codebooks_round_trip_through_qdc(tmp_path: Path, source: Path) -> None:
    codebook = read_codebook_yaml(source)
    (tmp_path / "bundled.qdc").write_bytes(codebook_qdc(codebook))
    assert shape(read_codebook_qdc(tmp_path / "bundled.qdc").codes) == shape(codebook.codes)


def test_guids_are_kept_from_a_qdc_or_derived_from_the_path(tmp_path: Path) -> None:
    path = tmp_path / "Mon codebook.qdc"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">
  <Codes>
    <Code guid="{{{GUID}}}" name="Thèmes" isCodable="false">
      <Code guid="d7aa29da-519b-4946-9b90-253b6db8fd0a" name="Économie" isCodable="true" color="#ff0">
        <Description>Emplois, impôts…</Description>
      </Code>
    </Code>
  </Codes>
  <Sets><Set guid="0dcef2f5-e55c-49da-8c33-9b0803c7aeb4" name="Un ensemble"/></Sets>
</CodeBook>
""",
        encoding="utf-8",
    )
    project = Project.open(tmp_path / "guids.db")
    report = import_codebook(project, path, actor="test")
    assert report.codebook == "Mon codebook"
    assert report.notices == [
        "Mon codebook.qdc: left out 1 × Sets element (not used)",
        "Mon codebook.qdc: 1 code is a folder (isCodable=false) there; here every code can be applied",
    ]
    (stored,) = load_codebooks(project)
    economy = stored.tree.find("Économie")
    assert (economy.colour, economy.description) == ("#FFFF00", "Emplois, impôts…")
    add_code(project, "Santé", actor="test", parent="Thèmes")
    exported = etree.fromstring(codebook_qdc(load_codebooks(project)[0].outline()))
    guids = {code.get("name"): code.get("guid") for code in exported.iter("{urn:QDA-XML:codebook:1.0}Code")}
    assert guids == {
        "Thèmes": f"{{{GUID}}}",
        "Économie": "d7aa29da-519b-4946-9b90-253b6db8fd0a",
        "Santé": derived_guid("Mon codebook", ("Thèmes", "Santé")),
    }
    project.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<CodeBook><Codes><Code", "line 1, column 18: not well-formed XML (unclosed token)"),
        (
            '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><CodeBook><Codes/></CodeBook>',
            "declares a DTD or entities",
        ),
        ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="A" isCodable="true"/></Codes></CodeBook>', "code 'A': missing attribute guid"),
        (f'<CodeBook><Codes><Code guid="{GUID}" isCodable="true"/></Codes></CodeBook>', "a code under the top level has no name attribute"),
        (f'<CodeBook><Codes><Code guid="{GUID}" name="A"/></Codes></CodeBook>', "code 'A': missing attribute isCodable"),
        (f'<CodeBook><Codes><Code guid="x{GUID}" name="A" isCodable="true"/></Codes></CodeBook>', "is not a GUID"),
        (f'<CodeBook><Codes><Code guid="{GUID}" name="A" isCodable="true" color="rouge"/></Codes></CodeBook>', "colour 'rouge' is not #RRGGBB"),
        ('<Project xmlns="urn:QDA-XML:project:1.0"/>', "the root element is 'Project', not CodeBook"),
        (
            f'<CodeBook><Codes><Code guid="{GUID}" name="A" isCodable="true"/><Code guid="{GUID}" name="B" isCodable="true"/></Codes></CodeBook>',
            "is given to two codes",
        ),
    ],
)
def test_bad_qdc_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.qdc"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_codebook_qdc(path)
    assert message in error.value.one_line() and error.value.one_line().startswith("bad.qdc")


def test_docx_has_the_numbered_tree_with_headings_and_definitions(tmp_path: Path) -> None:
    project = sample_project(tmp_path)
    report = export_codebook(project, tmp_path / "annexe.docx", codebook="essai")
    assert (report.format, report.codes) == ("docx", 11)
    document = WordDocument(str(tmp_path / "annexe.docx"))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert paragraphs[0] == ("Title", SAMPLE_NAME)
    assert paragraphs[1] == ("Normal", "Source\u00a0: Entretiens MG1–MG3")
    titles = [(style, text) for style, text in paragraphs if style.startswith(("Heading", "List Bullet"))]
    assert titles == [
        ("Heading 1", "■\u00a0I.\u00a0Organisation du cabinet"),
        ("Heading 2", "■\u00a0A.\u00a0Accueil des patients"),
        ("Heading 3", "■\u00a01.\u00a0Téléphone"),
        ("Heading 4", "■\u00a0Appels manqués"),
        ("List Bullet", "■\u00a0Rappels l’après-midi"),
        ("Heading 3", "■\u00a02.\u00a0Secrétariat"),
        ("Heading 2", "■\u00a0B.\u00a0Délégation de tâches"),
        ("Heading 3", "■\u00a0Prise des constantes"),
        ("Heading 3", "■\u00a0Tâches administratives"),
        ("Heading 1", "■\u00a0II.\u00a0Relation médecin–patient"),
        ("Heading 2", "■\u00a0A.\u00a0Confiance"),
    ]
    texts = [text for _, text in paragraphs]
    start = texts.index("■\u00a0I.\u00a0Organisation du cabinet")
    assert texts[start + 1 : start + 6] == [
        "Tout ce qui touche à l’organisation\u00a0: accueil, planning…",
        "Second paragraphe «\u00a0entre guillemets\u00a0».",
        "Quand l’utiliser\u00a0: Le médecin décrit le fonctionnement quotidien du cabinet.",
        "Quand ne pas l’utiliser\u00a0: La relation avec un patient précis.",
        "Exemple\u00a0: «\u00a0On a réorganisé l’accueil\u00a0»",
    ]
    heading = document.paragraphs[start]
    assert str(heading.runs[0].font.color.rgb) == "4E79A7"
    language = document.styles["Normal"].element.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    assert language.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "fr-FR"
    project.close()


def test_docx_in_english_labels_its_parts_in_english() -> None:
    codebook = Codebook("Test", [CodeNode("Trust", when_to_use="Always.", example="“I trust her”")], language="en")
    document = WordDocument(io.BytesIO(codebook_docx(codebook)))
    assert [paragraph.text for paragraph in document.paragraphs][-2:] == ["When to use: Always.", "Example: “I trust her”"]


def test_export_format_comes_from_the_suffix_or_is_named(tmp_path: Path) -> None:
    project = sample_project(tmp_path)
    assert export_codebook(project, tmp_path / "codes.yml").format == "yaml"
    assert export_codebook(project, tmp_path / "codes.txt", format="qdc").format == "qdc"
    with pytest.raises(InputError, match="unknown codebook format '.txt'"):
        export_codebook(project, tmp_path / "codes.txt")
    with pytest.raises(InputError, match="no folder"):
        export_codebook(project, tmp_path / "missing" / "codes.yaml")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(("codes", ".codes"))) == ["codes.txt", "codes.yml"]
    project.close()
