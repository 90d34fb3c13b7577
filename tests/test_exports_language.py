"""Exports in the project's language (issue #17): with the bundled study in French, every file the
command line and the terminal UI export — Word, CSV, XLSX — is read back and holds no English word
of the catalogue outside its data (transcripts, codes, names); the same exports of an English project
are headed in English; an attribute's label set with ``workbench participants label`` heads its
column in the CSV and the Word participants table; the thematic tree and the COREQ checklist write,
word for word, what they wrote before their texts moved to the catalogue.

The English words looked for are those of the catalogue's English texts that none of its French
texts uses (:func:`tests.language_check.english_words`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from tests.factories import REFERENCE, SECOND
from tests.helpers import assert_rejected, run_cli, run_json, snapshot_of
from tests.language_check import english_words, words
from workbench.cli.export_commands import export_app
from workbench.domain.codebook import Codebook, CodeNode
from workbench.domain.thematic_tree import QuoteChoice, QuoteOrder
from workbench.export.codebook_csv import COLUMNS as TAGUETTE_COLUMNS
from workbench.export.codebook_docx import codebook_docx
from workbench.export.coreq_docx import REFERENCE as COREQ_REFERENCE
from workbench.export.coreq_docx import coreq_docx
from workbench.export.tree_docx import thematic_tree_docx
from workbench.qdpx.codebook_reader import read_codebook_qdc
from workbench.qdpx.codebook_writer import codebook_qdc
from workbench.services.analysis.saturation import saturation
from workbench.services.coreq.checklist import coreq_report
from workbench.services.reports.frames import FIXED_COLUMNS
from workbench.services.reports.thematic_tree import build_thematic_tree, tree_agreement
from workbench.storage.project import Project
from workbench.tui.screens.exports import KINDS

CODEBOOK = "Thèse 000"
ATTRIBUTE_LABEL = "Mode d’exercice « MEP »"

EXPORTS = {
    "codebook-docx": ("livre.docx", ["codebook", "--codebook", CODEBOOK]),
    "codebook-csv": ("livre.csv", ["codebook", "--codebook", CODEBOOK]),
    "codebook-yaml": ("livre.yaml", ["codebook", "--codebook", CODEBOOK]),
    "codebook-qdc": ("livre.qdc", ["codebook", "--codebook", CODEBOOK]),
    "qdpx": ("projet.qdpx", ["qdpx"]),
    "tree": ("arbre.docx", ["tree", "--coder", REFERENCE, "--compare-with", SECOND, "--charts"]),
    "codings-csv": ("codages.csv", ["codings"]),
    "codings-xlsx": ("codages.xlsx", ["codings"]),
    "matrix-csv": ("matrice.csv", ["matrix", "--coder", REFERENCE]),
    "matrix": ("matrice.xlsx", ["matrix", "--coder", REFERENCE]),
    "attribute-csv": ("exercice.csv", ["matrix", "--of", "attribute", "--attribute", "practice_type", "--coder", REFERENCE]),
    "attribute-xlsx": ("exercice.xlsx", ["matrix", "--of", "attribute", "--attribute", "practice_type", "--coder", REFERENCE]),
    "cooccurrence-csv": ("cooccurrences.csv", ["matrix", "--of", "cooccurrence", "--coder", SECOND]),
    "cooccurrence": ("cooccurrences.xlsx", ["matrix", "--of", "cooccurrence", "--coder", SECOND]),
    "transcript": ("MG14.docx", ["transcript", "MG14"]),
    "coreq": ("coreq.docx", ["coreq"]),
}
"""Each export of ``workbench export`` and of the terminal UI's export screen (by its key there)."""
FORMATS = (".yaml", ".qdc", ".qdpx")
"""Exchange formats, whose names are those the format defines: written, not read for English."""


def data_words(database: Path) -> set[str]:
    """Every word of the study's own texts: transcripts, codes and their definitions, names, attribute values."""
    connection = sqlite3.connect(database)
    queries = [
        "SELECT identifier, title, text, source FROM document", "SELECT name, description, when_to_use, when_not_to_use, example FROM code",
        "SELECT name, source FROM codebook", "SELECT name FROM coder", "SELECT title, text FROM memo", "SELECT label, speaker FROM turn",
        "SELECT value FROM setting WHERE key = 'name'",
    ]  # fmt: skip
    try:
        found = {str(value) for query in queries for row in connection.execute(query) for value in row if value}
        for identifier, attributes in connection.execute("SELECT identifier, attributes FROM participant"):
            found.add(identifier)
            found.update(str(value) for value in json.loads(attributes).values() if value is not None)
    finally:
        connection.close()
    return set().union(*map(words, found))


