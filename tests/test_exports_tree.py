"""The thematic tree in Word, finished as a results chapter: table of contents, participants table,
agreement with a second coder by theme, quotes chosen by order and number, French typography."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.document import Document as Word
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.factories import REFERENCE, SECOND
from tests.helpers import assert_rejected, run_json
from workbench.domain.errors import InputError
from workbench.domain.participants import AttributeType, Participant
from workbench.domain.text import natural_key
from workbench.domain.thematic_tree import QuoteChoice, QuoteOrder, ThematicTree, TreeNode, TreeQuote
from workbench.domain.typography import french_spacing
from workbench.domain.typography import percent_text as written_percent
from workbench.export.tree_docx import thematic_tree_docx
from workbench.services.agreement.comparison import load_comparison
from workbench.services.agreement.reports import unit_agreement
from workbench.services.coding.codings import add_coding
from workbench.storage.project import Project

QUOTE_WORDS = re.compile(r"«\u00a0(?P<words>.*)\u00a0»$", re.DOTALL)
MORE = re.compile(r"^… et (?P<count>\d+) autres? extraits?$")
NBSP, NARROW = "\u00a0", "\u202f"


def export_tree(database: Path, folder: Path, *options: str) -> tuple[dict, Word]:
    output = folder / "arbre.docx"
    summary = run_json(database, "export", "tree", "--coder", REFERENCE, *options, "-o", str(output))
    return summary, WordDocument(str(output))


def body(word: Word) -> list[Paragraph | Table]:
    """The paragraphs and tables of the document, in order."""
    return list(word.iter_inner_content())


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def interviewed_participants(database: Path, coder: str) -> list[str]:
    """The participants whose documents ``coder`` coded or that use the codebook ``coder`` coded
    with, read with sqlite3 alone."""
    connection = sqlite3.connect(database)
    try:
        query = (
            "SELECT d.participant_id FROM coding c JOIN document d ON d.id = c.document_id "
            "JOIN coder k ON k.id = c.coder_id WHERE k.name = :coder "
            "UNION SELECT d.participant_id FROM document d WHERE d.participant_id IS NOT NULL AND d.codebook_id IN "
            "(SELECT o.codebook_id FROM coding c JOIN code o ON o.id = c.code_id JOIN coder k ON k.id = c.coder_id WHERE k.name = :coder)"
        )
        return sorted((row[0] for row in connection.execute(query, {"coder": coder})), key=natural_key)
    finally:
        connection.close()


def quotes_by_node(word: Word) -> list[tuple[str, list[str], list[str]]]:
    """Per heading: its text, its quotes' words, and the other paragraphs under it."""
    nodes: list[tuple[str, list[str], list[str]]] = []
    for paragraph in word.paragraphs:
        if paragraph.style.name.startswith("Heading "):
            nodes.append((paragraph.text, [], []))
        elif nodes and paragraph.style.name == "Quote":
            nodes[-1][1].append(QUOTE_WORDS.search(paragraph.text)["words"])
        elif nodes:
            nodes[-1][2].append(paragraph.text)
    return nodes


# Participants table.


def test_the_participants_table_has_one_row_per_participant_interviewed_in_natural_order(bundled_copy: Path, tmp_path: Path) -> None:
    _, word = export_tree(bundled_copy, tmp_path)
    content = body(word)
    table = next(item for item in content if isinstance(item, Table))
    caption = content[content.index(table) - 1]
    assert caption.text == "Tableau 1 – Caractéristiques des participants" and caption.style.name == "Caption"
    assert table.style.name == "Table Grid"
    rows = cells(table)
    header = rows[0]
    assert header[0] == "Participant"
    assert {"sexe", "âge", "durée de l’entretien", "assistant présent"} <= set(header), "the usual names, in French"
    assert "années d’installation" not in header, "no participant of thesis-000 has it"
    expected = interviewed_participants(bundled_copy, REFERENCE)
    assert [row[0] for row in rows[1:]] == expected and expected[1] == "MG2"
    assert "MG13" in expected and len(expected) == 17, "MG13 was interviewed, though never quoted"
    by_participant = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_participant["MG14"]["âge"] == "33" and by_participant["MG14"]["sexe"] == "M"
    assert by_participant["MG14"]["durée de l’entretien"] == "32\u00a0min"
    assert by_participant["MG9"]["durée de l’entretien"] == "5\u00a0min", "5.33 minutes, rounded"
    assert by_participant["MG15"]["assistant présent"] == "oui" and by_participant["MG1"]["assistant présent"] == "non"
    assert by_participant["MG4"]["médecins"] == "—", "not recorded for MG4"


