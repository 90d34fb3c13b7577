"""Build the bundled study ``corpora/medical-assistants/`` from the seed documents (stdlib only).

Usage: ``python corpora/build_medical_assistants.py [--seeds DIR] [--output DIR]``. The seeds'
formats, line numbers and figures are those of ``shared/seeds/NOTES.md``; the section numbers
below (§2, §4, §5, §6) refer to it. Every output file is overwritten.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import unicodedata
from pathlib import Path

from medical_assistants_ocr import repair_ocr, vocabulary_of

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEFAULT_OUTPUT = HERE / "medical-assistants"

THESIS_000 = "000_ced94200ebd9b1f1.txt"
SURVEY_001 = "001_62688b2a0a486c5e.txt"
THESIS_002 = "002_00ebf9da570b4255.txt"
SURVEY_003 = "003_df8ae5362deeacdf.txt"
SLIDES_004 = "004_3952e94515ebcaa9.txt"
CLEAN_SEEDS = (THESIS_000, SURVEY_001, SURVEY_003, SLIDES_004)

ANNEX_9 = (3045, 5702)  # 000, from `Entretien 1 :` to the last line before Annexe 10 (§2)
UNLABELLED_INTERVIEWER_LINE = 3124  # 000, interview 1: the interviewer's closing question (§2.2)
TABLE_000 = (686, 755)  # 000, Tableau 1 rows (§4)
TABLE_002 = (160, 170)  # 002, participant table rows (§5.4)
RESULTS_002 = (171, 897)  # 002, results tree (§5.2)
REFERENCE_000 = (767, 2079)  # 000, results from ` I. Etat…` to the `DISCUSSION` heading (§3)
REFERENCE_002 = (150, 898)  # 002, from ` 2 Résultats` to ` 3 Résultats principaux` (§5.2)
CODEBOOKS = {  # the bundled codebooks (codebooks/), relative to the study folder, and their documents
    "../../codebooks/these-000-assistants-medicaux.yaml": [f"MG{number}" for number in range(1, 18)],
    "../../codebooks/these-002-experience-assistant.yaml": [f"M{number}" for number in range(1, 12)],
}
ANNEX_2 = (2128, 2260)  # 003, Annexe 2 answers (§6)

INTERVIEW_HEADER = re.compile(r"^Entretien (\d+)\s*:$")
INTERVIEWER_LABEL = re.compile(r"^M(?:\s*\.\s*:?|\s*:)\s*")  # §2.2
PARTICIPANT_LABEL = re.compile(r"^MG\s?(\d{1,2})(?:\s*\.\s*:?|\s*:|\s{2,}(?=[A-Z]))\s*")  # §2.2
SPLIT_COMPOUND = re.compile(r"\w-$")  # `peut-` / `être` (§1)
SPACES = re.compile(r"\s+")

QUOTE_LABEL = re.compile(r"(?:^|(?<=\. ))(M\d{1,2}|MBS|MB9|M_2)\s*:\s*«\s*(?::\s*)?")  # §5.2
DAMAGED_QUOTE_LABELS = {"MBS": "M5", "MB9": "M9", "M_2": "M2"}  # §5.2

FUSED_ANSWERS = {
    # 003 line: the words where a new answer starts (§6; the split points are a judgement call)
    2168: ["le manque de professionnels"],
    2172: ["répondre à la demande", "la permanence de soins"],
    2175: ["incertitude diagnostique"],
    2179: ["le temps objectifs", "objectifs de la CPAM"],
}
WRAPPED_ANSWERS = {2226: 2230, 2253: 2255, 2258: 2260}  # 003: unquoted answers wrapped at ~45 chars
LIST_ANSWER_LINES = (2129, 2134)  # 003: the one CSV cell that is a `- ` list: its items are kept

PARTICIPANT_COLUMNS = [
    "participant", "study", "sex", "age", "age_band", "practice_type", "doctors", "years_installed",
    "time_with_assistant", "setting", "interview_duration", "assistant_present",
]
SURVEY_TITLE = "Enquête URML Pays de la Loire — réponses libres"
Numbered = list[tuple[int, str]]


def read_range(seeds: Path, name: str, bounds: tuple[int, int]) -> Numbered:
    """Lines ``bounds`` (1-based, inclusive) of a seed, NFC, with their numbers."""
    lines = unicodedata.normalize("NFC", (seeds / name).read_text(encoding="utf-8")).split("\n")
    return [(number, lines[number - 1]) for number in range(bounds[0], bounds[1] + 1)]


def join_lines(lines: list[str], *, keep_items: bool = False) -> str:
    """Re-join hard-wrapped lines with one space (none after a split compound), spaces collapsed;
    with ``keep_items``, a line starting with ``- `` (a list item) stays on its own line."""
    text = ""
    for raw in lines:
        line = SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if text and keep_items and line.startswith("- "):
            text += "\n" + line
        elif text and SPLIT_COMPOUND.search(text) and line[0].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def paragraphs_file(paragraphs: list[str]) -> str:
    """Paragraphs separated by one blank line, ending with a newline."""
    return "\n\n".join(paragraphs) + "\n"


# --- 000 Annexe 9: transcripts (§2) -------------------------------------------------------------


def split_interviews(numbered: Numbered) -> dict[int, Numbered]:
    """The annex's lines by interview number, header lines included (first of each list)."""
    interviews: dict[int, Numbered] = {}
    for number, line in numbered:
        header = INTERVIEW_HEADER.match(line.strip())
        if header:
            interviews[int(header.group(1))] = []
        interviews[max(interviews)].append((number, line))
    return interviews


