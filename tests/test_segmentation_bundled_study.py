"""Units on the bundled study: every participant word of MG1–MG17 in exactly one unit, none crossing a turn;
and the audit reports the study's initials as anonymised."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from tests.factories import BUNDLED_TRANSCRIPTS
from workbench.domain.documents import DocumentKind, SpeakerRole
from workbench.domain.text import WORD_PATTERN
from workbench.services.coding.units import audit_project, list_units
from workbench.storage.project import Project
from workbench.storage.queries import document_summaries, load_document

MANIFEST = Path(__file__).resolve().parent.parent / "corpora" / "medical-assistants" / "study.toml"

pytestmark = [
    pytest.mark.skipif(not MANIFEST.is_file(), reason="the bundled study (corpora/medical-assistants/study.toml) is not built yet"),
    pytest.mark.slow,  # spaCy cuts the whole study into units first
]


@pytest.fixture(scope="module")
def project(segmented_bundled_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The bundled study segmented by spaCy, copied for this module (the audit writes to it)."""
    database = tmp_path_factory.mktemp("bundled") / "study.db"
    opened = Project.open(shutil.copyfile(segmented_bundled_template, database))
    yield opened
    opened.close()


@pytest.mark.parametrize("identifier", BUNDLED_TRANSCRIPTS)
def test_every_participant_word_lies_in_exactly_one_unit(project: Project, identifier: str) -> None:
    with project.session() as session:
        document = load_document(session, identifier)
    units = list_units(project, identifier)
    assert units, identifier
    for unit in units:
        turn = document.turns[unit.turn - 1]
        assert turn.start <= unit.start < unit.end <= turn.end, f"unit {unit.position} crosses turn {unit.turn}"
        assert turn.role is not SpeakerRole.INTERVIEWER
    for previous, unit in itertools.pairwise(units):
        assert previous.end <= unit.start
    for turn in document.turns:
        if turn.role is SpeakerRole.INTERVIEWER:
            continue
        for word in WORD_PATTERN.finditer(document.text, turn.start, turn.end):
            holders = [unit.position for unit in units if unit.start <= word.start() and word.end() <= unit.end]
            assert len(holders) == 1, f"{identifier}: {word.group()!r} at {word.start()} in units {holders}"


def test_excerpts_and_survey_answers_are_one_unit_each(project: Project) -> None:
    with project.session() as session:

        summaries = [summary for summary in document_summaries(session) if summary.kind is not DocumentKind.TRANSCRIPT]
    assert summaries
    for summary in summaries:
        assert len(list_units(project, summary.identifier)) == summary.turns, summary.identifier


def test_the_study_initials_are_reported_as_anonymised(project: Project) -> None:
    report = audit_project(project, BUNDLED_TRANSCRIPTS, actor="test")
    anonymised = {(finding.document, finding.text) for finding in report.findings if finding.classification == "anonymised"}
    assert {("MG5", "T."), ("MG14", "J."), ("MG2", "Mr P."), ("MG16", "X")} <= anonymised
    leaks = {finding.text for finding in report.findings if finding.classification == "leak"}
    assert not leaks & {"T.", "J.", "Mr P.", "X", "P."}
