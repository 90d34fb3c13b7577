"""Build the bundled study ``corpora/medical-assistants/`` from the seed documents.

Run ``python corpora/build_medical_assistants.py [--seeds DIR] [--output DIR]``. The formats of the
seeds and every figure checked here are described in ``shared/seeds/NOTES.md``. Transcripts are
parsed with workbench's own transcript importer, which repairs wraps, page breaks, split compounds
and label variants; they are then written back with normalised labels (``M : `` / ``MGn : ``).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from medical_assistants_ocr import repair_glyphs, restore_accents, vocabulary_of  # noqa: E402

from workbench.domain.documents import SpeakerRole  # noqa: E402
from workbench.importers.transcripts import join_lines, parse_transcript  # noqa: E402

THESIS_000 = "000_ced94200ebd9b1f1.txt"
THESIS_002 = "002_00ebf9da570b4255.txt"
SURVEY_003 = "003_df8ae5362deeacdf.txt"
CLEAN_SEEDS = ("000_ced94200ebd9b1f1.txt", "001_62688b2a0a486c5e.txt", SURVEY_003, "004_3952e94515ebcaa9.txt")
ANNEX_9 = (3045, 5702)
UNLABELLED_INTERVIEWER_LINE = 3124
TABLE_000 = (686, 755)
TABLE_002 = (160, 170)
RESULTS_002 = (171, 897)
SURVEY_ANSWERS = (2128, 2260)
FUSED_SURVEY_ANSWERS = {
    # line: where a new answer starts (NOTES.md §6: lines that fuse answers; a judgement call, kept explicit)
    2168: ["le manque de professionnels"],
    2172: ["répondre à la demande de nouveaux", "la permanence de soins"],
    2175: ["incertitude diagnostique"],
    2179: ["le temps objectifs", "objectifs de la CPAM"],
}
WRAPPED_SURVEY_ANSWERS = {2226: 2230, 2253: 2255, 2258: 2260}
"""First line: last line of the unquoted answers hard-wrapped at about 45 characters (NOTES.md §6)."""


def read_lines(seeds: Path, name: str) -> list[str]:
    return (seeds / name).read_text(encoding="utf-8").split("\n")


def line_range(lines: list[str], bounds: tuple[int, int]) -> list[tuple[int, str]]:
    """1-based inclusive line range with the line numbers."""
    first, last = bounds
    return [(number, lines[number - 1]) for number in range(first, last + 1)]


def build_transcripts(seeds: Path) -> dict[str, tuple[str, int, int]]:
    """Each interview of Annexe 9 as clean text, with its first and last line."""
    chunks: dict[int, list[tuple[int, str]]] = {}
    current = 0
    for number, line in line_range(read_lines(seeds, THESIS_000), ANNEX_9):
        header = re.match(r"^\s*Entretien (\d+)\s*:\s*$", line)
        if header:
            current = int(header.group(1))
            chunks[current] = [(number, line)]
            continue
        if number == UNLABELLED_INTERVIEWER_LINE:
            line = "M : " + line.strip()
        chunks[current].append((number, line))
    transcripts = {}
    for interview, numbered in chunks.items():
        identifier = f"MG{interview}"
        document = parse_transcript("\n".join(line for _, line in numbered[1:]), identifier=identifier)
        paragraphs = []
        for turn in document.turns:
            speaker = "M" if turn.role is SpeakerRole.INTERVIEWER else turn.speaker
            if speaker not in ("M", identifier):
                raise SystemExit(f"{identifier}: unexpected speaker {speaker!r}")
            paragraphs.append(f"{speaker} : {turn.speech(document.text)}")
        last = max(number for number, line in numbered if line.strip())
        transcripts[identifier] = ("\n\n".join(paragraphs) + "\n", numbered[0][0], last)
    return transcripts


def build_participants_000(seeds: Path) -> list[dict[str, str]]:
    cells = " ".join(line.strip() for _, line in line_range(read_lines(seeds, THESIS_000), TABLE_000) if line.strip())
    cells = re.sub(r"\s+", " ", cells)
    pattern = re.compile(
        r"MG(\d+) (\d+) ans ([MF]) (.*?) (\d+) minutes(?: et (\d+) secondes)? ([Nn]on|[Oo]ui)"
    )
    rows = []
    for number, age, sex, practice, minutes, seconds, assistant in pattern.findall(cells):
        practice_match = re.match(r"^(.*?)(?: \((\d+)\))?$", practice)
        rows.append(
            {
                "participant": f"MG{number}",
                "study": "000",
                "sex": sex,
                "age": age,
                "practice_type": practice_match.group(1),
                "doctors": practice_match.group(2) or "",
                "interview_duration": f"{minutes}:{int(seconds or 0):02d}",
                "assistant_present": assistant.lower(),
            }
        )
    return rows


def build_participants_002(seeds: Path) -> list[dict[str, str]]:
    pattern = re.compile(
        r"^(M\S+)\s+(Homme|Femme)\s+(\d\d-\d\d)\s+([<>]?\s?[\dl]+(?:-\d+)?\s?ans?)\s+(.+?)\s+=?\s*"
        r"(Complet|%\s?temps|1/3\s?temps)\s*=?\s+(Rural|Semi ?rural|Ville)\s+(\d+)\s?min\s?(\d*)$"
    )
    rows = []
    for _, line in line_range(read_lines(seeds, THESIS_002), TABLE_002):
        match = pattern.match(line.strip())
        if not match:
            raise SystemExit(f"002 table: cannot read {line!r}")
        identifier, sex, band, installed, practice, share, setting, minutes, seconds = match.groups()
        identifier = "M6" if identifier == "Mé" else identifier
        installed = re.sub(r"\s+", "", installed).replace("lan", "1an")
        installed = re.sub(r"^([<>]?)([\d-]+)(ans?)$", lambda m: f"{m.group(1)}{m.group(2)} {m.group(3)}", installed)
        rows.append(
            {
                "participant": identifier,
                "study": "002",
                "sex": "M" if sex == "Homme" else "F",
                "age_band": band,
                "practice_type": practice.strip(),
                "years_installed": installed,
                "time_with_assistant": {"Complet": "plein temps"}.get(share, "½ temps" if share.startswith("%") else "⅓ temps"),
                "setting": "Semi rural" if setting.startswith("Semi") else setting,
                "interview_duration": f"{minutes}:{int(seconds or 0):02d}",
                "assistant_present": "oui",
            }
        )
    return rows


QUOTE_START = re.compile(r"(?:^|(?<=\. ))(M\d{1,2}|MBS|MB9|M_2)\s*:\s*«\s*:?\s*")
OCR_LABELS = {"MBS": "M5", "MB9": "M9", "M_2": "M2"}


def build_excerpts(seeds: Path) -> dict[str, list[str]]:
    """The quotes of 002's results, grouped by credited participant, OCR repaired."""
    vocabulary = vocabulary_of([(seeds / name).read_text(encoding="utf-8") for name in CLEAN_SEEDS])
    numbered = line_range(read_lines(seeds, THESIS_002), RESULTS_002)
    excerpts: dict[str, list[str]] = {}
    index = 0
    while index < len(numbered):
        line = numbered[index][1]
        start = QUOTE_START.search(line)
        if not start:
            index += 1
            continue
        speaker = OCR_LABELS.get(start.group(1), start.group(1))
        pieces, depth, rest, closed = [], 1, line[start.end() :], False
        while True:
            for position, character in enumerate(rest):
                depth += {"«": 1, "»": -1}.get(character, 0)
                if depth == 0:
                    pieces.append(rest[:position])
                    closed = True
                    break
            if closed:
                break
            pieces.append(rest)
            index += 1
            if index >= len(numbered) or not numbered[index][1].strip():
                break  # an unterminated quote ends with its paragraph
            rest = numbered[index][1]
        text = join_lines(pieces)
        text = restore_accents(repair_glyphs(text), vocabulary).strip()
        excerpts.setdefault(speaker, []).append(text)
        index += 1
    return excerpts


