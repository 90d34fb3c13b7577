"""``workbench suggest`` and ``suggest evaluate`` on the bundled study: figures against the
baseline, units and texts, one-line refusals, and the blind rule (another coder's work never
changes a coder's suggestions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import assert_rejected, run_cli, run_json
from workbench.services.coding.codings import add_coding, mark_done, reveal
from workbench.storage.project import Project

THESIS_000 = "Thèse 000"


@pytest.fixture(scope="module")
def study(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled study read by the tests that change nothing."""
    database = tmp_path_factory.mktemp("suggest") / "study.db"
    database.write_bytes(bundled_template.read_bytes())
    return database


@pytest.mark.parametrize(("coder", "queries", "documents"), [("thesis-000", 114, 16), ("thesis-002", 109, 11)])
def test_progressive_replay_beats_the_baseline(study: Path, coder: str, queries: int, documents: int) -> None:
    result = run_json(study, "suggest", "evaluate", "--coder", coder)
    assert result["protocol"] == "progressive" and result["coder"] == coder
    engine, baseline = result["engine"], result["baseline"]
    assert engine["overall"]["queries"] == baseline["overall"]["queries"] == queries
    assert len(engine["documents"]) == len(baseline["documents"]) == documents
    assert sum(figures["queries"] for figures in engine["documents"].values()) == queries
    assert engine["overall"]["top3"] > baseline["overall"]["top3"] >= 0.5
    assert engine["overall"]["mrr"] > baseline["overall"]["mrr"]
    assert engine["overall"]["top1"] <= engine["overall"]["top3"] <= engine["overall"]["top5"]


def test_leave_one_document_out_and_the_table(study: Path) -> None:
    result = run_json(study, "suggest", "evaluate", "--coder", "thesis-002", "--protocol", "leave-one-document-out")
    assert result["protocol"] == "leave-one-document-out" and result["engine"]["overall"]["queries"] == 109
    assert result["engine"]["overall"]["top3"] > result["baseline"]["overall"]["top3"]
    table = run_cli(study, "suggest", "evaluate", "--coder", "thesis-000")
    assert table.exit_code == 0, table.output
    assert "progressive" in table.stdout and "MG14" in table.stdout and "all" in table.stdout


def test_a_unit_and_a_text(study: Path) -> None:
    units = run_json(study, "suggest", "--coder", "thesis-000", "--document", "MG14", "--unit", "2", "--top", "3")
    assert [unit["unit"] for unit in units["units"]] == [2]
    found = units["units"][0]["suggestions"]
    assert len(found) == 3 and found[0]["score"] >= found[1]["score"] >= found[2]["score"]
    assert all(each["reason"]["kind"] in {"passage", "definition"} for each in found)
    every = run_json(study, "suggest", "--coder", "thesis-000", "--document", "MG14", "--top", "1")
    assert len(every["units"]) == 20 and all(len(unit["suggestions"]) == 1 for unit in every["units"])
    text = run_json(study, "suggest", "--coder", "thesis-000", "--text", "Elle pourrait prendre la tension et le poids des patients", "--top", "5")
    assert text["codebook"].startswith(THESIS_000) and len(text["suggestions"]) == 5
    tension = [each for each in text["suggestions"] if each["path"].endswith("Les AM pourraient recueillir les constantes")]
    assert tension and tension[0]["reason"]["passage"].startswith("et laisser les actes essentiels ; prise de la tension")
    shown = run_cli(study, "suggest", "--coder", "thesis-002", "--text", "« l’assistante prépare la consultation »")
    assert shown.exit_code == 0 and "Codes for thesis-002" in shown.stdout


@pytest.mark.parametrize(
    ("arguments", "mentions"),
    [
        (("suggest", "--document", "MG1"), "--coder"),
        (("suggest", "--coder", "thesis-000"), "--document/--text"),
        (("suggest", "--coder", "thesis-000", "--document", "MG1", "--text", "x"), "--document/--text"),
        (("suggest", "--coder", "thesis-000", "--text", "x", "--unit", "2"), "--unit"),
        (("suggest", "--coder", "thesis-000", "--document", "MG99"), "MG99"),
        (("suggest", "--coder", "thesis-000", "--document", "MG1", "--unit", "99"), "no unit 99"),
        (("suggest", "--coder", "thesis-000", "--text", "x", "--top", "0"), "--top"),
        (("suggest", "--coder", "alice", "--text", "x"), "--codebook"),
        (("suggest", "evaluate", "--coder", "thesis-000", "--protocol", "random"), "unknown protocol 'random'"),
        (("suggest", "evaluate", "--coder", "alice", "--codebook", THESIS_000), "alice has no coding"),
        (("suggest", "evaluate", "--coder", "bad name!"), "not usable"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(study: Path, arguments: tuple[str, ...], mentions: str) -> None:
    assert_rejected(study, *arguments, mentions=mentions)


def test_a_blind_coder_s_suggestions_ignore_the_other_coders(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    try:
        add_coding(project, "MG1", 3, 250, 330, coder="alice")
        add_coding(project, "MG2", 15, 100, 200, coder="alice")
        asked = ("suggest", "--coder", "alice", "--document", "MG1", "--top", "5")
        before = run_json(bundled_copy, *asked)
        evaluated = run_json(bundled_copy, "suggest", "evaluate", "--coder", "alice")
        assert evaluated["engine"]["overall"]["queries"] == 2
        for start in range(0, 1500, 100):
            add_coding(project, "MG1", 15, start, start + 90, coder="bob")
        add_coding(project, "MG2", 15, 300, 400, coder="bob")
        assert run_json(bundled_copy, *asked) == before
        mark_done(project, "MG1", coder="alice")
        mark_done(project, "MG1", coder="bob")
        reveal(project, "MG2", coder="alice")
        assert run_json(bundled_copy, *asked) == before
        assert run_json(bundled_copy, "suggest", "evaluate", "--coder", "alice") == evaluated
    finally:
        project.close()


def test_a_french_project_is_also_compared_as_lemmas(tmp_path: Path) -> None:
    from workbench.services.suggestions import french_lemmas, project_lemmatiser

    project = Project.open(tmp_path / "lemmas.db")
    try:
        project.set_setting("language", "fr")
        assert project_lemmatiser(project) is french_lemmas
        found = french_lemmas(["Elle prenait la tension du médecin, et l’assistante…", "Les patientes voulaient des rendez-vous plus rapides"])
        assert found == ["prendre tension medecin assistant", "patient vouloir rendez-vous rapide"]
        project.set_setting("language", "en")
        assert project_lemmatiser(project) is None
    finally:
        project.close()


def test_many_texts_are_lemmatised_in_batches_each_in_its_place() -> None:
    from workbench.services.suggestions import LEMMATISED_BATCH, french_lemmas

    sayings = ["L’assistante prenait les constantes", "« Je n’en ressens pas le besoin », disait-il", "Les médecins voulaient déléguer les papiers"]
    texts = [sayings[number % 3] + (" rapidement" if number == LEMMATISED_BATCH else "") for number in range(2 * LEMMATISED_BATCH + 5)]
    found = french_lemmas(texts)
    assert len(found) == len(texts)
    assert found[:3] == ["assistant prendre constante", "ressentir besoin dire il", "medecin vouloir deleguer papier"]
    assert found[LEMMATISED_BATCH] == found[LEMMATISED_BATCH - 3] + " rapidement"
    assert found == [french_lemmas([text])[0] for text in texts]
