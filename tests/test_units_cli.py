"""Units through the CLI, on each backend: segment, list, split, merge; codings survive; bad input
changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import assert_rejected, database_snapshot, run_cli, run_json, snapshot_of
from workbench.storage.project import Project, change_log
from workbench.storage.queries import find_document
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord

TRANSCRIPT = (
    "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?\n\n"
    "MG51 : Oui. Pas de problème.\n\n"
    "M : Pouvez-vous vous présenter ?\n\n"
    "MG51 : Alors. Je suis médecin généraliste depuis quinze ans, dans une maison de santé. "
    "Nous avons une assistante médicale depuis deux ans, voilà. Elle prend les constantes avant "
    "la consultation. Ça libère du temps médical. Voilà.\n\n"
    "M : Et qu’en pensez-vous ?\n\n"
    "MG51 : Euh… C’est une aide précieuse pour les patients âgés, surtout pour les papiers.\n"
)


@pytest.fixture
def database(project_location: str, tmp_path: Path) -> str:
    """On each backend: MG51 and MG52 imported, not segmented."""
    (tmp_path / "MG51.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "MG52.txt").write_text("M : Bonjour.\n\nMG52 : Bonjour, je suis installée seule.\n", encoding="utf-8")
    assert run_cli(project_location, "init").exit_code == 0
    assert run_cli(project_location, "import", str(tmp_path / "MG51.txt"), str(tmp_path / "MG52.txt")).exit_code == 0
    return project_location


@pytest.fixture
def segmented(database: str) -> str:
    assert run_cli(database, "segment", "--json").exit_code == 0
    return database


def units_of(database: str, document: str = "MG51") -> list[dict]:
    listing = run_json(database, "units", "--document", document)
    assert listing["document"] == document
    return listing["units"]


def test_segment_reports_units_per_document(database: str) -> None:
    report = run_json(database, "segment")
    assert report["include_interviewer"] is False
    assert [entry["document"] for entry in report["documents"]] == ["MG51", "MG52"]
    assert report["units"] == sum(entry["units"] for entry in report["documents"])
    assert report["documents"][1] == {"document": "MG52", "units": 1, "replaced": 0}


def test_units_json_shape_and_participant_speech_only(segmented: str) -> None:
    project = Project.open(segmented)
    with project.session() as session:
        text = find_document(session, "MG51").text
    project.close()
    units = units_of(segmented)
    assert set(units[0]) == {"position", "start", "end", "text", "turn"}
    assert [unit["position"] for unit in units] == list(range(1, len(units) + 1))
    assert all(text[unit["start"] : unit["end"]] == unit["text"] for unit in units)
    assert {unit["turn"] for unit in units} == {2, 4, 6}
    assert units[0]["text"] == "Oui. Pas de problème."
    assert units[-1]["text"].startswith("Euh… C’est une aide")
    assert not any("Pouvez-vous" in unit["text"] for unit in units)


def test_include_interviewer(database: str) -> None:
    run_json(database, "segment", "--document", "MG51", "--include-interviewer")
    assert any("Pouvez-vous" in unit["text"] for unit in units_of(database))


def test_split_and_merge(segmented: str) -> None:
    before = units_of(segmented)
    target = next(unit for unit in before if unit["text"].startswith("Alors. Je suis"))
    offset = target["start"] + target["text"].index(" dans une maison")
    parts = run_json(segmented, "unit", "split", "--document", "MG51", "--position", str(target["position"]), "--offset", str(offset))
    assert [part["text"] for part in parts["units"]] == [
        "Alors. Je suis médecin généraliste depuis quinze ans,",
        "dans une maison de santé.",
    ]
    assert len(units_of(segmented)) == len(before) + 1
    merged = run_json(segmented, "unit", "merge", "--document", "MG51", "--position", str(target["position"]))
    assert merged["units"][0]["text"] == target["text"]
    assert units_of(segmented) == before
    project = Project.open(segmented)
    with project.session() as session:
        actions = [record.action for record in change_log(session)]
    project.close()
    assert actions[-3:] == ["units.segmented", "unit.split", "unit.merged"]


def test_resegmenting_leaves_codings_untouched(segmented: str) -> None:
    project = Project.open(segmented)
    with project.transaction() as session:
        document = find_document(session, "MG51")
        coder, code = CoderRecord(name="alice"), CodeRecord(name="Gain de temps")
        session.add_all([coder, code])
        session.flush()
        start = document.text.index("Ça libère")
        session.add(
            CodingRecord(coder_id=coder.id, code_id=code.id, document_id=document.id, start=start, end=start + 26, text=document.text[start : start + 26])
        )
    codings_before = database_snapshot(project)["coding"]
    project.close()
    units = units_of(segmented)
    run_json(segmented, "unit", "merge", "--document", "MG51", "--position", "2")
    report = run_json(segmented, "segment", "--document", "MG51")
    assert report["documents"][0]["replaced"] == len(units) - 1
    assert units_of(segmented) == units
    assert snapshot_of(segmented)["coding"] == codings_before


def test_unknown_document_is_rejected(segmented: str) -> None:
    assert_rejected(segmented, "segment", "--document", "MG51", "--document", "MG99", mentions="MG99")
    assert_rejected(segmented, "units", "--document", "MG99", mentions="MG99")
    assert_rejected(segmented, "unit", "merge", "--document", "MG99", "--position", "1", mentions="MG99")


def test_offset_outside_the_unit_is_rejected(segmented: str) -> None:
    first = units_of(segmented)[0]
    for offset in (first["start"], first["end"], first["end"] + 10):
        assert_rejected(
            segmented, "unit", "split", "--document", "MG51", "--position", "1", "--offset", str(offset), mentions="not inside"
        )


def test_unknown_position_is_rejected(segmented: str) -> None:
    assert_rejected(segmented, "unit", "split", "--document", "MG51", "--position", "99", "--offset", "5", mentions="no unit 99")


def test_merging_the_last_unit_or_across_turns_is_rejected(segmented: str) -> None:
    units = units_of(segmented)
    assert_rejected(segmented, "unit", "merge", "--document", "MG51", "--position", str(len(units)), mentions="last unit")
    assert_rejected(segmented, "unit", "merge", "--document", "MG51", "--position", "1", mentions="never cross a turn")


def test_editing_a_document_without_units_is_rejected(database: str) -> None:
    assert_rejected(database, "unit", "merge", "--document", "MG51", "--position", "1", mentions="segment")


def test_ctrl_c_leaves_each_document_whole(segmented: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.segmentation import pipeline

    before = {document: units_of(segmented, document) for document in ("MG51", "MG52")}
    real = pipeline.split_sentences
    calls = []

    def interrupted_on_second_document(texts: list[str]) -> list[list[tuple[int, int]]]:
        calls.append(texts)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(texts)

    monkeypatch.setattr(pipeline, "split_sentences", interrupted_on_second_document)
    result = run_cli(segmented, "segment", "--include-interviewer")
    assert result.exit_code == 130
    assert result.stderr.strip() == (
        "workbench: interrupted — segmented 1 of 2 documents (MG51); unchanged: MG52"
    )
    assert len(units_of(segmented, "MG51")) > len(before["MG51"])
    assert units_of(segmented, "MG52") == before["MG52"]