def build_survey(seeds: Path) -> list[str]:
    """The 75 answers of 003 Annexe 2: one per line, except CSV-quoted cells spanning lines, the
    hard-wrapped answers of :data:`WRAPPED_SURVEY_ANSWERS` and the fused lines split apart."""
    answers: list[str] = []
    numbered = line_range(read_lines(seeds, SURVEY_003), SURVEY_ANSWERS)
    index = 0
    while index < len(numbered):
        number, line = numbered[index]
        index += 1
        if not line.strip():
            continue
        if line.startswith('"'):
            cell = [line[1:]]
            while not cell[-1].rstrip().endswith('"'):
                cell.append(numbered[index][1])
                index += 1
            cell[-1] = cell[-1].rstrip()[:-1]
            answers.append(join_lines(cell, keep_bullets=True))
        elif number in WRAPPED_SURVEY_ANSWERS:
            last = WRAPPED_SURVEY_ANSWERS[number]
            wrapped = [line]
            while numbered[index - 1][0] < last:
                wrapped.append(numbered[index][1])
                index += 1
            answers.append(join_lines(wrapped))
        elif number in FUSED_SURVEY_ANSWERS:
            answers.extend(split_fused(line, FUSED_SURVEY_ANSWERS[number]))
        else:
            answers.append(join_lines([line]))
    return answers


