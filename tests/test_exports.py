"""Exports from the codings, on each backend: the thematic tree and a transcript in Word, tables and
matrices."""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from pathlib import Path

import pandas as pd
from docx import Document as WordDocument
from sqlmodel import select

from tests.helpers import assert_rejected, run_json
from workbench.domain.text import natural_key
from workbench.services.coding.codings import add_coding
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.queries import load_document
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord
from workbench.storage.units import replace_units

QUOTE = re.compile(r"^(?P<participant>\S+)\u00a0: «\u00a0(?P<words>.*)\u00a0»$", re.DOTALL)


def transcripts(database: str) -> dict[str, str]:
    project = Project.open(database)
    with project.session() as session:
        texts = {record.participant_id or record.identifier: record.text for record in session.exec(select(DocumentRecord))}
    project.close()
    return texts


def test_the_tree_has_one_heading_per_node_at_its_depth_and_verbatim_attributed_quotes(bundled_location: str, tmp_path: Path) -> None:
    output = tmp_path / "arbre.docx"
    summary = run_json(bundled_location, "export", "tree", "--coder", "thesis-000", "-o", str(output))
    assert summary["quotes"] == 114 and summary["nodes"] == 70
    project = Project.open(bundled_location)
    (stored,) = load_codebooks(project, "Thèse 000")
    project.close()
    expected = [(stored.tree.depth(code.id), code.name) for code in stored.tree.walk()]
    word = WordDocument(str(output))
    headings = [
        (int(paragraph.style.name.split()[-1]), paragraph.text.split("\u00a0", 1)[-1])
        for paragraph in word.paragraphs
        if paragraph.style.name.startswith("Heading ")
    ]
    assert headings == expected
    assert max(depth for depth, _ in headings) == 4
    texts = transcripts(bundled_location)
    quotes = [paragraph.text for paragraph in word.paragraphs if paragraph.style.name == "Quote"]
    assert len(quotes) == 114
    for quote in quotes:
        match = QUOTE.match(quote)
        assert match, quote
        for part in match["words"].split("\u00a0[…]\u00a0"):
            assert part and part in texts[match["participant"]], (match["participant"], part)


def test_the_tree_in_other_numbering(bundled_location: str, tmp_path: Path) -> None:
    output = tmp_path / "arbre.docx"
    run_json(bundled_location, "export", "tree", "--coder", "thesis-002", "--numbering", "1.,1.1", "-o", str(output))
    headings = [paragraph.text for paragraph in WordDocument(str(output)).paragraphs if paragraph.style.name.startswith("Heading ")]
    assert headings[0] == "1.\u00a0Des médecins en difficultés" and headings[1].startswith("1.1\u00a0")


def test_tree_errors_leave_the_database_as_it_was(bundled_location: str, tmp_path: Path) -> None:
    assert_rejected(bundled_location, "export", "tree", "--coder", "personne", "-o", str(tmp_path / "a.docx"), mentions="no coder 'personne'")
    assert_rejected(bundled_location, "export", "tree", "-o", str(tmp_path / "a.docx"), mentions="--coder")
    assert_rejected(
        bundled_location, "export", "tree", "--coder", "thesis-000", "--numbering", "I.,X", "-o", str(tmp_path / "a.docx"), mentions="--numbering"
    )
    assert_rejected(
        bundled_location, "export", "tree", "--coder", "thesis-000", "-o", str(tmp_path / "absent" / "a.docx"), mentions="no folder"
    )
    assert not list(tmp_path.glob("*.docx"))


def test_codings_table_has_one_row_per_coding_with_attributes(bundled_location: str, tmp_path: Path) -> None:
    output = tmp_path / "codages.csv"
    summary = run_json(bundled_location, "export", "codings", "--coder", "thesis-000", "-o", str(output))
    table = pd.read_csv(output, encoding="utf-8-sig")
    assert len(table) == summary["rows"] == 114
    assert {"document", "participant", "codeur", "chemin du code", "début", "fin", "texte", "âge", "sexe"} <= set(table.columns)
    texts = transcripts(bundled_location)
    for row in table.itertuples():
        assert texts[row.participant][row.début : row.fin] == row.texte
    assert set(table["codeur"]) == {"thesis-000"}
    assert table.loc[table["participant"] == "MG14", "âge"].iloc[0] == 33
    excel = tmp_path / "codages.xlsx"
    run_json(bundled_location, "export", "codings", "-o", str(excel))
    assert len(pd.read_excel(excel, sheet_name="codages")) == 223