def shown_texts(path: Path) -> list[str]:
    """What a reader sees of an exported file: a Word document's paragraphs and table cells, a
    table's cells (headers included) and sheet names."""
    if path.suffix == ".docx":
        word = WordDocument(str(path))
        cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        return [word.core_properties.title, *(paragraph.text for paragraph in word.paragraphs), *cells]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as table:
            return [cell for row in csv.reader(table) for cell in row]
    workbook = load_workbook(path)
    return [*workbook.sheetnames, *(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)]


def english_in(path: Path, data: set[str]) -> set[str]:
    texts = [text.replace(COREQ_REFERENCE, "") for text in shown_texts(path)]
    return set().union(*map(words, texts)) & english_words() - data


def header(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as table:
            return next(csv.reader(table))
    return [str(cell.value) for cell in load_workbook(path).active[1]]


@pytest.fixture
def study(two_coder_template: Path, tmp_path: Path) -> Path:
    """The bundled study (French), segmented, coded by thesis-000 and alice."""
    database = tmp_path / "study.db"
    shutil.copyfile(two_coder_template, database)
    return database


def export_all(database: Path, folder: Path) -> dict[str, Path]:
    written = {}
    for key, (name, arguments) in EXPORTS.items():
        output = folder / name
        run_json(database, "export", *arguments, "-o", str(output))
        written[key] = output
    return written


def speak_english(database: Path) -> None:
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE setting SET value = 'en' WHERE key = 'language'")
        connection.execute("UPDATE codebook SET language = 'en'")
    connection.close()


# Every export, in French and in English.


def test_every_export_of_the_command_line_and_the_terminal_ui_is_checked() -> None:
    commands = {command.name or command.callback.__name__ for command in export_app.registered_commands}
    assert commands == {arguments[0] for _, arguments in EXPORTS.values()}
    assert {kind.key for kind in KINDS} <= set(EXPORTS)
    assert {kind.extension for kind in KINDS} <= {Path(name).suffix for name, _ in EXPORTS.values()}


def test_a_french_study_exports_no_english_word(study: Path, tmp_path: Path) -> None:
    written = export_all(study, tmp_path)
    data = data_words(study)
    found = {key: english_in(path, data) for key, path in written.items() if path.suffix not in FORMATS}
    found["codebook-csv"] -= words(" ".join(TAGUETTE_COLUMNS))  # the names Taguette reads
    assert found == {key: set() for key in found}
    assert header(written["codings-csv"])[:4] == ["codage", "document", "participant", "codeur"]
    assert header(written["codings-xlsx"])[-8:] == ["livre de codes", "id du code", "chemin du code", "profondeur", "début", "fin", "texte", "créé le"]
    assert {"sexe", "âge", "type d’exercice", "durée de l’entretien"} <= set(header(written["codings-csv"]))
    assert load_workbook(written["codings-xlsx"]).sheetnames == ["codages"]
    assert load_workbook(written["attribute-xlsx"]).sheetnames == ["type d’exercice"]
    assert header(written["attribute-csv"])[:3] == ["code", "Cabinet de groupe (n, sur 9)", "Cabinet de groupe (%, sur 9)"]
    assert header(written["cooccurrence"])[0] == "code"
    with written["codebook-csv"].open(encoding="utf-8-sig", newline="") as table:
        assert next(csv.reader(table)) == ["tag", "description", "colour", "full path"]


def test_an_english_project_exports_english_headers(study: Path, tmp_path: Path) -> None:
    speak_english(study)
    written = export_all(study, tmp_path)
    labels = ["study", "sex", "age", "age band", "practice type", "doctors", "years installed", "time with the assistant", "setting",
              "interview duration", "assistant present"]  # fmt: skip
    assert header(written["codings-csv"]) == [*FIXED_COLUMNS[:4], *labels, *FIXED_COLUMNS[4:]]
    assert load_workbook(written["codings-xlsx"]).sheetnames == ["codings"]
    assert header(written["attribute-csv"])[:2] == ["code", "Cabinet de groupe (n, of 9)"]
    data = data_words(study)
    assert {"coding", "quotes", "right", "click", "themes"} <= english_in(written["tree"], data)
    assert {"checklist", "criteria", "completed"} <= english_in(written["coreq"], data)
    assert {"coding", "depth", "created"} <= english_in(written["codings-xlsx"], data)


# The labels of the attributes.


def test_a_label_set_with_the_command_heads_the_word_table_and_the_csv(study: Path, tmp_path: Path) -> None:
    result = run_json(study, "participants", "label", "practice_type", f"  {ATTRIBUTE_LABEL} ")
    assert result == {"attribute": "practice_type", "language": "fr", "label": ATTRIBUTE_LABEL, "set": True}
    run_json(study, "participants", "label", "sex", "Sex at birth", "--language", "en")
    tree, codings = tmp_path / "arbre.docx", tmp_path / "codages.csv"
    run_json(study, "export", "tree", "--coder", REFERENCE, "-o", str(tree))
    run_json(study, "export", "codings", "-o", str(codings))
    first_row = [cell.text for cell in WordDocument(str(tree)).tables[0].rows[0].cells]
    assert first_row[:5] == ["Participant", "étude", "sexe", "âge", ATTRIBUTE_LABEL] and "type d’exercice" not in first_row
    assert ATTRIBUTE_LABEL in header(codings) and "type d’exercice" not in header(codings)
    listing = run_json(study, "participants", "labels")["attributes"]
    assert listing[1] == {"name": "sex", "labels": {"en": "Sex at birth", "fr": "sexe"}, "set": ["en"]}
    assert listing[4] == {"name": "practice_type", "labels": {"en": "practice type", "fr": ATTRIBUTE_LABEL}, "set": ["fr"]}
    run_json(study, "participants", "label", "practice_type", "--reset")
    run_json(study, "export", "codings", "-o", str(codings))
    assert "type d’exercice" in header(codings)


def test_bad_labels_are_refused_and_leave_the_project_as_it_was(study: Path) -> None:
    before = snapshot_of(study)
    assert_rejected(study, "participants", "label", "couleur", "Couleur", mentions="no participant attribute 'couleur'")
    assert_rejected(study, "participants", "label", "sex", "  ", mentions="empty label for 'sex'")
    assert_rejected(study, "participants", "label", "sex", "âge", mentions="'âge' already heads another column")
    assert_rejected(study, "participants", "label", "sex", "chemin du code", mentions="already heads another column")
    assert_rejected(study, "participants", "label", "sex", "Sexe\u202e", mentions="invisible control character")
    assert_rejected(study, "participants", "label", "sex", "Sexe", "--language", "de", mentions="no labels in 'de'")
    assert_rejected(study, "participants", "label", "sex", mentions="give either a LABEL or --reset")
    assert_rejected(study, "participants", "label", "sex", "Sexe", "--reset", mentions="give either a LABEL or --reset")
    assert snapshot_of(study) == before
    refused = run_cli(study, "participants", "label", "sex", "", locale={"LANG": "fr_FR.UTF-8"})
    assert refused.exit_code == 1 and "libellé vide pour 'sex'" in refused.stderr


# The Word texts moved to the catalogue, and the labels of a code's definition.


WRITTEN_BEFORE = {
    "fr": [
        "Codage de thesis-000 — 114 extraits, 16 participants", "Source\u00a0: entretiens",
        "Cliquez droit › Mettre à jour le champ pour afficher la table des matières.", "Tableau 1 – Caractéristiques des participants",
        "Tableau 2 – Accord entre codeurs par thème", "Figures",
        "Figure 1 – Schéma de l’arbre thématique (thèmes et catégories, n\u00a0: participants cités)",
        "Figure 2 – Nombre d’extraits par catégorie",
        "Figure 3 – Suffisance des données\u00a0: nouveaux codes apportés par chaque entretien et cumul",
        "5 participants, 9 extraits", "1 participant, 1 extrait", "… et 1 autre extrait",
    ],
    "en": [
        "Coding by thesis-000 — 114 quotes, 16 participants", "Source: entretiens",
        "Right-click › Update field to show the table of contents.", "Table 1 – Participants",
        "Table 2 – Agreement between coders by theme", "Figures", "Figure 1 – The thematic tree (themes and categories, n: participants quoted)",
        "Figure 2 – Quotes per category", "Figure 3 – Data sufficiency: new codes brought by each interview, and the cumulative count",
        "5 participants, 9 quotes", "1 participant, 1 quote", "… and 1 more quote",
    ],
}  # fmt: skip
"""Paragraphs the thematic tree wrote when its texts were a dictionary per language."""
TABLE_HEADS_BEFORE = {
    "fr": [["Participant", "étude", "sexe", "âge"], ["Thème", "Unités codées (thesis-000 / alice)", "Accord", "κ de Cohen"]],
    "en": [["Participant", "study", "sex", "age"], ["Theme", "Units coded (thesis-000 / alice)", "Agreement", "Cohen’s κ"]],
}
COREQ_BEFORE = {
    "fr": ["Grille COREQ", "Paragraphe de méthodes", "Critères COREQ (32 items)", "N°", "Item", "Question", "Réponse", "à compléter", "(projet)"],
    "en": ["COREQ checklist", "Methods paragraph", "COREQ criteria (32 items)", "No.", "Item", "Question", "Answer", "to be completed", "(project)"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_tree_and_the_checklist_write_what_they_wrote_before(study: Path, language: str) -> None:
    project = Project.open(study)
    try:
        tree = build_thematic_tree(project, coder=REFERENCE)
        tree.agreement = tree_agreement(project, tree, SECOND)
        sufficiency = saturation(project, coder=REFERENCE)
        report = coreq_report(project)
    finally:
        project.close()
    tree.language = language
    word = WordDocument(io.BytesIO(thematic_tree_docx(tree, "entretiens", quotes=QuoteChoice(QuoteOrder.DOCUMENT, 1), charts=True, saturation=sufficiency)))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    assert all(expected in paragraphs for expected in WRITTEN_BEFORE[language]), set(WRITTEN_BEFORE[language]) - set(paragraphs)
    heads = [[cell.text for cell in table.rows[0].cells][:4] for table in word.tables]
    assert heads == TABLE_HEADS_BEFORE[language]
    agreement_notes = paragraphs[paragraphs.index(WRITTEN_BEFORE[language][4]) + 1 : paragraphs.index("Figures")]
    quoted = "MG1\u00a0: «\u00a0" if language == "fr" else "MG1: “"
    assert len(agreement_notes) == 4 and any(paragraph.startswith(quoted) for paragraph in paragraphs)
    report = dataclasses.replace(report, language=language)
    checklist = WordDocument(io.BytesIO(coreq_docx(report)))
    texts = [paragraph.text for paragraph in checklist.paragraphs] + [cell.text for row in checklist.tables[0].rows for cell in row.cells]
    reference = "Référence\u00a0: " if language == "fr" else "Reference: "
    assert all(any(text == expected or text.endswith("\u00a0" + expected) for text in texts) for expected in COREQ_BEFORE[language])
    assert reference + COREQ_REFERENCE in texts


@pytest.mark.parametrize(("language", "label"), [("fr", "Quand ne pas l’utiliser\u00a0:"), ("en", "When not to use:")])
def test_a_codes_definition_is_labelled_in_its_language_and_read_back_in_either(language: str, label: str, tmp_path: Path) -> None:
    code = CodeNode("Délais d’attente", description="Le temps « perdu ».", when_to_use="Attente citée.", when_not_to_use="Urgences.", example="Trois mois")
    codebook = Codebook("Livre", [code], language=language, source="Thèse")
    paragraphs = [paragraph.text for paragraph in WordDocument(io.BytesIO(codebook_docx(codebook))).paragraphs]
    assert f"{label} Urgences." in paragraphs
    assert ("Source\u00a0: Thèse" if language == "fr" else "Source: Thèse") in paragraphs
    path = tmp_path / "livre.qdc"
    path.write_bytes(codebook_qdc(codebook))
    for reading_language in ("fr", "en"):
        (read,) = read_codebook_qdc(path, language=reading_language).codes
        assert (read.description, read.when_to_use, read.when_not_to_use, read.example) == ("Le temps « perdu ».", "Attente citée.", "Urgences.", "Trois mois")


def test_attribute_values_in_the_codings_file_read_as_people_write_them(bundled_copy: Path, tmp_path: Path) -> None:
    """Whole numbers without ``.0`` and yes/no in the project's language, not pandas' ``62.0`` and ``False``."""
    output = tmp_path / "codages.csv"
    assert run_cli(bundled_copy, "export", "codings", "-o", str(output)).exit_code == 0
    rows = list(csv.DictReader(output.read_text(encoding="utf-8-sig").splitlines()))
    first = next(row for row in rows if row["participant"] == "MG1")
    assert first["âge"] == "62" and first["assistant présent"] == "non"
    assert not {"True", "False"} & {value for row in rows for value in row.values()}
