"""Corpus search by form (accents and case aside), lemma and word family; coding the hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import split_plain_sentences
from tests.helpers import assert_rejected, run_json
from workbench.domain.corpus_search import Match, Token, family_stem, find_runs
from workbench.services.analysis.search import search
from workbench.services.analysis.search_coding import code_hits
from workbench.services.coding.codings import list_codings
from workbench.services.coding.units import segment
from workbench.storage.project import Project

TEXT = "M : Vous déléguez la prise de sang ?\n\nMG1 : Oui, je délègue la Prise de Sang à l’AM… « délégation » totale.\n"


def tokens(*entries: tuple[str, str]) -> list[Token]:
    start, result = 0, []
    for form, lemma in entries:
        result.append(Token(start, start + len(form), form, lemma))
        start += len(form) + 1
    return result


@pytest.mark.parametrize(
    ("lemma", "stem"),
    [("déléguer", "deleg"), ("délégation", "delegation"), ("organiser", "organis"), ("voir", "voir"), ("recevoir", "recev"), ("prise", "pris")],
)
def test_family_stems(lemma: str, stem: str) -> None:
    assert family_stem(lemma) == stem


def test_runs_of_several_words_are_matched_on_consecutive_tokens() -> None:
    words = tokens(("la", "le"), ("Prise", "prise"), ("de", "de"), ("Sang", "sang"), ("prise", "prise"))
    assert find_runs(words, ["prise", "de", "sang"], Match.FORM) == [(3, 16)]
    assert find_runs(words, ["prise"], Match.LEMMA) == [(3, 8), (17, 22)]
    assert find_runs(words, [], Match.FORM) == []


@pytest.fixture
def project(tmp_path: Path):
    path = tmp_path / "MG1.txt"
    path.write_text(TEXT, encoding="utf-8")
    database = tmp_path / "project.db"
    run_json(database, "init")
    run_json(database, "import", str(path))
    opened = Project.open(database)
    yield opened
    opened.close()


def test_form_search_ignores_case_and_accents_but_not_speaker_labels(project: Project) -> None:
    found = search(project, "PRISE DE SANG", interviewer=True)
    assert [hit.text for hit in found] == ["prise de sang", "Prise de Sang"]
    assert [hit.text for hit in search(project, "prise de sang")] == ["Prise de Sang"]
    assert found[1].context.endswith("[Prise de Sang] à l’AM… « délégation » totale.")
    assert [hit.text for hit in search(project, "delegation")] == ["délégation"]
    assert search(project, "MG1") == [] and search(project, "M") == []


@pytest.mark.slow
def test_lemma_and_family_search_through_spacy(project: Project, bundled_copy: Path) -> None:
    assert [hit.text for hit in search(project, "déléguer", match=Match.LEMMA, interviewer=True)] == ["déléguez", "délègue"]
    assert [hit.text for hit in search(project, "déléguer", match=Match.FAMILY)] == ["délègue", "délégation"]
    bundled = Project.open(bundled_copy)
    by_lemma = {(hit.document, hit.start): hit.text for hit in search(bundled, "déléguer", match=Match.LEMMA)}
    by_family = {(hit.document, hit.start): hit.text for hit in search(bundled, "déléguer", match=Match.FAMILY)}
    infinitives = {(hit.document, hit.start) for hit in search(bundled, "déléguer")}
    bundled.close()
    assert infinitives < set(by_lemma) < set(by_family)
    assert {"délègues", "déléguer"} <= {text.lower() for text in by_lemma.values()}
    assert any(text.lower().startswith("délégation") for text in by_family.values())


def test_hits_carry_their_unit_and_coding_them_codes_the_units_once(project: Project) -> None:
    segment(project, ["MG1"], actor="test", split_sentences=split_plain_sentences)
    codebook = project_path(project).parent / "codes.yaml"
    codebook.write_text('name: "Étude"\nlanguage: fr\ncodes:\n- name: "Délégation"\n  colour: "#4E79A7"\n', encoding="utf-8")
    run_json(project_path(project), "import", str(codebook))
    found = search(project, "délégation") + search(project, "prise de sang", interviewer=True)
    assert [hit.unit is not None for hit in found] == [True, False, True]
    assert code_hits(project, found, "Délégation", coder="alice") == 2
    assert code_hits(project, found, "Délégation", coder="alice") == 0
    codings = list_codings(project, coders=["alice"])
    expected = {(hit.unit_start, hit.unit_end) if hit.unit else (hit.start, hit.end) for hit in found}
    assert sorted((coding.start, coding.end) for coding in codings) == sorted(expected)


def project_path(project: Project) -> Path:
    return Path(project.engine.url.database)


def test_command_line_search_and_its_refusals(project: Project) -> None:
    database = project_path(project)
    report = run_json(database, "search", "délégation")
    assert report["match"] == "form" and [hit["document"] for hit in report["hits"]] == ["MG1"]
    assert_rejected(database, "search", "  ", mentions="empty search")
    assert_rejected(database, "search", "sang", "--document", "MG9", mentions="no document 'MG9'")
    assert_rejected(database, "search", "sang", "--lemmas", "--document", "MG9", mentions="no document 'MG9'")
    assert_rejected(database, "search", "sang", "--code", "Délégation", mentions="who codes the hits?")