def test_no_participants_leaves_the_table_out(bundled_copy: Path, tmp_path: Path) -> None:
    _, word = export_tree(bundled_copy, tmp_path, "--no-participants")
    assert not word.tables
    assert not [paragraph for paragraph in word.paragraphs if paragraph.text.startswith("Tableau")]


# Table of contents.


def test_a_table_of_contents_field_follows_the_title_and_word_is_asked_to_fill_it(bundled_copy: Path, tmp_path: Path) -> None:
    export_tree(bundled_copy, tmp_path)
    with zipfile.ZipFile(tmp_path / "arbre.docx") as archive:
        document = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert '<w:instrText xml:space="preserve"> TOC \\o "1-4" \\h \\z \\u </w:instrText>' in document
    kinds = re.findall(r'w:fldCharType="(\w+)"', document)
    assert kinds == ["begin", "separate", "end"]
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat>"), "Word wants the schema's order"
    content = body(WordDocument(str(tmp_path / "arbre.docx")))
    title = content[0]
    contents = next(item for item in content if isinstance(item, Paragraph) and "Mettre à jour le champ" in item.text)
    first_table = next(item for item in content if isinstance(item, Table))
    first_heading = next(item for item in content if isinstance(item, Paragraph) and item.style.name == "Heading 1")
    assert title.style.name == "Title"
    assert content.index(contents) <= 2 < content.index(first_table) < content.index(first_heading)


# Quotes: order and cap.


def test_at_most_n_quotes_per_node_longest_first_with_a_line_for_the_rest(bundled_copy: Path, tmp_path: Path) -> None:
    _, full = export_tree(bundled_copy, tmp_path)
    every = quotes_by_node(full)
    summary, capped = export_tree(bundled_copy, tmp_path, "--order", "length", "--max-quotes", "2")
    shown = quotes_by_node(capped)
    assert [heading for heading, *_ in shown] == [heading for heading, *_ in every]
    assert summary["quotes"] == 114 and summary["quotes_shown"] == sum(min(len(quotes), 2) for _, quotes, _ in every) < 114
    for (heading, all_quotes, all_others), (_, quotes, others) in zip(every, shown, strict=True):
        longest = sorted(all_quotes, key=len, reverse=True)[:2]
        assert [len(quote) for quote in quotes] == [len(quote) for quote in longest], heading
        assert set(quotes) <= set(all_quotes)
        more = [match for text in others if (match := MORE.match(text))]
        if len(all_quotes) > 2:
            assert [int(match["count"]) for match in more] == [len(all_quotes) - 2], heading
        else:
            assert not more and sorted(quotes) == sorted(all_quotes), heading
        assert others[: len(all_others)] == all_others, "the counts line and the prose are unchanged"


def test_document_order_is_interview_order(bundled_copy: Path, tmp_path: Path) -> None:
    _, word = export_tree(bundled_copy, tmp_path, "--order", "document")
    nodes: list[list[str]] = []
    for paragraph in word.paragraphs:
        if paragraph.style.name.startswith("Heading "):
            nodes.append([])
        elif paragraph.style.name == "Quote":
            nodes[-1].append(paragraph.runs[0].text.split("\u00a0")[0])
    assert sum(map(len, nodes)) == 114
    for participants in nodes:
        assert participants == sorted(participants, key=natural_key)


def test_a_cap_below_one_is_refused(bundled_copy: Path, tmp_path: Path) -> None:
    output = str(tmp_path / "arbre.docx")
    for cap in ("0", "-1"):
        assert_rejected(bundled_copy, "export", "tree", "--coder", REFERENCE, f"--max-quotes={cap}", "-o", output, mentions="--max-quotes")
    assert not (tmp_path / "arbre.docx").exists()


def quote(participant: str, words: str) -> TreeQuote:
    return TreeQuote(participant, participant, 0, 0, len(words), [words])


