"""YAML codebooks: the bundled ones, the numbering read from them, and bad files named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import CODEBOOK_000, CODEBOOK_002, SAMPLE_YAML, write_sample_codebook
from tests.helpers import assert_rejected, run_cli
from workbench.domain.errors import InputError
from workbench.domain.numbering import NumberStyle
from workbench.export.codebook_yaml import codebook_yaml
from workbench.importers.codebook_yaml import parse_codebook_yaml, read_codebook_yaml
from workbench.services.codebook.importing import import_codebook
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project

MINIMAL = 'name: "Essai"\nlanguage: fr\ncodes:\n'


def body(text: str) -> str:
    """A YAML codebook without its comment lines."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def test_bundled_codebooks_read_with_their_numbering() -> None:
    thesis_000, thesis_002 = read_codebook_yaml(CODEBOOK_000), read_codebook_yaml(CODEBOOK_002)
    assert sum(1 for _ in thesis_000.walk()) == 70 and sum(1 for _ in thesis_002.walk()) == 35
    assert thesis_000.notices == thesis_002.notices == []
    assert thesis_000.numbering.styles == (NumberStyle.ROMAN, NumberStyle.LETTER, NumberStyle.ARABIC)
    assert (thesis_002.numbering.styles, thesis_002.numbering.start, thesis_002.numbering.prefix) == (
        (NumberStyle.DECIMAL, NumberStyle.DECIMAL), 2, "2.",
    )
    bulleted = [path for node, path in thesis_000.walk() if node.bulleted_children]
    assert bulleted == [("Des AM, pour quel MG et pour quelles missions ?", "Le risque à déléguer des tâches")]


def test_bundled_codebooks_import_and_export_back_unchanged(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "bundled.db")
    reports = [import_codebook(project, path, actor="test") for path in (CODEBOOK_000, CODEBOOK_002)]
    assert [(report.status, report.codes) for report in reports] == [("added", 70), ("added", 35)]
    assert import_codebook(project, CODEBOOK_000, actor="test").status == "unchanged"
    for stored, path in zip(load_codebooks(project, every=True), (CODEBOOK_000, CODEBOOK_002), strict=True):
        assert body(codebook_yaml(stored.outline()).decode("utf-8")) == body(path.read_text(encoding="utf-8"))
    project.close()


def test_sample_keeps_its_definitions_shortcut_and_typography() -> None:
    codebook = parse_codebook_yaml(SAMPLE_YAML, "essai.yaml")
    first = codebook.codes[0]
    assert first.shortcut == "o" and first.example == "«\u00a0On a réorganisé l’accueil\u00a0»"
    assert first.description.endswith("«\u00a0entre guillemets\u00a0».") and "\n\n" in first.description
    again = parse_codebook_yaml(codebook_yaml(codebook).decode("utf-8"), "again.yaml")
    assert again == codebook


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL + '- name: "A"\n  colour: "#12345"\n', 'essai.yaml: line 5: colour \'#12345\' is not #RRGGBB'),
        (MINIMAL + '- colour: "#123456"\n', "essai.yaml: line 4: code without a name"),
        (MINIMAL + '- name: "  "\n  colour: "#123456"\n', "essai.yaml: line 4: code without a name"),
        (MINIMAL + '- name: "A"\n  colour: #123456\n', "essai.yaml: line 5: colour is empty — quote it"),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n  colur: "#123456"\n', "line 6: unknown key 'colur' in code — did you mean 'colour'?"),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n  description: "x"\n  description: "y"\n', "line 7: key 'description' given twice"),
        (MINIMAL + '- name: A\n   colour: "#123456"\n', "essai.yaml: line 5: mapping values are not allowed here"),
        (MINIMAL + '- name: "A\n', "essai.yaml: line 5: found unexpected end of stream"),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n  children: "B"\n', "line 6: the codes under 'A' should be a list"),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n  shortcut: "ab"\n', "line 4: shortcut 'ab' is not one key"),
        (
            MINIMAL + '- name: "A"\n  colour: "#123456"\n  shortcut: a\n- name: "B"\n  colour: "#123456"\n  shortcut: a\n',
            "line 9: shortcut 'a' is already 'A''s",
        ),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n- name: "a"\n  colour: "#123456"\n', "line 6: two codes named 'a' under the top level"),
        (MINIMAL + '- name: "A"\n  colour: "#123456"\n  description: [x]\n', "line 6: description should be text, not a list"),
        (MINIMAL + '- name: &n "A"\n  colour: "#123456"\n  description: *n\n', "line 6: aliases (*name) are not allowed"),
        ('name: "Essai"\ncodes: []\n', "essai.yaml: line 1: the codebook has no language"),
        ("", "essai.yaml: the file is empty"),
        ("- a\n- b\n", "line 1: the codebook should be a mapping"),
    ],
)
def test_bad_files_are_named_by_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_codebook_yaml(text, "essai.yaml")
    assert message in error.value.one_line()


def test_numbers_that_do_not_follow_the_tree_give_a_notice() -> None:
    text = MINIMAL + '- name: "A"\n  number: "I."\n  colour: "#123456"\n- name: "B"\n  number: "III."\n  colour: "#123456"\n'
    codebook = parse_codebook_yaml(text, "essai.yaml")
    assert [node.number for node in codebook.codes] == ["I.", "II."]
    assert codebook.notices == [
        "essai.yaml: 1 number differs from its place in the tree (line 7: 'III.' is shown as 'II.'); workbench numbers codes by their place"
    ]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    database = tmp_path / "study.db"
    assert run_cli(database, "init").exit_code == 0
    result = run_cli(database, "import", str(write_sample_codebook(tmp_path)))
    assert result.exit_code == 0, result.output
    return database


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (SAMPLE_YAML.replace('colour: "#F28E2B"', 'colour: "#F28E2"'), "bad.yaml: line 43: colour '#F28E2'"),
        (SAMPLE_YAML.replace('- name: "Confiance"', '- nom: "Confiance"'), "bad.yaml: line 45: unknown key 'nom'"),
        (SAMPLE_YAML.replace('  - name: "Confiance"', '  - name: "Confiance"\n     number: "A."'), "bad.yaml: line 46: expected <block end>"),
        (SAMPLE_YAML.replace('- name: "Téléphone"', '- name: ""'), "bad.yaml: line 21: code without a name"),
    ],
)
def test_a_bad_file_changes_nothing(database: Path, tmp_path: Path, text: str, mentions: str) -> None:
    line = assert_rejected(database, "import", str(write_sample_codebook(tmp_path, text, "bad.yaml")), mentions=mentions)
    assert " — " in line


def test_a_codebook_is_imported_on_its_own(database: Path, tmp_path: Path) -> None:
    transcript = tmp_path / "MG1.txt"
    transcript.write_text("MG1 : Oui.\n", encoding="utf-8")
    assert_rejected(database, "import", str(write_sample_codebook(tmp_path)), str(transcript), mentions="imported on its own")
