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
CHECKED_FOLDERS = ("cli", "services", "export", "storage", "importers", "qdpx", "segmentation", "tui")
"""Where a count must come through :func:`counted` or ``ngettext`` (the terminal UI's ``text()`` included)."""
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
    "Pooled: {decisions} ({pair}), {share} joint absences",
}
"""Texts whose count is never 1: the codebooks of a choice, a label over the limit, a limit, Click's
options taking several values; and a share of joint absences (``91.8% joint absences``), not a count."""

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
    assert len(found) > 500 and any(entry[0].startswith("workbench/tui/") for entry in found)
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


# The terminal UI's counts, and the last English words of the services and the storage.


def test_the_terminal_ui_s_counts_take_the_form_of_their_count() -> None:
    from types import SimpleNamespace

    from workbench.services.exchange.importing import ImportReport
    from workbench.tui.screens.codebook import amount
    from workbench.tui.screens.coding_view import progress_text
    from workbench.tui.screens.importing import imported_counts

    def progress(coded: int, total: int, turns: bool = False) -> str:
        return progress_text(SimpleNamespace(units_are_turns=turns, coded_units=coded, units=[None] * total))  # type: ignore[arg-type]

    report = ImportReport(added=["MG1"], unchanged=["MG2", "MG3"])
    assert [amount(count, "coding") for count in (0, 1, 2)] == ["0 codings", "1 coding", "2 codings"]
    assert amount(1, "memo") == "1 memo" and amount(1234, "memo") == "1,234 memos"
    assert progress(0, 1) == "0/1 unit coded" and progress(1, 1234) == "1/1,234 units coded"
    assert progress(1, 1, turns=True) == "1/1 speaker turn coded (s cuts it into units of meaning)"
    assert imported_counts(report) == {"added": "1 added", "replaced": "0 replaced", "unchanged": "2 unchanged"}
    with use_language("fr"):
        assert [amount(count, "coding") for count in (0, 1, 2)] == ["0 codage", "1 codage", "2 codages"]
        assert amount(1234, "memo") == "1\u202f234 mémos"
        assert progress(0, 1) == "0/1 unité codée" and progress(1, 2) == "1/2 unités codées"
        assert progress(2, 3, turns=True) == "2/3 tours de parole codés (s les découpe en unités de sens)"
        assert imported_counts(report) == {"added": "1 ajouté", "replaced": "0 remplacé", "unchanged": "2 inchangés"}


async def test_the_codebook_screen_counts_its_codings_in_the_project_s_language(bundled_copy: Path) -> None:
    from textual.widgets import Static, Tree

    from workbench.storage.project import Project
    from workbench.tui.app import create_app
    from workbench.tui.screens.codebook import CodebookScreen

    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodebookScreen) and screen.stored is not None
        total = sum(screen.stored.codings.values())
        assert total > 1 and str(screen.query_one(Tree).root.label).endswith(f" — {total} codages")
        await pilot.press("down")
        await pilot.pause()
        code = screen.current_code
        assert code is not None
        count = screen.stored.codings.get(code, 0)
        shown = str(screen.query_one("#code-definition", Static).render())
        assert f"{count} codage{'s' if count > 1 else ''} · couleur " in shown, shown
    project.close()


def test_the_services_and_the_storage_speak_the_language_in_whole_sentences(tmp_path: Path) -> None:
    from tests.factories import sample_project
    from workbench.domain.errors import InputError, NotFoundError
    from workbench.domain.units import Unit, merge_spans, split_spans
    from workbench.services.codebook.importing import status_line
    from workbench.storage.codings import check_coders
    from workbench.storage.history import CODING_HISTORY, undo

    units = [Unit("MG14", 1, 0, 12, 1, "Bonjour à vous"), Unit("MG14", 2, 13, 30, 2, "On s’est installés")]
    project = sample_project(tmp_path)
    try:
        with use_language("fr"):
            with pytest.raises(NotFoundError) as nothing:
                undo(project, actor="alice")
            with pytest.raises(NotFoundError) as no_coding:
                undo(project, actor="alice", history=CODING_HISTORY)
            with pytest.raises(InputError) as outside:
                split_spans(units, "MG14", "x" * 30, 2, 3)
            with pytest.raises(InputError) as last:
                merge_spans(units, "MG14", 2)
            with project.session() as session, pytest.raises(NotFoundError) as unknown:
                check_coders(session, ("alice", "élodie"))
            lines = [status_line("Thèse 000", status) for status in ("added", "replaced", "unchanged")]
    finally:
        project.close()
    assert nothing.value.what == "aucune modification du livre de codes à annuler"
    assert no_coding.value.what == "aucun codage à annuler"
    assert outside.value.where == last.value.where == "unité 2 de MG14"
    assert unknown.value.hint.startswith(f"les codeurs sont{NBSP}: ") and "the coders" not in unknown.value.hint
    assert lines == [f"Thèse 000{NBSP}: ajouté", f"Thèse 000{NBSP}: remplacé", f"Thèse 000{NBSP}: inchangé"]
    assert status_line("Thèse 000", "added") == "Thèse 000: added"


def test_a_codebook_changed_since_is_refused_in_a_whole_french_sentence(tmp_path: Path) -> None:
    from sqlmodel import update

    from tests.factories import sample_project
    from workbench.domain.errors import ConflictError, NotFoundError
    from workbench.services.codebook.operations import rename_code
    from workbench.storage.history import redo, undo
    from workbench.storage.records import CodeRecord

    project = sample_project(tmp_path)
    try:
        rename_code(project, "Confiance", "Confiance mutuelle", actor="alice")
        with project.transaction() as session:
            session.exec(update(CodeRecord).where(CodeRecord.name == "Confiance mutuelle").values(name="Confiance (bis)"))
        with use_language("fr"), pytest.raises(ConflictError) as refused:
            undo(project, actor="alice")
        with use_language("fr"), pytest.raises(NotFoundError) as nothing:
            redo(project, actor="alice")
    finally:
        project.close()
    assert refused.value.what == f"impossible d’annuler code renommé de 'Relation médecin–patient/Confiance'{NBSP}: code 'Confiance (bis)' a changé depuis"
    assert nothing.value.what == "aucune modification du livre de codes à rétablir"


def test_an_import_counts_its_documents_and_names_its_codebook_s_status_in_french(bundled_copy: Path, tmp_path: Path) -> None:
    exported = tmp_path / "projet.qdpx"
    assert run_cli(bundled_copy, "export", "qdpx", "-o", str(exported)).exit_code == 0
    fresh = tmp_path / "vide.db"
    assert run_cli(fresh, "init").exit_code == 0
    imported = run_cli(fresh, "import", str(exported), locale=FRENCH)
    assert imported.exit_code == 0, imported.output
    assert f"Documents{NBSP}: 29 ajoutés, 0 remplacé, 0 inchangé\u202f; participants{NBSP}: 28 ajoutés, 0 mis à jour." in imported.stdout
    assert f"{NBSP}: ajouté" in imported.stdout and ": added" not in imported.stdout
    other = tmp_path / "autre.db"
    assert run_cli(other, "init").exit_code == 0
    codebook = run_cli(other, "import", str(ROOT / "codebooks" / "these-000-assistants-medicaux.yaml"), locale=FRENCH)
    assert codebook.exit_code == 0, codebook.output
    assert codebook.stdout.startswith("Livre de codes 'Thèse 000 — ") and f"'{NBSP}: ajouté (" in codebook.stdout and "added" not in codebook.stdout