def test_quote_choice_keeps_interview_order_between_equals_and_refuses_zero() -> None:
    quotes = [quote("MG1", "court"), quote("MG2", "le plus long des trois"), quote("MG3", "moyen!"), quote("MG4", "égal!")]
    assert QuoteChoice().shown(quotes) == quotes
    assert QuoteChoice(QuoteOrder.LENGTH, 3).shown(quotes) == [quotes[1], quotes[2], quotes[0]]
    assert QuoteChoice(limit=1).shown(quotes) == quotes[:1]
    with pytest.raises(InputError, match="--max-quotes"):
        QuoteChoice(limit=0)


# An English tree, written from plain data.


def test_an_english_tree_has_english_captions_values_and_untouched_prose() -> None:
    node = TreeNode(1, 1, "I.", "Theme", "", "Why: because ; really ?", [quote("P2", f"words {index}") for index in range(5)], {"P2"}, 5)
    tree = ThematicTree(
        "Codebook", "alice", "en-GB", [node],
        {"assistant_present": AttributeType.BOOLEAN, "interview_duration": AttributeType.DURATION, "score": AttributeType.NUMBER},
        [Participant("P2", {"assistant_present": True, "interview_duration": 44.6, "score": 2.5}), Participant("P10", {})],
    )  # fmt: skip
    word = WordDocument(io.BytesIO(thematic_tree_docx(tree, quotes=QuoteChoice(limit=2))))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Table 1 – Participants" in texts and "… and 3 more quotes" in texts
    assert "Why: because ; really ?" in texts
    assert any("Right-click › Update field" in text for text in texts)
    assert cells(word.tables[0]) == [
        ["Participant", "assistant present", "interview duration", "score"],
        ["P2", "yes", "45\u00a0min", "2.5"],
        ["P10", "—", "—", "—"],
    ]
    assert [paragraph.text for paragraph in word.paragraphs if paragraph.style.name == "Quote"] == ["P2: “words 0”", "P2: “words 1”"]


# French typography in prose.


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Le constat est sans appels : les médecins", "Le constat est sans appels\u00a0: les médecins"),
        ("profils de médecins pouvant accueillir un AM :", "profils de médecins pouvant accueillir un AM\u00a0:"),
        ("quelles missions aura l’AM au sein du cabinet ?", "quelles missions aura l’AM au sein du cabinet\u202f?"),
        ("une solution de « colmatage de la situation actuelle ».", "une solution de «\u202fcolmatage de la situation actuelle\u202f»."),
        ("«oui» ; «non»", "«\u202foui\u202f»\u202f; «\u202fnon\u202f»"),
        ("C’est déjà ça… Vraiment ?!", "C’est déjà ça… Vraiment\u202f?!"),
        ("Et après… ?", "Et après…\u202f?"),
        ("l’assistante médicale: d’accord!", "l’assistante médicale\u00a0: d’accord\u202f!"),
        ("« Pourquoi pas ? »", "«\u202fPourquoi pas\u202f?\u202f»"),
        ("(vraiment ?)", "(vraiment\u202f?)"),
    ],
)
def test_french_spacing_puts_no_break_spaces_before_high_punctuation_and_inside_guillemets(written: str, printed: str) -> None:
    assert french_spacing(written) == printed
    assert french_spacing(printed) == printed


@pytest.mark.parametrize(
    "untouched",
    [
        "rendez-vous à 10:30 ou 14:05:30",
        "un ratio de 1:3 entre AM et médecins",
        "voir https://www.has-sante.fr/jcms/p_3223?id=1&x=y! et la suite",
        "site www.ameli.fr/medecin?",
        "MG2\u00a0: «\u00a0c’est l’avenir\u00a0»",
        "Note\u202f: déjà espacé\u202f!",
        "Pourquoi?Parce que",
        "",
    ],
)
def test_french_spacing_leaves_times_ratios_addresses_and_existing_spaces_alone(untouched: str) -> None:
    assert french_spacing(untouched) == untouched