def parse_turns(numbered: Numbered, participant: str) -> list[tuple[str, str]]:
    """(speaker, speech) turns of one interview; every line is stripped before matching a label."""
    turns: list[tuple[str, list[str]]] = []
    for number, raw in numbered:
        line = raw.strip()
        if not line:
            continue
        participant_label = PARTICIPANT_LABEL.match(line)
        interviewer_label = INTERVIEWER_LABEL.match(line)
        if number == UNLABELLED_INTERVIEWER_LINE:
            turns.append(("M", [line]))
        elif participant_label:
            if f"MG{participant_label.group(1)}" != participant:
                raise SystemExit(f"line {number}: label of another interview in {participant}")
            turns.append((participant, [line[participant_label.end() :]]))
        elif interviewer_label:
            turns.append(("M", [line[interviewer_label.end() :]]))
        elif turns:
            turns[-1][1].append(line)
        else:
            raise SystemExit(f"line {number}: text before the first label of {participant}")
    return [(speaker, join_lines(lines)) for speaker, lines in turns]


def build_transcripts(seeds: Path) -> dict[str, tuple[str, str]]:
    """Each interview's file text and its source line range, by participant id."""
    transcripts = {}
    for interview, numbered in split_interviews(read_range(seeds, THESIS_000, ANNEX_9)).items():
        participant = f"MG{interview}"
        turns = parse_turns(numbered[1:], participant)
        last = max(number for number, line in numbered if line.strip())
        text = paragraphs_file([f"{speaker} : {speech}" for speaker, speech in turns])
        transcripts[participant] = (text, f"{numbered[0][0]}–{last}")
    return transcripts


# --- 002 results: quotes (§5.2, §5.3) -----------------------------------------------------------


def find_quotes(numbered: Numbered) -> list[tuple[str, str]]:
    """(participant, raw quote text) in thesis order. A quote closes on the » that brings the
    guillemet depth back to 0, or, if never closed, at the end of its paragraph (a blank line)."""
    quotes = []
    index = 0
    while index < len(numbered):
        line = numbered[index][1]
        label = QUOTE_LABEL.search(line)
        if not label:
            index += 1
            continue
        participant = DAMAGED_QUOTE_LABELS.get(label.group(1), label.group(1))
        pieces, depth, rest = [], 1, line[label.end() :]
        while True:
            for position, character in enumerate(rest):
                depth += {"«": 1, "»": -1}.get(character, 0)
                if depth == 0:
                    pieces.append(rest[:position])
                    break
            if depth == 0:
                break
            pieces.append(rest)
            if index + 1 >= len(numbered) or not numbered[index + 1][1].strip():
                break
            index += 1
            rest = numbered[index][1]
        quotes.append((participant, join_lines(pieces)))
        index += 1
    return quotes


def build_excerpts(seeds: Path) -> dict[str, list[str]]:
    """The quotes of 002's results by credited participant, OCR repaired, in thesis order."""
    clean_texts = [(seeds / name).read_text(encoding="utf-8") for name in CLEAN_SEEDS]
    vocabulary = vocabulary_of([unicodedata.normalize("NFC", text) for text in clean_texts])
    excerpts: dict[str, list[str]] = {f"M{number}": [] for number in range(1, 12)}
    for participant, text in find_quotes(read_range(seeds, THESIS_002, RESULTS_002)):
        excerpts[participant].append(repair_ocr(text, vocabulary))
    if sum(map(len, excerpts.values())) != 109:
        raise SystemExit("002 results: NOTES §5.2 counts 109 quotes")
    return excerpts


# --- 003 Annexe 2: survey answers (§6) ----------------------------------------------------------


def split_fused(line: str, starts: list[str]) -> list[str]:
    """Cut ``line`` before each of ``starts``, in order."""
    parts = [line]
    for start in starts:
        position = parts[-1].index(start)
        parts[-1:] = [parts[-1][:position].strip(), parts[-1][position:].strip()]
    return parts


