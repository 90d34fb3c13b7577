"""Synthetic projects of any size, built from the bundled study's transcripts.

Each interview recombines speech turns of the bundled transcripts (the interviewer's and the
participants', drawn at random with a fixed seed) up to about 4,000 words; its participant has
attributes like the bundled study's. A survey of as many answers as asked repeats the bundled
survey's answers. The documents are imported, cut into sentence units and coded by two coders
(a code on about a dozen units each per interview, the second coder agreeing most of the time),
and both coders mark every interview done, so that each sees the other's codings there. A second
codebook of 10,000 codes in three levels (:data:`LARGE_CODEBOOK_LEVELS`) can be imported beside
the bundled one. All through the project's own write paths, each in as few
transactions as they allow.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlmodel import select

from workbench.domain.documents import DocumentKind, SpeakerRole
from workbench.services.codebook.importing import import_codebook
from workbench.services.coding.units import segment
from workbench.services.coding.visibility import done_key
from workbench.services.exchange.importing import ImportBatch, import_batch, read_files
from workbench.services.exchange.study import bundled_study_manifest, read_study
from workbench.storage.project import Project
from workbench.storage.records import CodebookRecord, CodeRecord, DocumentRecord, UnitRecord
from workbench.storage.row_changes import RowChanges

INTERVIEW_WORDS = 4_000
CODED_UNITS = 12
"""Units each coder codes per interview (two coders: about 25 codings per interview)."""
AGREEMENT = 0.7
"""How often the second coder applies the first one's code to the same unit."""
CODERS = ("claire", "hugo")
SEED = 20
SENTENCE = re.compile(r"[^.?!…]+[.?!…]*")
CODEBOOK = Path("../../codebooks/these-000-assistants-medicaux.yaml")
SURVEY = "ENQUETE"
LARGE_CODEBOOK_LEVELS = (10, 27, 36)
"""Codes at the top, under each top code, and under each of those: 10 + 270 + 9,720 = 10,000
codes, the most a codebook may hold (:data:`workbench.importers.limits.CODES_PER_CODEBOOK`)."""
LARGE_CODEBOOK = "Codebook d’échelle — 10 000 codes"


@dataclass(frozen=True)
class ScaleCorpus:
    """What a synthetic project holds."""

    interviews: list[str]
    survey: str | None
    words: int
    units: int
    codings: int


