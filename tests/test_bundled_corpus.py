"""The bundled study ``corpora/medical-assistants/``: its committed files against the figures of the
seed notes (``shared/seeds/NOTES.md``), and, when the seeds are present, rebuilt byte for byte.

Stdlib and pytest only: the files are read as plain text, with no workbench import.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
STUDY = REPOSITORY / "corpora" / "medical-assistants"
BUILDER = REPOSITORY / "corpora" / "build_medical_assistants.py"
SEEDS = REPOSITORY.parent / "shared" / "seeds"
WORDS = re.compile(r"\w+(?:['’]\w+)*")  # NOTES §2.1: `l’assistant` is one word

# NOTES §2.1, per interview: (turns M, turns MG, words MG, words M). The word columns count the
# speech only (labels excluded): words total = words M + words MG.
INTERVIEWS = {
    1: (5, 5, 448, 62), 2: (5, 5, 508, 61), 3: (5, 5, 541, 66), 4: (5, 5, 282, 59),
    5: (7, 7, 1068, 76), 6: (5, 5, 828, 65), 7: (8, 8, 325, 73), 8: (6, 6, 409, 58),
    9: (5, 5, 484, 46), 10: (6, 6, 1070, 90), 11: (6, 6, 876, 81), 12: (5, 5, 1253, 59),
    13: (7, 6, 584, 85), 14: (10, 10, 3359, 111), 15: (14, 14, 1856, 154),
    16: (6, 6, 671, 71), 17: (9, 9, 1574, 106),
}
WORD_TOLERANCE = 2
# NOTES §5.2: quotes per participant in thesis 002's results (109 in all)
EXCERPTS = {
    "M1": 8, "M2": 12, "M3": 16, "M4": 14, "M5": 15, "M6": 7,
    "M7": 11, "M8": 4, "M9": 3, "M10": 17, "M11": 2,
}
COLUMNS = [
    "participant", "study", "sex", "age", "age_band", "practice_type", "doctors",
    "years_installed", "time_with_assistant", "setting", "interview_duration", "assistant_present",
]
# MG5, 000 line 3477 `c’est à- dire ?`: written so on one line, not a wrap artefact
VERBATIM_HYPHEN_SPACE = {"à- dire"}
OCR_LEFTOVERS = re.compile(r"¢|\bI['’][a-zé]|['’]['’]|\[\.\.\.J|\|\.\.\.\]")


def paragraphs(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


def transcript(number: int) -> Path:
    return STUDY / "transcripts" / f"MG{number}.txt"


def turns_of(path: Path) -> list[tuple[str, str]]:
    return [(turn.split(" : ", 1)[0], turn.split(" : ", 1)[1]) for turn in paragraphs(path)]


def study_files(folder: Path) -> list[Path]:
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def test_every_file_is_utf8_nfc_with_lf_and_a_final_newline() -> None:
    files = study_files(STUDY)
    references = [relative for relative in files if relative.parts[0] == "reference"]
    assert len(files) == 17 + 11 + 1 + 2 + len(references) and len(references) == 2
    for relative in files:
        if relative in references:
            continue  # the theses' lines as they are (their spaces carry the layout): see the next test
        text = (STUDY / relative).read_bytes().decode("utf-8")
        assert "\r" not in text and "\t" not in text, relative
        assert text.endswith("\n") and not text.endswith("\n\n"), relative
        assert "\n\n\n" not in text, relative
        assert unicodedata.is_normalized("NFC", text), relative
        assert all(line == line.strip() for line in text.split("\n")), f"{relative}: stray spaces"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")
@pytest.mark.parametrize(("name", "first", "last"), [("000_ced94200ebd9b1f1", 767, 2079), ("002_00ebf9da570b4255", 150, 898)])
def test_reference_files_are_the_theses_results_lines_unchanged(name: str, first: int, last: int) -> None:
    seed_lines = unicodedata.normalize("NFC", (SEEDS / f"{name}.txt").read_text(encoding="utf-8")).split("\n")
    kept = (STUDY / "reference" / f"{name}-resultats.txt").read_text(encoding="utf-8")
    assert kept == "\n".join(seed_lines[first - 1 : last]) + "\n"


def test_17_transcripts_with_one_labelled_single_line_turn_per_paragraph() -> None:
    names = sorted(path.name for path in (STUDY / "transcripts").iterdir())
    assert names == sorted(f"MG{number}.txt" for number in INTERVIEWS)
    for number in INTERVIEWS:
        for paragraph in paragraphs(transcript(number)):
            assert paragraph.startswith(("M : ", f"MG{number} : ")), paragraph[:40]
            assert "\n" not in paragraph and "  " not in paragraph
            assert not paragraph.startswith("Entretien")


@pytest.mark.parametrize("number", sorted(INTERVIEWS))
def test_turns_and_speech_words_match_notes(number: int) -> None:
    m_turns, mg_turns, mg_words, m_words = INTERVIEWS[number]
    counted = {"M": [0, 0], f"MG{number}": [0, 0]}
    for speaker, speech in turns_of(transcript(number)):
        counted[speaker][0] += 1
        counted[speaker][1] += len(WORDS.findall(speech))
    assert (counted["M"][0], counted[f"MG{number}"][0]) == (m_turns, mg_turns)
    assert abs(counted["M"][1] - m_words) <= WORD_TOLERANCE
    assert abs(counted[f"MG{number}"][1] - mg_words) <= WORD_TOLERANCE


@pytest.mark.parametrize("number", sorted(INTERVIEWS))
def test_turns_alternate_from_the_interviewers_opening(number: int) -> None:
    speakers = [speaker for speaker, _ in turns_of(transcript(number))]
    assert set(speakers[::2]) == {"M"} and set(speakers[1::2]) == {f"MG{number}"}
    opening = "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?"  # NOTES §2.3
    assert paragraphs(transcript(number))[0] == opening


def test_the_unlabelled_closing_question_of_interview_1_is_an_interviewer_turn() -> None:
    question = "Merci, avez-vous quelques choses à ajouter en conclusion?"  # 000 line 3124
    assert ("M", question) in turns_of(transcript(1))


def test_no_line_end_hyphen_artefacts() -> None:
    folders = ("transcripts", "excerpts", "survey")
    for path in sorted(path for folder in folders for path in (STUDY / folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        joins = {match.group(0) for match in re.finditer(r"\w- \w+", text)}
        if path.parent.name != "survey":  # survey answers write `pathologies- aggravation`
            assert not joins - VERBATIM_HYPHEN_SPACE, f"{path.name}: {sorted(joins)}"
        assert not re.search(r"\w-\n", text), path.name
    transcripts = "".join(transcript(number).read_text(encoding="utf-8") for number in INTERVIEWS)
    for compound in ("que pensez-vous", "peut-être", "moi-même", "côté-là", "là-dessus"):
        assert compound in transcripts  # split at a line end in the source (NOTES §1)


def test_109_excerpts_with_the_per_participant_counts() -> None:
    assert sorted(path.stem for path in (STUDY / "excerpts").iterdir()) == sorted(EXCERPTS)
    for participant, expected in EXCERPTS.items():
        quotes = paragraphs(STUDY / "excerpts" / f"{participant}.txt")
        assert len(quotes) == expected, participant
        for quote in quotes:
            label, text = quote.split(" : ", 1)
            assert label == participant and "\n" not in quote
            assert not text.startswith(("«", ":")) and not text.endswith("»"), text[:40]
            assert not OCR_LEFTOVERS.search(text), text
    assert sum(EXCERPTS.values()) == 109


def test_75_survey_answers_labelled_r1_to_r75() -> None:
    answers = paragraphs(STUDY / "survey" / "URML.txt")
    labels = [answer.split(" : ", 1)[0] for answer in answers]
    assert labels == [f"R{number}" for number in range(1, 76)]
    for answer in answers:
        assert all(line.startswith("- ") for line in answer.split("\n")[1:]), answer[:40]
    assert sum("\n" in answer for answer in answers) == 1  # the `- ` list of 003 lines 2129–2134
    assert "R40 : ++++" in answers and "R60 : 1" in answers  # kept as answers (NOTES §6)


def minutes(row: dict[str, str]) -> float:
    whole, seconds = row["interview_duration"].split(":")
    assert len(seconds) == 2
    return int(whole) + int(seconds) / 60


def read_participants() -> list[dict[str, str]]:
    with (STUDY / "participants.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_participants_csv_has_28_rows() -> None:
    identifiers = [row["participant"] for row in read_participants()]
    assert identifiers == [f"MG{n}" for n in range(1, 18)] + [f"M{n}" for n in range(1, 12)]


def test_thesis_000_participants_match_notes_section_4() -> None:
    rows = [row for row in read_participants() if row["study"] == "000"]
    sexes = [row["sex"] for row in rows]
    assert (sexes.count("F"), sexes.count("M")) == (5, 12)
    ages = [int(row["age"]) for row in rows]
    assert (min(ages), max(ages)) == (29, 64)
    assert round(sum(map(minutes, rows)) / len(rows), 1) == 9.7
    present = [row["participant"] for row in rows if row["assistant_present"] == "oui"]
    assert present == ["MG15", "MG17"]
    assert all(row["age_band"] == row["years_installed"] == row["setting"] == "" for row in rows)


def test_thesis_002_participants_match_notes_section_5_4() -> None:
    rows = [row for row in read_participants() if row["study"] == "002"]
    sexes = [row["sex"] for row in rows]
    assert (sexes.count("F"), sexes.count("M")) == (7, 4)
    by_duration = sorted(rows, key=minutes)
    assert by_duration[0]["interview_duration"] == "19:00"
    assert by_duration[-1]["interview_duration"] == "50:23"
    assert round(sum(map(minutes, rows)) / len(rows), 1) == 34.6
    shares = [row["time_with_assistant"] for row in rows]
    assert [shares.count(share) for share in ("plein temps", "½ temps", "⅓ temps")] == [5, 4, 2]
    assert all(row["assistant_present"] == "oui" for row in rows)
    assert all(row["age"] == row["doctors"] == "" for row in rows)
    by_id = {row["participant"]: row for row in rows}
    assert by_id["M6"]["setting"] == "Semi rural" and by_id["M11"]["years_installed"] == "<1 an"


def test_study_toml_parses_and_names_existing_files() -> None:
    manifest = tomllib.loads((STUDY / "study.toml").read_text(encoding="utf-8"))
    assert manifest["study"] == {
        "name": "Assistants médicaux en médecine générale",
        "language": "fr",
        "participants": "participants.csv",
    }
    assert (STUDY / manifest["study"]["participants"]).is_file()
    documents = manifest["documents"]
    expected = [f"MG{n}" for n in range(1, 18)] + [f"M{n}" for n in range(1, 12)] + ["URML"]
    assert [document["id"] for document in documents] == expected
    for document in documents:
        assert (STUDY / document["file"]).is_file()
        assert document["kind"] in {"transcript", "excerpts", "survey"}
        participant = None if document["kind"] == "survey" else document["id"]
        assert document.get("participant") == participant
        assert document["title"] and document["source"]
    assert documents[0]["source"] == "000_ced94200ebd9b1f1.txt, Annexe 9, lignes 3045–3134"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds (../shared/seeds) beside the repo")
def test_the_builder_reproduces_the_committed_files(tmp_path: Path) -> None:
    command = [sys.executable, str(BUILDER), "--seeds", str(SEEDS), "--output", str(tmp_path)]
    subprocess.run([*command, "--quiet"], check=True, capture_output=True)
    assert study_files(tmp_path) == study_files(STUDY)
    for relative in study_files(STUDY):
        assert (tmp_path / relative).read_bytes() == (STUDY / relative).read_bytes(), relative