def build_survey(seeds: Path) -> list[str]:
    """The free-text answers: one a line, except CSV-quoted cells spanning lines (a blank line may
    fall inside), the hard-wrapped unquoted answers and the fused lines, split."""
    numbered = read_range(seeds, SURVEY_003, ANNEX_2)
    answers: list[str] = []
    index = 0
    while index < len(numbered):
        number, line = numbered[index]
        if not line.strip():
            index += 1
            continue
        end = index
        if line.startswith('"'):
            while not numbered[end][1].rstrip().endswith('"'):
                end += 1
        elif number in WRAPPED_ANSWERS:
            end = index + WRAPPED_ANSWERS[number] - number
        cell = [text for _, text in numbered[index : end + 1]]
        index = end + 1
        if line.startswith('"'):
            cell[0], cell[-1] = cell[0][1:], cell[-1].rstrip()[:-1]
        if (number, numbered[end][0]) == LIST_ANSWER_LINES:
            answers.append(join_lines(cell, keep_items=True))
        elif number in FUSED_ANSWERS:
            answers.extend(split_fused(join_lines(cell), FUSED_ANSWERS[number]))
        else:
            answers.append(join_lines(cell))
    if len(answers) != 75:
        raise SystemExit(f"003 Annexe 2: {len(answers)} answers, NOTES §6 counts 75")
    return answers


# --- participant tables (§4, §5.4) --------------------------------------------------------------

ROW_000 = re.compile(
    r"MG(\d+) (\d+) ans ([MF]) (.*?) (\d+) minutes(?: et (\d+) secondes)? ([Nn]on|[Oo]ui)"
)
ROW_002 = re.compile(
    r"^M(\d+|é)\s+(Homme|Femme)\s+(\d\d-\d\d)\s+([<>]?)\s*(\d+-\d+|\d+|l)\s*(?:ans?)\s+"
    r"(.+?)\s+=?\s*"
    r"(Complet|%\s?temps|1/3\s?temps)\s*=?\s+(Rural|Semi ?rural|Ville)\s+(\d+)\s?min\s?(\d*)$"
)
TIME_WITH_ASSISTANT = {"Complet": "plein temps", "%": "½ temps", "1/3": "⅓ temps"}


def participants_000(seeds: Path) -> list[dict[str, str]]:
    """MG1–MG17 from Tableau 1: the rows' wrapped cells joined into one stream, then matched."""
    stream = join_lines([line for _, line in read_range(seeds, THESIS_000, TABLE_000)])
    rows = []
    for number, age, sex, practice, minutes, seconds, assistant in ROW_000.findall(stream):
        practice_type, doctors = re.match(r"^(.*?)(?: \((\d+)\))?$", practice).groups()
        rows.append({
            "participant": f"MG{number}", "study": "000", "sex": sex, "age": age,
            "practice_type": practice_type, "doctors": doctors or "",
            "interview_duration": f"{int(minutes)}:{int(seconds or 0):02d}",
            "assistant_present": assistant.lower(),
        })
    if len(rows) != 17:
        raise SystemExit(f"000 Tableau 1: {len(rows)} rows read, 17 expected")
    return rows


def participants_002(seeds: Path) -> list[dict[str, str]]:
    """M1–M11 from 002's OCR'd table, one row a line (``Mé``: M6, ``%``: ½, ``<lan``: <1an)."""
    rows = []
    for number, line in read_range(seeds, THESIS_002, TABLE_002):
        match = ROW_002.match(line.strip())
        if not match:
            raise SystemExit(f"002 line {number}: unreadable participant row {line!r}")
        identifier, sex, band, sign, years, practice, share, setting, minutes, seconds = (
            match.groups()
        )
        years = "1" if years == "l" else years
        rows.append({
            "participant": "M6" if identifier == "é" else f"M{identifier}", "study": "002",
            "sex": "F" if sex == "Femme" else "M", "age_band": band,
            "practice_type": practice.strip(),
            "years_installed": f"{sign}{years} {'an' if years == '1' else 'ans'}",
            "time_with_assistant": TIME_WITH_ASSISTANT[re.sub(r"\s*temps$", "", share)],
            "setting": "Semi rural" if setting.startswith("Semi") else setting,
            "interview_duration": f"{int(minutes)}:{int(seconds or 0):02d}",
            "assistant_present": "oui",
        })
    return rows