def split_sentences(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Sentences by punctuation: the units of the synthetic project (spaCy would take minutes)."""
    return [[(match.start(), match.end()) for match in SENTENCE.finditer(text) if match[0].strip()] for text in texts]


def bundled_speech() -> tuple[list[str], list[str], list[str]]:
    """The bundled study's interviewer turns, participant turns and survey answers."""
    interviewer: list[str] = []
    participant: list[str] = []
    answers: list[str] = []
    for document in read_study(bundled_study_manifest()).batch.documents:
        for turn in document.turns:
            speech = " ".join(document.text[turn.start : turn.end].split())
            if not speech:
                continue
            if document.kind is DocumentKind.SURVEY:
                answers.append(speech)
            elif document.kind is DocumentKind.TRANSCRIPT:
                (interviewer if turn.role is SpeakerRole.INTERVIEWER else participant).append(speech)
    return interviewer, participant, answers


def interview_text(participant_label: str, interviewer: list[str], participant: list[str], chooser: random.Random) -> str:
    """About :data:`INTERVIEW_WORDS` words of turns, the interviewer and the participant in turn."""
    paragraphs, words = [], 0
    while words < INTERVIEW_WORDS:
        question, answer = chooser.choice(interviewer), chooser.choice(participant)
        paragraphs += [f"M : {question}", f"{participant_label} : {answer}"]
        words += len(question.split()) + len(answer.split())
    return "\n\n".join(paragraphs) + "\n"


def write_files(folder: Path, interviews: int, survey_answers: int) -> tuple[list[Path], Path, Path | None]:
    """The interview files, their participant table and the survey file, written in ``folder``."""
    interviewer, participant, answers = bundled_speech()
    chooser = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with (folder / "participants.csv").open("w", encoding="utf-8", newline="") as table:
        writer = csv.writer(table)
        writer.writerow(["participant", "sex", "age", "practice_type", "years_installed"])
        for number in range(1, interviews + 1):
            label = f"MG{1000 + number}"
            path = folder / f"E{number:04d}.txt"
            path.write_text(interview_text(label, interviewer, participant, chooser), encoding="utf-8")
            paths.append(path)
            practice = chooser.choice(["Cabinet de groupe", "Maison de santé", "Cabinet seul"])
            writer.writerow([label, chooser.choice("FM"), chooser.randint(29, 67), practice, chooser.randint(1, 35)])
    survey = None
    if survey_answers:
        survey = folder / f"{SURVEY}.txt"
        lines = [f"R{number} : {answers[(number - 1) % len(answers)]}" for number in range(1, survey_answers + 1)]
        survey.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return paths, folder / "participants.csv", survey


def build(project: Project, folder: Path, interviews: int, survey_answers: int = 0) -> ScaleCorpus:
    """Fill the empty ``project`` with ``interviews`` synthetic interviews (and a survey of
    ``survey_answers`` answers), segmented and coded by :data:`CODERS`; ``folder`` holds the files."""
    paths, table, survey = write_files(folder, interviews, survey_answers)
    batch = read_files([*paths, table])
    if survey is not None:
        batch.documents += read_files([survey], kind=DocumentKind.SURVEY).documents
    import_batch(
        project, ImportBatch(batch.documents, batch.tables, {"name": "Échelle", "language": "fr"}), actor="bench", create_participants=True
    )
    identifiers = [path.stem for path in paths]
    import_codebook(project, (bundled_study_manifest().parent / CODEBOOK).resolve(), actor="bench", documents=identifiers)
    segment(project, actor="bench", split_sentences=split_sentences)
    codings = code_units(project, identifiers)
    mark_done(project, identifiers)
    words = sum(document.word_count() for document in batch.documents)
    with project.session() as session:
        units = len(session.exec(select(UnitRecord.id)).all())
    return ScaleCorpus(identifiers, survey.stem if survey else None, words, units, codings)


def code_units(project: Project, identifiers: list[str]) -> int:
    """Both coders' codings of each interview, written in one transaction; how many."""
    chooser = random.Random(SEED)
    with project.transaction() as session:
        codes = [code for code in session.exec(select(CodeRecord.id, CodeRecord.parent_id)).all()]
        parents = {parent for _, parent in codes}
        leaves = [code for code, _ in codes if code not in parents]
        documents = dict(
            session.exec(select(DocumentRecord.identifier, DocumentRecord.id).where(DocumentRecord.identifier.in_(identifiers))).all()
        )
        texts = dict(session.exec(select(DocumentRecord.id, DocumentRecord.text).where(DocumentRecord.identifier.in_(identifiers))).all())
        spans: dict[int, list[tuple[int, int]]] = {}
        for document, start, end in session.exec(
            select(UnitRecord.document_id, UnitRecord.start, UnitRecord.end).order_by(UnitRecord.document_id, UnitRecord.position)
        ):
            spans.setdefault(document, []).append((start, end))
        recorder = RowChanges(session)
        first, second = recorder.insert_many("coder", [{"name": name} for name in CODERS])
        rows = []
        for identifier in identifiers:
            document = documents[identifier]
            for start, end in chooser.sample(spans[document], min(CODED_UNITS, len(spans[document]))):
                code = chooser.choice(leaves)
                other = code if chooser.random() < AGREEMENT else chooser.choice(leaves)
                text = texts[document][start:end]
                rows.append({"coder_id": first, "code_id": code, "document_id": document, "start": start, "end": end, "text": text})
                rows.append({"coder_id": second, "code_id": other, "document_id": document, "start": start, "end": end, "text": text})
        recorder.insert_many("coding", rows)
    return len(rows)


def mark_done(project: Project, identifiers: list[str]) -> None:
    """Both coders mark every one of ``identifiers`` done, in one transaction."""
    with project.transaction() as session:
        rows = [
            {"key": done_key(identifier, coder), "value": "2026-01-01T00:00:00+00:00"} for identifier in identifiers for coder in CODERS
        ]
        RowChanges(session).insert_many("setting", rows)


def large_codebook(folder: Path) -> Path:
    """A YAML codebook of :data:`LARGE_CODEBOOK_LEVELS` codes, written in ``folder``."""
    top, middle, bottom = LARGE_CODEBOOK_LEVELS
    colours = ("#4E79A7", "#F28E2B", "#59A14F")

    def codes(level: int, count: int, within: str) -> list[dict[str, object]]:
        names = ("Thème", "Sous-thème", "Code")
        built = []
        for number in range(1, count + 1):
            code: dict[str, object] = {"name": f"{names[level]} {within}{number} — « perçu »", "colour": colours[level]}
            if level < 2:
                code["children"] = codes(level + 1, (middle, bottom)[level], f"{within}{number}.")
            built.append(code)
        return built

    path = folder / "codebook-10000.yaml"
    codebook = {"name": LARGE_CODEBOOK, "language": "fr", "codes": codes(0, top, "")}
    path.write_text(yaml.safe_dump(codebook, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def import_large_codebook(project: Project, folder: Path) -> int:
    """Import :func:`large_codebook` into ``project``; its id."""
    import_codebook(project, large_codebook(folder), actor="bench")
    with project.session() as session:
        return session.exec(select(CodebookRecord.id).where(CodebookRecord.name == LARGE_CODEBOOK)).one()