def test_code_by_participant_matrix_matches_an_independent_count(bundled_location: str, tmp_path: Path) -> None:
    output = tmp_path / "matrice.csv"
    run_json(bundled_location, "export", "matrix", "--coder", "thesis-000", "-o", str(output))
    matrix = pd.read_csv(output, encoding="utf-8-sig", index_col="code")
    project = Project.open(bundled_location)
    (stored,) = load_codebooks(project, "Thèse 000")
    with project.session() as session:
        rows = session.exec(
            select(CodingRecord.code_id, DocumentRecord.participant_id).join(DocumentRecord).join(CoderRecord).where(CoderRecord.name == "thesis-000")
        ).all()
    project.close()
    expected = Counter((" / ".join(stored.tree.path(code)), participant) for code, participant in rows)
    assert len(matrix) == 70 and list(matrix.columns) == sorted(matrix.columns, key=natural_key)
    for (code, participant), count in expected.items():
        assert matrix.loc[code, participant] == count
    assert matrix.to_numpy().sum() == sum(expected.values()) == 114


def test_cooccurrence_counts_units_where_both_codes_were_applied(bundled_location: str, tmp_path: Path) -> None:
    project = Project.open(bundled_location)
    with project.session() as session:
        text = load_document(session, "MG3").text
    units = [(0, 200), (200, 400), (400, 600)]
    with project.transaction() as session:
        replace_units(session, "MG3", units)
    codes = ["Manque de médecins", "Une population vieillissante et demandeuse", "Manque de temps des médecins"]
    applied = {(0, 50): [0, 1], (210, 220): [0, 1, 2], (450, 460): [2], (390, 410): [1]}
    for (start, end), which in applied.items():
        for index in which:
            add_coding(project, "MG3", codes[index], start, end, coder="alice")
    project.close()
    assert len(text) > 600
    output = tmp_path / "cooc.csv"
    run_json(bundled_location, "export", "matrix", "--of", "cooccurrence", "--coder", "alice", "-o", str(output))
    matrix = pd.read_csv(output, encoding="utf-8-sig", index_col="code")
    by_unit = [set() for _ in units]
    for (start, end), which in applied.items():
        for position, (unit_start, unit_end) in enumerate(units):
            if start < unit_end and unit_start < end:
                by_unit[position].update(which)
    paths = {index: next(label for label in matrix.index if label.endswith(codes[index])) for index in range(3)}
    for first in range(3):
        for second in range(3):
            expected = sum(first in unit and second in unit for unit in by_unit)
            assert matrix.loc[paths[first], paths[second]] == expected


def test_cooccurrence_needs_units_and_a_table_needs_a_known_suffix(bundled_location: str, tmp_path: Path) -> None:
    assert_rejected(bundled_location, "export", "matrix", "--of", "cooccurrence", "-o", str(tmp_path / "m.csv"), mentions="workbench segment")
    assert_rejected(bundled_location, "export", "codings", "-o", str(tmp_path / "m.txt"), mentions="unknown table format")


def test_a_transcript_in_word_carries_each_coding_as_a_comment(bundled_location: str, tmp_path: Path) -> None:
    output = tmp_path / "MG14.docx"
    summary = run_json(bundled_location, "export", "transcript", "MG14", "-o", str(output))
    word = WordDocument(str(output))
    comments = list(word.comments)
    assert len(comments) == summary["comments"] == 27
    assert {comment.author for comment in comments} == {"thesis-000"}
    assert all(comment.text.startswith(("Des AM", "Etat des lieux", "Les freins", "Les attentes")) or " / " in comment.text for comment in comments)
    assert word.paragraphs[1].runs[0].text.startswith("M ")


def test_an_export_is_readable_as_any_new_file_and_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    from workbench.export.files import write_atomically

    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "arbre.docx"
        write_atomically(fresh, b"first")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "partage.docx"
        shared.write_bytes(b"old")
        shared.chmod(0o664)
        write_atomically(shared, b"new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_bytes() == b"new"
    finally:
        os.umask(previous)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["arbre.docx", "partage.docx"]