def participants_csv(rows: list[dict[str, str]]) -> str:
    """``rows`` as CSV text (header row, LF, empty cells for the missing columns)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, PARTICIPANT_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# --- manifest and output ------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """A TOML basic string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def study_toml(documents: list[dict[str, str]], references: list[str]) -> str:
    """The manifest: the [study] table, one [[documents]] table per document, then the codebooks
    with the documents they code, then the theses whose quotes are the reference codings."""
    tables = ['[study]\nname = "Assistants médicaux en médecine générale"\nlanguage = "fr"\n'
              'participants = "participants.csv"\n']
    for document in documents:
        fields = "".join(f"{key} = {toml_string(value)}\n" for key, value in document.items())
        tables.append("[[documents]]\n" + fields)
    for codebook, coded in CODEBOOKS.items():
        listed = ", ".join(map(toml_string, coded))
        tables.append(f"[[codebooks]]\nfile = {toml_string(codebook)}\ndocuments = [{listed}]\n")
    tables += [f"[[references]]\nfile = {toml_string(reference)}\n" for reference in references]
    return "\n".join(tables)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 with LF line endings, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def build(seeds: Path, output: Path) -> dict[str, str]:
    """Write every file of the study under ``output``; return the files' texts by relative path."""
    files: dict[str, str] = {}
    documents: list[dict[str, str]] = []
    for participant, (text, lines) in build_transcripts(seeds).items():
        files[f"transcripts/{participant}.txt"] = text
        documents.append({
            "id": participant, "file": f"transcripts/{participant}.txt", "kind": "transcript",
            "participant": participant, "title": f"Entretien {participant[2:]} ({participant})",
            "source": f"{THESIS_000}, Annexe 9, lignes {lines}",
        })
    first, last = RESULTS_002
    for participant, quotes in build_excerpts(seeds).items():
        quote_paragraphs = [f"{participant} : {quote}" for quote in quotes]
        files[f"excerpts/{participant}.txt"] = paragraphs_file(quote_paragraphs)
        documents.append({
            "id": participant, "file": f"excerpts/{participant}.txt", "kind": "excerpts",
            "participant": participant,
            "title": f"{participant} — extraits cités dans la thèse 002",
            "source": f"{THESIS_002}, Résultats, lignes {first}–{last} (citations)",
        })
    answers = build_survey(seeds)
    answer_paragraphs = [f"R{number} : {answer}" for number, answer in enumerate(answers, 1)]
    files["survey/URML.txt"] = paragraphs_file(answer_paragraphs)
    documents.append({
        "id": "URML", "file": "survey/URML.txt", "kind": "survey", "title": SURVEY_TITLE,
        "source": f"{SURVEY_003}, Annexe 2, lignes {ANNEX_2[0]}–{ANNEX_2[1]}",
    })
    references = {THESIS_000: REFERENCE_000, THESIS_002: REFERENCE_002}
    for name, bounds in references.items():
        lines = [line for _, line in read_range(seeds, name, bounds)]
        files[f"reference/{Path(name).stem}-resultats.txt"] = "\n".join(lines) + "\n"
    files["study.toml"] = study_toml(documents, [f"reference/{Path(name).stem}-resultats.txt" for name in references])
    files["participants.csv"] = participants_csv(participants_000(seeds) + participants_002(seeds))
    for relative, text in files.items():
        write_text(output / relative, text)
    return files


WORDS = re.compile(r"\w+(?:['’]\w+)*")  # NOTES §2.1


def summary(files: dict[str, str]) -> str:
    """Turns and words per interview (speech only, and with the labels), and the other counts."""
    lines = ["interview  turns M/MG  words M  words MG  speech total  with labels"]
    for number in range(1, 18):
        paragraphs = files[f"transcripts/MG{number}.txt"].rstrip("\n").split("\n\n")
        counts = {"M": [0, 0], f"MG{number}": [0, 0]}
        for paragraph in paragraphs:
            speaker, speech = paragraph.split(" : ", 1)
            counts[speaker][0] += 1
            counts[speaker][1] += len(WORDS.findall(speech))
        (m_turns, m_words), (mg_turns, mg_words) = counts.values()
        speech = m_words + mg_words
        lines.append(
            f"MG{number:<8} {m_turns:>5}/{mg_turns:<5} {m_words:>8} {mg_words:>9} {speech:>13} "
            f"{speech + len(paragraphs):>12}"
        )
    for number in range(1, 12):
        quotes = files[f"excerpts/M{number}.txt"].count("\n\n") + 1
        lines.append(f"excerpts M{number}: {quotes}")
    lines.append(f"survey answers: {files['survey/URML.txt'].count(chr(10) * 2) + 1}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="%(default)s")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="%(default)s")
    parser.add_argument("--quiet", action="store_true", help="do not print the counts")
    arguments = parser.parse_args()
    files = build(arguments.seeds, arguments.output)
    if not arguments.quiet:
        print(summary(files))


if __name__ == "__main__":
    main()