def split_fused(line: str, starts: list[str]) -> list[str]:
    """Cut ``line`` before each of ``starts``, in order."""
    parts = [line.strip()]
    for start in starts:
        position = parts[-1].index(start)
        parts[-1:] = [parts[-1][:position].strip(), parts[-1][position:].strip()]
    return parts


PARTICIPANT_COLUMNS = [
    "participant", "study", "sex", "age", "age_band", "practice_type", "doctors", "years_installed",
    "time_with_assistant", "setting", "interview_duration", "assistant_present",
]


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def manifest_entry(fields: dict[str, str]) -> str:
    return "[[documents]]\n" + "".join(f"{key} = {toml_string(value)}\n" for key, value in fields.items())


def build(seeds: Path, output: Path) -> None:
    entries = []
    for identifier, (text, first, last) in build_transcripts(seeds).items():
        write_text(output / "transcripts" / f"{identifier}.txt", text)
        number = identifier[2:]
        entries.append({
            "id": identifier, "file": f"transcripts/{identifier}.txt", "kind": "transcript", "participant": identifier,
            "title": f"Entretien {number} ({identifier})", "source": f"{THESIS_000}, Annexe 9, lignes {first}–{last}",
        })
    excerpts = build_excerpts(seeds)
    for number in range(1, 12):
        identifier = f"M{number}"
        write_text(output / "excerpts" / f"{identifier}.txt", "\n\n".join(f"{identifier} : {quote}" for quote in excerpts[identifier]) + "\n")
        entries.append({
            "id": identifier, "file": f"excerpts/{identifier}.txt", "kind": "excerpts", "participant": identifier,
            "title": f"{identifier} — extraits cités dans la thèse 002",
            "source": f"{THESIS_002}, Résultats, lignes {RESULTS_002[0]}–{RESULTS_002[1]} (citations seulement)",
        })
    answers = build_survey(seeds)
    write_text(output / "survey" / "URML.txt", "\n\n".join(f"R{number} : {answer}" for number, answer in enumerate(answers, 1)) + "\n")
    entries.append({
        "id": "URML", "file": "survey/URML.txt", "kind": "survey",
        "title": "Enquête URML Pays de la Loire — réponses libres",
        "source": f"{SURVEY_003}, Annexe 2, lignes {SURVEY_ANSWERS[0]}–{SURVEY_ANSWERS[1]}",
    })
    manifest = (
        "[study]\n"
        'name = "Assistants médicaux en médecine générale"\n'
        'language = "fr"\n'
        'participants = "participants.csv"\n'
    )
    write_text(output / "study.toml", manifest + "".join("\n" + manifest_entry(entry) for entry in entries))
    rows = build_participants_000(seeds) + build_participants_002(seeds)
    (output / "participants.csv").parent.mkdir(parents=True, exist_ok=True)
    with (output / "participants.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, PARTICIPANT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPOSITORY.parent / "shared" / "seeds")
    parser.add_argument("--output", type=Path, default=REPOSITORY / "corpora" / "medical-assistants")
    arguments = parser.parse_args()
    build(arguments.seeds, arguments.output)


if __name__ == "__main__":
    main()
