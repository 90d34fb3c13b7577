"""The corpus search index, on each backend: its answers are a full scan's after any sequence of
imports, replacements, removals and segmentations, by form and, from spaCy or from the tokens the
index keeps, by lemma and family; migration 0003 indexes an existing project; the integrity check
finds an index out of step and ``check --repair`` rebuilds it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.factories import split_plain_sentences
from tests.helpers import run_cli
from workbench.domain.corpus_search import Match
from workbench.importers.transcripts import parse_transcript
from workbench.services.analysis.search import search, search_by_scan, search_pages
from workbench.services.coding.units import segment
from workbench.services.maintenance.integrity import check_project
from workbench.storage.documents import store_document
from workbench.storage.project import Project

WORDS = [
    "médecin", "Médecin", "MÉDECIN", "medecins", "l’accueil", "l'accueil", "accueil", "prise", "de", "sang", "Sang", "[sa secrétaire]",
    "«\u00a0délégation\u00a0»", "…", "déléguer", "délègue", "œuvre", "c’est-à-dire", "a_b", "2026", "la", "[…]", "[la", "secrétaire]",
    "Straße", "me\u0301decin", "délégués", "Je délègue", "on déléguait",
]  # fmt: skip
QUERIES = ["médecin", "Médecins", "l’accueil", "accueil", "prise de sang", "sang prise", "délégation", "secrétaire", "de la", "a_b",
           "c’est-à-dire", "est à", "2026", "œuvre", "strasse", "decin"]  # fmt: skip
LEMMA_QUERIES = [("déléguer", Match.LEMMA), ("déléguer", Match.FAMILY), ("médecin", Match.LEMMA), ("prise de sang", Match.LEMMA), ("accueil", Match.FAMILY)]
IDENTIFIERS = ["MG1", "MG2", "MG3"]

speech = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
turns = st.lists(st.tuples(st.booleans(), speech), min_size=1, max_size=5)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("store"), st.sampled_from(IDENTIFIERS), turns, st.booleans()),
        st.tuples(st.just("remove"), st.sampled_from(IDENTIFIERS)),
        st.tuples(st.just("segment"), st.sampled_from(IDENTIFIERS)),
    ),
    min_size=1,
    max_size=6,
)


def transcript(identifier: str, spoken: list[tuple[bool, str]], with_turns: bool):  # noqa: ANN201 - a ParsedDocument
    """A transcript of ``spoken`` turns (``(by the interviewer, words)``), the participant's last;
    without turns, the same text as one passage."""
    lines = [f"{'M' if by_interviewer else identifier} : {words}" for by_interviewer, words in spoken]
    parsed = parse_transcript("\n\n".join([*lines, f"{identifier} : fin."]) + "\n", identifier=identifier)
    return parsed if with_turns else dataclasses.replace(parsed, turns=[])


def remove(project: Project, identifier: str) -> None:
    """A document taken out of the project with its units and turns (the index follows by its foreign key)."""
    with project.transaction() as session:
        found = {"identifier": identifier}
        session.execute(text("DELETE FROM unit WHERE document_id IN (SELECT id FROM document WHERE identifier = :identifier)"), found)
        session.execute(text("DELETE FROM turn WHERE document_id IN (SELECT id FROM document WHERE identifier = :identifier)"), found)
        session.execute(text("DELETE FROM document WHERE identifier = :identifier"), found)


def stored(project: Project) -> set[str]:
    with project.session() as session:
        return set(session.execute(text("SELECT identifier FROM document")).scalars())


def apply(project: Project, operation: tuple) -> None:
    kind, identifier, *rest = operation
    if kind == "store":
        with project.transaction() as session:
            store_document(session, transcript(identifier, *rest), "test")
    elif kind == "remove" and identifier in stored(project):
        remove(project, identifier)
    elif kind == "segment" and identifier in stored(project):
        segment(project, [identifier], actor="test", split_sentences=split_plain_sentences)


@pytest.fixture
def project(project_location: str):
    opened = Project.open(project_location)
    yield opened
    opened.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=operations, interviewer=st.booleans())
def test_index_answers_are_a_full_scans_after_any_changes(project: Project, operations: list[tuple], interviewer: bool) -> None:
    for operation in operations:
        apply(project, operation)
    for query in QUERIES:
        assert search(project, query, interviewer=interviewer) == search_by_scan(project, query, interviewer=interviewer), query
    assert [problem for problem in check_project(project).problems if problem.kind == "search index"] == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=operations, replacement=st.tuples(st.sampled_from(IDENTIFIERS), turns, st.booleans()), interviewer=st.booleans())
def test_lemma_and_family_answers_are_a_full_scans_first_later_and_after_a_replacement(
    project: Project, operations: list[tuple], replacement: tuple, interviewer: bool
) -> None:
    for operation in operations:
        apply(project, operation)
    for _ in ("first, from spaCy", "later, from the stored tokens", "after a replacement"):
        for query, match in LEMMA_QUERIES:
            expected = search_by_scan(project, query, match=match, interviewer=interviewer)
            assert search(project, query, match=match, interviewer=interviewer) == expected, (query, match)
        apply(project, ("store", *replacement))


def test_a_later_lemma_search_reads_the_stored_tokens_and_query_without_spacy(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.segmentation.pipeline as pipeline

    with project.transaction() as session:
        store_document(session, transcript("MG1", [(True, "Vous déléguez ?"), (False, "Je délègue l’accueil, « délégation » totale…")], True), "test")
        store_document(session, transcript("MG2", [(False, "Le médecin délégué reçoit.")], True), "test")
    first = search(project, "déléguer", match=Match.FAMILY, interviewer=True)
    assert [(hit.document, hit.text) for hit in first] == [("MG1", "déléguez"), ("MG1", "délègue"), ("MG1", "délégation"), ("MG2", "délégué")]
    with project.session() as session:
        stored_lines = session.execute(text("SELECT tokens FROM search_passage ORDER BY id")).scalars().all()
    assert [len(lines.split("\n")) for lines in stored_lines] == [2, 6, 1, 4, 1]

    def refused(texts: list[str]) -> list:
        raise AssertionError(f"spaCy run again on {texts}")

    monkeypatch.setattr(pipeline, "lemmatise", refused)
    assert search(project, "déléguer", match=Match.FAMILY, interviewer=True) == first
    assert [hit.text for hit in search(project, "déléguer", match=Match.LEMMA)] == ["délègue"]
    with project.transaction() as session:
        store_document(session, transcript("MG2", [(False, "On déléguait la prise de sang.")], True), "test")
    with pytest.raises(AssertionError, match=r"spaCy run again on \['On déléguait la prise de sang\.', 'fin\.'\]"):
        search(project, "déléguer", match=Match.LEMMA)
    monkeypatch.undo()
    assert [hit.text for hit in search(project, "déléguer", match=Match.LEMMA)] == ["délègue", "déléguait"]


def test_a_text_longer_than_the_models_limit_is_lemmatised_in_pieces(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.segmentation.pipeline import lemma_pipeline

    answers = "\n".join(f"Réponse {number} : je délègue la prise de sang à l’infirmière." for number in range(200))
    with project.transaction() as session:
        store_document(session, dataclasses.replace(transcript("Q1", [(False, answers)], True), turns=[]), "test")
    monkeypatch.setattr(lemma_pipeline(), "max_length", 1_000)
    found = search(project, "déléguer", match=Match.LEMMA)
    assert len(answers) > 10_000
    assert len(found) == 200
    assert {hit.text for hit in found} == {"délègue"}
    assert found == search_by_scan(project, "déléguer", match=Match.LEMMA)


def test_a_phrase_runs_on_from_one_turn_to_the_next_participant_turn(project: Project) -> None:
    with project.transaction() as session:
        store_document(session, transcript("MG1", [(False, "la prise"), (True, "prise de sang ?"), (False, "de sang, oui")], True), "test")
    found = search(project, "prise de sang")
    assert [(hit.text, hit.start) for hit in found] == [("prise\n\nM : prise de sang ?\n\nMG1 : de sang", 9)]
    assert [hit.text for hit in search(project, "prise de sang", interviewer=True)] == ["prise de sang"]
    assert found == search_by_scan(project, "prise de sang")


def test_hits_come_a_page_of_documents_at_a_time(project: Project) -> None:
    with project.transaction() as session:
        for identifier in IDENTIFIERS:
            store_document(session, transcript(identifier, [(False, "le médecin, le Médecin")], True), "test")
    pages = list(search_pages(project, "medecin", page_documents=2))
    assert [[hit.document for hit in page] for page in pages] == [["MG1", "MG1", "MG2", "MG2"], ["MG3", "MG3"]]


def test_lemma_and_family_searches_keep_lemmas_in_the_index(project: Project) -> None:
    with project.transaction() as session:
        store_document(session, transcript("MG1", [(False, "Je délègue l’accueil, « délégation » totale…"), (True, "Vous déléguez ?")], True), "test")
        store_document(session, transcript("MG2", [(False, "Le médecin reçoit.")], True), "test")
    for match in (Match.LEMMA, Match.FAMILY):
        first = search(project, "déléguer", match=match)
        assert first == search_by_scan(project, "déléguer", match=match)
        assert search(project, "déléguer", match=match) == first
    assert [hit.text for hit in search(project, "déléguer", match=Match.LEMMA)] == ["délègue"]
    assert [hit.text for hit in search(project, "déléguer", match=Match.FAMILY)] == ["délègue", "délégation"]
    with project.session() as session:
        assert session.execute(text("SELECT count(*) FROM search_passage WHERE NOT lemmatised")).scalar_one() == 0
    with project.transaction() as session:
        store_document(session, transcript("MG2", [(False, "Je délègue la prise de sang.")], True), "test")
    assert [hit.document for hit in search(project, "déléguer", match=Match.LEMMA)] == ["MG1", "MG2"]


def test_upgrading_a_project_from_revision_0002_indexes_its_documents(project: Project) -> None:
    from alembic import command

    from workbench.storage.migrate import alembic_config, upgrade_to_head

    config = alembic_config()
    with project.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with project.transaction() as session:
        session.execute(text(
            "INSERT INTO document (identifier, title, kind, text, checksum, source, language, position, imported_at) "
            "VALUES ('MG1', 'MG1', 'transcript', :text, 'x', '', 'fr', 1, CURRENT_TIMESTAMP)"
        ), {"text": "M : Le médecin ?\n\nMG1 : L’accueil du médecin.\n"})  # fmt: skip
        document_id = session.execute(text("SELECT id FROM document")).scalar_one()
        for position, (role, start, end) in enumerate([("interviewer", 4, 16), ("participant", 24, 45)]):
            session.execute(text(
                'INSERT INTO turn (document_id, position, role, label, speaker, start, "end", inferred) '
                "VALUES (:document, :position, :role, '', '', :start, :end, false)"
            ), {"document": document_id, "position": position, "role": role, "start": start, "end": end})  # fmt: skip
    upgrade_to_head(project.engine)
    assert [(hit.text, hit.start) for hit in search(project, "médecin")] == [("médecin", 37)]
    assert [(hit.text, hit.start) for hit in search(project, "l'accueil", interviewer=True)] == [("L’accueil", 24)]


def test_upgrading_from_revision_0003_drops_the_lemmas_kept_without_tokens(project: Project) -> None:
    from alembic import command

    from workbench.storage.migrate import alembic_config, upgrade_to_head

    with project.transaction() as session:
        store_document(session, transcript("MG1", [(False, "Je délègue l’accueil à « ma secrétaire »…")], True), "test")
    expected = search(project, "déléguer", match=Match.LEMMA)
    assert [hit.text for hit in expected] == ["délègue"]
    config = alembic_config()
    with project.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    upgrade_to_head(project.engine)
    with project.session() as session:
        assert session.execute(text("SELECT count(*) FROM search_passage WHERE lemmatised OR tokens IS NOT NULL")).scalar_one() == 0
        assert session.execute(text("SELECT count(*) FROM search_query")).scalar_one() == 0
    assert search(project, "déléguer", match=Match.LEMMA) == expected
    with project.session() as session:
        assert session.execute(text("SELECT count(*) FROM search_passage WHERE NOT lemmatised OR tokens IS NULL")).scalar_one() == 0
        assert session.execute(text("SELECT query FROM search_query")).scalars().all() == ["déléguer"]


def test_an_index_out_of_step_is_found_by_check_and_rebuilt(project: Project, project_location: str) -> None:
    with project.transaction() as session:
        store_document(session, transcript("MG1", [(False, "le médecin")], True), "test")
        store_document(session, transcript("MG2", [(False, "l’accueil")], True), "test")
        session.execute(text("DELETE FROM search_passage WHERE document_id = (SELECT id FROM document WHERE identifier = 'MG2')"))
        session.execute(text("UPDATE search_passage SET start = start + 1 WHERE document_id = (SELECT id FROM document WHERE identifier = 'MG1')"))
    problems = [problem.one_line() for problem in check_project(project).problems]
    assert problems == [
        "search index: document MG1: its index is out of step with its text; run `workbench check --repair`",
        "search index: document MG2: its index is out of step with its text; run `workbench check --repair`",
    ]
    result = run_cli(project_location, "check", "--repair")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Search index rebuilt: 2 documents.\nok: 2 documents, ")
    assert check_project(project).problems == []
    assert [hit.text for hit in search(project, "l'accueil")] == ["l’accueil"]


@pytest.mark.slow
async def test_the_search_screen_lists_hits_as_the_highlight_goes_down(tmp_path: Path) -> None:
    from textual.widgets import Input, OptionList, Static

    from workbench.tui.app import create_app
    from workbench.tui.screens.search import SearchScreen

    project = Project.open(tmp_path / "project.db")
    project.set_setting("language", "en")
    with project.transaction() as session:
        for number in range(1, 31):
            spoken = [(False, "Le médecin, l’accueil du Médecin… « médecin »"), (True, "Et le médecin ?"), (False, "medecin, MÉDECIN.")]
            store_document(session, transcript(f"MG{number}", spoken, True), "test")
    app = create_app(project, coder="alice")
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "médecin"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listed = screen.query_one(OptionList)
        assert listed.option_count == 100
        assert str(screen.query_one("#search-summary", Static).render()) == "100 hits so far: more as you go down the list"
        listed.highlighted = 95
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed.option_count == 150
        assert str(screen.query_one("#search-summary", Static).render()) == "150 hits"
    assert screen.hits == search(project, "médecin")
    project.close()


def test_limit_shows_the_first_hits_and_counts_the_others(tmp_path: Path) -> None:
    from tests.helpers import run_json

    database = tmp_path / "project.db"
    project = Project.open(database)
    with project.transaction() as session:
        for identifier in IDENTIFIERS:
            store_document(session, transcript(identifier, [(False, "Le médecin, l’accueil du Médecin…")], True), "test")
    project.close()
    found = run_json(database, "search", "médecin", "--limit", "4")
    assert [(hit["document"], hit["text"]) for hit in found["hits"]] == [("MG1", "médecin"), ("MG1", "Médecin"), ("MG2", "médecin"), ("MG2", "Médecin")]
    assert found["more"] == 2
    result = run_cli(database, "search", "medecin", "--limit", "5")
    assert result.exit_code == 0, result.output
    assert "6 hits for « medecin » (form)" in result.stdout
    assert result.stdout.endswith("1 more hit not shown: raise --limit to see them.\n")
    assert "more" not in run_json(database, "search", "médecin")


def test_import_of_a_changed_file_and_of_a_qdpx_keep_the_index_exact(tmp_path: Path) -> None:
    from tests.helpers import run_json

    database, copy, transcript_file = tmp_path / "project.db", tmp_path / "copy.db", tmp_path / "MG1.txt"
    run_json(database, "init")
    transcript_file.write_text("M : Et l’accueil ?\n\nMG1 : Le médecin fait l’accueil… « vraiment ».\n", encoding="utf-8")
    run_json(database, "import", str(transcript_file))
    transcript_file.write_text("M : Et l’accueil ?\n\nMG1 : La secrétaire fait l’accueil.\n", encoding="utf-8")
    run_json(database, "import", str(transcript_file))
    assert run_json(database, "search", "médecin")["hits"] == []
    assert [hit["text"] for hit in run_json(database, "search", "secretaire")["hits"]] == ["secrétaire"]
    archive = tmp_path / "étude.qdpx"
    assert run_cli(database, "export", "qdpx", "-o", str(archive)).exit_code == 0
    run_json(copy, "init")
    run_json(copy, "import", str(archive))
    for query in ("secrétaire", "l'accueil", "médecin"):
        assert run_json(copy, "search", query, "--interviewer")["hits"] == run_json(database, "search", query, "--interviewer")["hits"]
    assert len(run_json(copy, "search", "l’accueil", "--interviewer")["hits"]) == 2
    assert run_cli(copy, "check").exit_code == 0