def test_french_descriptions_get_french_spaces_and_quotes_keep_theirs(bundled_copy: Path, tmp_path: Path) -> None:
    _, word = export_tree(bundled_copy, tmp_path)
    texts = [paragraph.text for paragraph in word.paragraphs if paragraph.style.name == "Normal"]
    assert any("sans appels\u00a0: les médecins" in text for text in texts)
    assert any("«\u202fcolmatage de la situation actuelle\u202f»" in text for text in texts)
    assert any(text.endswith("au sein du cabinet\u202f?") for text in texts)
    assert not [text for text in texts if re.search(r" [:;?!»]|« ", text)]
    quotes = [paragraph.text for paragraph in word.paragraphs if paragraph.style.name == "Quote"]
    assert quotes and all(re.match(r"^\S+\u00a0: «\u00a0.*\u00a0»$", text, re.DOTALL) for text in quotes)
    assert not [text for text in quotes if NARROW in text]


# Agreement with a second coder.


def percent_text(share: float) -> str:
    return f"{100 * share:.1f}".replace(".", ",") + "\u00a0%"


def test_the_agreement_table_shows_the_services_figures_by_theme_and_pooled(two_coder_template: Path, tmp_path: Path) -> None:
    database = tmp_path / "study.db"
    shutil.copyfile(two_coder_template, database)
    summary, word = export_tree(database, tmp_path, "--compare-with", SECOND)
    project = Project.open(database)
    try:
        comparison = load_comparison(project, (REFERENCE, SECOND), depth=1)
    finally:
        project.close()
    report = unit_agreement(comparison)
    pooled = report.pooled
    content = body(word)
    participants, agreement = [item for item in content if isinstance(item, Table)]
    caption, sentence = content[content.index(agreement) - 2 : content.index(agreement)]
    assert caption.text == "Tableau 2 – Accord entre codeurs par thème"
    assert f"Accord entre {REFERENCE} et {SECOND} au niveau des unités de sens ({report.compared} unités" in sentence.text
    assert "(niveau 1)" in sentence.text
    rows = cells(agreement)
    assert rows[0] == ["Thème", f"Unités codées ({REFERENCE} / {SECOND})", "Accord", "κ de Cohen"]
    assert len(rows) == 1 + len(report.codes) + 1
    assert rows[-1] == [
        "Ensemble des thèmes",
        f"{pooled.counts.both + pooled.counts.a_only} / {pooled.counts.both + pooled.counts.b_only}",
        percent_text(pooled.statistics["percent_agreement"].value),
        f"{pooled.statistics['cohen_kappa'].value:.2f}".replace(".", ","),
    ]
    for row, entry in zip(rows[1:-1], report.codes, strict=True):
        assert row[0].endswith(comparison.codes[entry.code]) and row[0].split("\u00a0")[0] in {"I.", "II.", "III.", "IV.", "V."}
        assert row[2] == percent_text(entry.result.statistics["percent_agreement"].value)
    assert summary["agreement"]["percent_agreement"] == pooled.statistics["percent_agreement"].value
    assert summary["agreement"]["cohen_kappa"] == pooled.statistics["cohen_kappa"].value
    assert summary["agreement"]["units"] == report.compared


def test_agreement_needs_units_of_meaning_and_a_known_coder(bundled_copy: Path, tmp_path: Path) -> None:
    project = Project.open(bundled_copy)
    try:
        add_coding(project, "MG1", "Manque de médecins", 0, 40, coder=SECOND)
    finally:
        project.close()
    output = str(tmp_path / "arbre.docx")
    line = assert_rejected(bundled_copy, "export", "tree", "--coder", REFERENCE, "--compare-with", SECOND, "-o", output, mentions="no units of meaning in MG1")
    assert "--compare-with" in line and "workbench segment" in line
    assert_rejected(bundled_copy, "export", "tree", "--coder", REFERENCE, "--compare-with", "bob", "-o", output, mentions="--compare-with: no coder 'bob'")
    assert_rejected(bundled_copy, "export", "tree", "--coder", REFERENCE, "--compare-with", REFERENCE, "-o", output, mentions="both coders")
    assert not (tmp_path / "arbre.docx").exists()


def test_percentages_are_written_as_each_language_writes_them() -> None:
    assert written_percent(0.125, "fr") == "12,5\u00a0%" and written_percent(0.125, "en") == "12.5%"
    assert written_percent(0.5, "fr", digits=0) == "50\u00a0%" and written_percent(0.9876, "en", digits=2) == "98.76%"
