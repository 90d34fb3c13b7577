"""The theses' own coding as reference coders, located in the bundled study's transcripts."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from tests.helpers import assert_rejected, run_json
from workbench.storage.codebooks import load_tree
from workbench.storage.project import Project
from workbench.storage.records import CodebookRecord, CoderRecord, CodingRecord, DocumentRecord

REFERENCE = Path(__file__).resolve().parents[1] / "corpora" / "medical-assistants" / "reference"
THESIS_000 = REFERENCE / "000_ced94200ebd9b1f1-resultats.txt"
THESIS_002 = REFERENCE / "002_00ebf9da570b4255-resultats.txt"


def test_000_locates_at_least_110_of_its_120_quotes_and_lists_the_others(bundled_copy: Path) -> None:
    report = run_json(bundled_copy, "import-reference", str(THESIS_000), "--replace")
    quotes = report["quotes"]
    assert report["coder"] == "thesis-000" and report["total"] == len(quotes) == 120
    located = [quote for quote in quotes if quote["status"] != "not-found"]
    assert len(located) >= 110
    for quote in quotes:
        credited = quote["credited"].replace(" ", "")
        if quote["status"] in ("verbatim", "approximate"):
            assert quote["found_in"] in (credited, "MG16" if credited == "M16" else credited)
            assert quote["coding"] is not None and quote["similarity"] >= 0.6
        else:
            assert quote["coding"] is None
        if quote["status"] == "other-participant":
            assert quote["found_in"] != credited and quote["start"] < quote["end"]
    assert report["counts"]["other-participant"] >= 1  # the thesis credits some quotes to the wrong GP
    assert "label 'M16' names no participant: read as 'MG16'" in report["notices"]


def test_each_coding_covers_the_located_text_on_the_quote_s_node(bundled_copy: Path) -> None:
    report = run_json(bundled_copy, "import-reference", str(THESIS_000), "--replace")
    project = Project.open(bundled_copy)
    with project.session() as session:
        codebook = session.exec(select(CodebookRecord).where(CodebookRecord.name.startswith("Thèse 000"))).one()
        tree = load_tree(session, codebook.id)
        codings = {
            coding.id: (coding, document)
            for coding, document in session.exec(
                select(CodingRecord, DocumentRecord)
                .join(DocumentRecord)
                .join(CoderRecord)
                .where(CoderRecord.name == "thesis-000")
            )
        }
    project.close()
    assert len(codings) == len({quote["coding"] for quote in report["quotes"] if quote["coding"]})
    for quote in report["quotes"]:
        if quote["coding"] is None:
            continue
        coding, document = codings[quote["coding"]]
        assert document.identifier == quote["found_in"]
        assert (coding.start, coding.end) == (quote["start"], quote["end"])
        assert coding.text == document.text[coding.start : coding.end] == quote["located_text"]
        assert list(tree.path(coding.code_id)) == quote["node"]


def test_002_quotes_are_found_in_the_excerpts(bundled_copy: Path) -> None:
    report = run_json(bundled_copy, "import-reference", str(THESIS_002), "--replace")
    assert report["total"] == 109 and report["counts"]["not-found"] == 0
    assert report["counts"]["other-participant"] == 0
    assert all(quote["found_in"].startswith("M") for quote in report["quotes"])


def test_the_bundled_study_ships_both_reference_codings(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    with project.session() as session:
        coders = dict(
            session.exec(
                select(CoderRecord.name, CodingRecord.id).join(CodingRecord).group_by(CoderRecord.name)
            ).all()
        )
        codebook_of = {
            document.identifier: document.codebook_id for document in session.exec(select(DocumentRecord))
        }
        names = {record.id: record.name for record in session.exec(select(CodebookRecord))}
    project.close()
    assert set(coders) == {"thesis-000", "thesis-002"}
    assert all(names[codebook_of[f"MG{number}"]].startswith("Thèse 000") for number in range(1, 18))
    assert all(names[codebook_of[f"M{number}"]].startswith("Thèse 002") for number in range(1, 12))
    assert codebook_of["URML"] is None


def test_importing_again_without_replace_is_refused_and_changes_nothing(bundled_copy: Path) -> None:
    assert_rejected(bundled_copy, "import-reference", str(THESIS_000), mentions="already has")


def test_a_file_without_results_is_refused_and_changes_nothing(bundled_copy: Path, tmp_path: Path) -> None:
    letter = tmp_path / "lettre.txt"
    letter.write_text("Bonjour,\nvoici ma thèse.\n", encoding="utf-8")
    assert_rejected(bundled_copy, "import-reference", str(letter), mentions="no results section found")
    assert_rejected(bundled_copy, "import-reference", str(tmp_path / "absente.txt"), mentions="no such file")
