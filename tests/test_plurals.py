"""Counts before their nouns (issue #17): a counted phrase takes the form its count asks for, ``1
coding``, ``2 codings`` in English and ``0 codage``, ``1 codage``, ``2 codages`` in French, and no text
of the command line, the services, the exports or the storage writes a count before a plural noun
itself (``{count} codings``)."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.factories import REFERENCE, SECOND, Build, build_agreement_project
from tests.helpers import run_cli, run_json
from workbench.domain.language import LOCALE_FOLDER, counted, format_number, ngettext, use_language

ROOT = Path(__file__).resolve().parent.parent
FRENCH = {"LANG": "fr_FR.UTF-8"}
NBSP = "\u00a0"
CHECKED_FOLDERS = ("cli", "services", "export", "storage", "importers", "qdpx", "segmentation")
"""Where a count must come through :func:`counted` or ``ngettext`` (the terminal UI is left to its own checks)."""
NOUNS = (
    "codings", "documents", "codes", "units", "turns", "words", "participants", "coders", "memos", "sub-codes",
    "answers", "excerpts", "quotes", "interviews", "files", "rows", "entries", "characters", "lines", "hits",
    "decisions", "themes", "spans", "bytes", "codebooks", "segments", "values", "arguments", "cells", "numbers",
)  # fmt: skip
COUNT_BEFORE_PLURAL = re.compile(r"\{\w+(?:![rsa])?(?::[^{}]*)?\} (?:more |duplicate |possible |joint |new |further )?(?:" + "|".join(NOUNS) + r")\b")
ALWAYS_SEVERAL = {
    "this project has {count} codebooks: {names}",
    "{coder!r} has coded with {count} codebooks: {names}",
    "{coder} could be working with {count} codebooks: {names}",
    "a label of {count} characters",
    "keep it to {count} characters",
    "Option {name} requires {count} arguments.",
    "Argument {name} takes {count} values.",
}
"""Texts whose count is never 1: the codebooks of a choice, a label over the limit, a limit, Click's
options taking several values."""

PHRASES = [
    ("{count} coding", "{count} codings", ["0 codings", "1 coding", "2 codings"], ["0 codage", "1 codage", "2 codages"]),
    ("{count} document", "{count} documents", ["0 documents", "1 document", "2 documents"], ["0 document", "1 document", "2 documents"]),
    ("{count} participant", "{count} participants", ["0 participants", "1 participant", "2 participants"], ["0 participant", "1 participant", "2 participants"]),
    ("{count} quote", "{count} quotes", ["0 quotes", "1 quote", "2 quotes"], ["0 extrait", "1 extrait", "2 extraits"]),
    ("{count} memo", "{count} memos", ["0 memos", "1 memo", "2 memos"], ["0 mémo", "1 mémo", "2 mémos"]),
    ("{count} sub-code", "{count} sub-codes", ["0 sub-codes", "1 sub-code", "2 sub-codes"], ["0 sous-code", "1 sous-code", "2 sous-codes"]),
    ("{count} codebook", "{count} codebooks", ["0 codebooks", "1 codebook", "2 codebooks"], ["0 livre de codes", "1 livre de codes", "2 livres de codes"]),
    ("{count} interview", "{count} interviews", ["0 interviews", "1 interview", "2 interviews"], ["0 entretien", "1 entretien", "2 entretiens"]),
    ("{count} unit", "{count} units", ["0 units", "1 unit", "2 units"], ["0 unité", "1 unité", "2 unités"]),
    ("{count} turn", "{count} turns", ["0 turns", "1 turn", "2 turns"], ["0 tour de parole", "1 tour de parole", "2 tours de parole"]),
    ("{count} hit", "{count} hits", ["0 hits", "1 hit", "2 hits"], ["0 résultat", "1 résultat", "2 résultats"]),
    ("{count} joint absence", "{count} joint absences", ["0 joint absences", "1 joint absence", "2 joint absences"], ["0 absence conjointe", "1 absence conjointe", "2 absences conjointes"]),
    ("{count} answer from the project", "{count} answers from the project", ["0 answers from the project", "1 answer from the project", "2 answers from the project"], ["0 réponse tirée du projet", "1 réponse tirée du projet", "2 réponses tirées du projet"]),
]  # fmt: skip


@pytest.mark.parametrize(("singular", "plural", "english", "french"), PHRASES, ids=[phrase[0] for phrase in PHRASES])
def test_a_counted_phrase_takes_the_form_of_its_count(singular: str, plural: str, english: list[str], french: list[str]) -> None:
    assert [counted(count, singular, plural) for count in (0, 1, 2)] == english
    with use_language("fr"):
        assert [counted(count, singular, plural) for count in (0, 1, 2)] == french


def test_a_count_is_written_with_the_language_s_separators() -> None:
    assert counted(19267, "{count} word", "{count} words") == "19,267 words"
    with use_language("fr"):
        assert counted(19267, "{count} word", "{count} words") == "19\u202f267 mots"


def plural_entries() -> list[tuple[tuple[str, str], tuple[str, ...]]]:
    with (LOCALE_FOLDER / "fr" / "LC_MESSAGES" / "workbench.po").open("rb") as catalogue:
        return [(tuple(message.id), tuple(message.string)) for message in read_po(catalogue) if isinstance(message.id, tuple) and "{count}" in message.id[1]]


def test_every_counted_phrase_reads_singular_at_0_and_1_in_french_and_at_1_in_english() -> None:
    """Every plural entry of the catalogue, walked at 0, 1 and 2 (the other values of a text are left as placeholders)."""
    entries = plural_entries()
    assert len(entries) > 50
    for (singular, plural), (french_singular, *french_plurals) in entries:
        values = {name: f"<{name}>" for name in re.findall(r"\{(\w+)", singular + plural) if name != "count"}
        english = [ngettext(singular, plural, count).format(count=count, **values) for count in (0, 1, 2)]
        assert english == [plural.format(count=0, **values), singular.format(count=1, **values), plural.format(count=2, **values)]
        with use_language("fr"):
            shown = [ngettext(singular, plural, count).format(count=format_number(count), **values) for count in (0, 1, 2)]
        assert shown == [
            french_singular.format(count=0, **values), french_singular.format(count=1, **values), french_plurals[-1].format(count=2, **values)
        ], singular


def test_no_text_writes_a_count_before_a_plural_noun_itself() -> None:
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found = [entry for entry in extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS) if entry[0].split("/")[1] in CHECKED_FOLDERS]
    assert len(found) > 500
    slips = [
        f"{filename}:{line}: {message!r}"
        for filename, line, message, _, _ in found
        if isinstance(message, str) and message not in ALWAYS_SEVERAL and COUNT_BEFORE_PLURAL.search(message)
    ]
    assert not slips, "count them with counted() (workbench.domain.language):\n" + "\n".join(slips)


# The command line's last English words under a French locale.


def test_documents_show_their_kind_in_the_locale_s_language(bundled_copy: Path) -> None:
    french = run_cli(bundled_copy, "documents", locale={**FRENCH, "COLUMNS": "200"})
    english = run_cli(bundled_copy, "documents", locale={"COLUMNS": "200"})
    assert french.exit_code == 0 and english.exit_code == 0, french.output + english.output
    assert "29 documents" in french.stdout and " entretien " in french.stdout and "transcript" not in french.stdout
    assert " transcript " in english.stdout and "entretien" not in english.stdout
    kinds = {entry["kind"] for entry in run_json(bundled_copy, "documents")["documents"]}
    assert "transcript" in kinds and "entretien" not in kinds


def test_the_checklist_speaks_the_locale_s_language_and_json_the_project_s(bundled_copy: Path) -> None:
    english = run_cli(bundled_copy, "coreq")
    assert english.exit_code == 0, english.output
    assert "    1. Interviewer/facilitator: to be completed" in english.stdout.splitlines()
    assert "Taille" not in english.stdout and "à compléter" not in english.stdout
    french = run_cli(bundled_copy, "coreq", locale=FRENCH)
    assert f"    1. Enquêteur/animateur{NBSP}: à compléter" in french.stdout.splitlines()
    report = run_json(bundled_copy, "coreq")
    assert report["language"] == "fr" and report["answers"][11]["answer"] == "17 participants (un entretien retranscrit chacun)"


def test_agreement_csv_heads_its_columns_in_the_locale_s_language(two_coder_template: Path, tmp_path: Path) -> None:
    two_coders = Path(shutil.copyfile(two_coder_template, tmp_path / "two-coders.db"))
    english = run_cli(two_coders, "agreement", "--coders", REFERENCE, SECOND, "--csv")
    french = run_cli(two_coders, "agreement", "--coders", REFERENCE, SECOND, "--csv", locale=FRENCH)
    assert english.exit_code == 0 and french.exit_code == 0, english.output + french.output
    english_rows, french_rows = (list(csv.reader(io.StringIO(result.stdout))) for result in (english, french))
    assert english_rows[0][:9] == ["code", "path", "document", "both", "a_only", "b_only", "neither", "total", "percent_agreement"]
    assert french_rows[0][:9] == ["code", "chemin", "document", "les deux", "A seul", "B seul", "aucun", "total", "percent_agreement"]
    assert french_rows[0][9:] == english_rows[0][9:-1] + ["non défini"]
    assert french_rows[1:] == english_rows[1:] and len(french_rows) > 2


def test_agreement_names_what_it_left_out_and_why_a_figure_is_undefined_in_the_locale_s_language(
    template_copy: Callable[[str, Build], str],
) -> None:
    database = template_copy("agreement", build_agreement_project)
    french = run_cli(database, "agreement", "--coders", "alice", "bob", locale={**FRENCH, "COLUMNS": "300"})
    english = run_cli(database, "agreement", "--coders", "alice", "bob", locale={"COLUMNS": "300"})
    assert french.exit_code == 0 and english.exit_code == 0, french.output + english.output
    assert french.stderr == f"note{NBSP}: MG63 non comparé{NBSP}: codé par alice seulement (nommez-le avec --documents pour le comparer)\n"
    assert "MG63 not compared: coded by alice only" in english.stderr
    assert f"une seule catégorie{NBSP}: l’accord dû au hasard vaut 1 et le coefficient vaut 0/0" in french.stdout
    assert "a single category: chance agreement is 1 and the coefficient is 0/0" in english.stdout
    assert "a single category" not in french.stdout and "neither coder" not in french.stdout
    refused = run_cli(database, "agreement", "--coders", "alice", "bob", "--documents", "MG63", locale=FRENCH)
    assert refused.exit_code == 1
    assert refused.stderr == "workbench: --documents: le codeur 'bob' n’a aucun codage dans MG63 — nommez des documents que les deux codeurs ont codés\n"
