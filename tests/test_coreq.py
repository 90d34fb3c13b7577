"""The COREQ checklist: its 32 items, the answers pre-filled from the bundled study (checked against
figures recomputed here from the raw tables and from the saturation service), typed answers and
their refusals, the methods paragraph (κ recomputed with scikit-learn) and the Word export."""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
from pathlib import Path

import numpy as np
import pytest
from docx import Document
from docx.oxml.ns import qn
from sklearn.metrics import cohen_kappa_score

from tests.factories import REFERENCE, SECOND
from tests.helpers import HEAVY, assert_rejected, imported_modules, read_tables, run_cli, run_json
from tests.oracles import pooled, unit_presence
from workbench.domain.coreq import DOMAINS, ITEMS, coreq_item
from workbench.services.analysis.saturation import saturation
from workbench.services.coding.codings import add_coding
from workbench.services.coreq.checklist import coreq_answers, set_coreq_answer
from workbench.services.coreq.methods import coder_agreement, methods_paragraph
from workbench.storage.project import Project

NBSP, NNBSP = "\u00a0", "\u202f"


# The checklist.


def test_the_checklist_has_32_items_numbered_in_three_domains() -> None:
    assert [item.number for item in ITEMS] == list(range(1, 33))
    assert [[item.number for item in domain.items] for domain in DOMAINS] == [
        list(range(1, 9)), list(range(9, 24)), list(range(24, 33)),
    ]  # fmt: skip
    assert [len(domain.subdomains) for domain in DOMAINS] == [2, 4, 2]
    assert [domain.title["en"] for domain in DOMAINS] == ["Research team and reflexivity", "Study design", "Analysis and findings"]
    for item in ITEMS:
        for language in ("fr", "en"):
            assert item.name_in(language).strip() and item.question_in(language).rstrip().endswith(("?", ")"))
    named = {number: coreq_item(number).name_in("fr") for number in (1, 2, 22, 23, 24)}
    assert named == {
        1: "Enquêteur/animateur", 2: "Titre académique", 22: "Saturation des données",
        23: "Retour des verbatims aux participants", 24: "Nombre de codeurs",
    }  # fmt: skip
    assert coreq_item(26).name_in("en-GB") == "Derivation of themes"


def test_the_checklist_module_is_pure() -> None:
    modules = imported_modules("import workbench.domain.coreq")
    assert not [name for name in HEAVY if name in modules]


# Pre-filled from the bundled study.


def interviews(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT identifier, participant_id FROM document WHERE kind = 'transcript' AND participant_id IS NOT NULL "
            "ORDER BY position, id"
        ).fetchall()


def french_number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def answers_of(database: Path) -> dict[int, dict]:
    return {entry["number"]: entry for entry in run_json(database, "coreq")["answers"]}


def test_answers_are_prefilled_from_the_bundled_study(bundled_copy: Path) -> None:
    report = run_json(bundled_copy, "coreq")
    assert report["language"] == "fr" and len(report["answers"]) == 32
    answers = {entry["number"]: entry for entry in report["answers"]}
    computed = {number for number, entry in answers.items() if entry["source"] == "project"}
    assert computed == {12, 18, 21, 22, 24, 25, 26, 27, 29}
    assert report["sources"] == {"project": 9, "investigator": 0, "missing": 23}
    assert all(answers[number]["answer"] == "" for number in set(range(1, 33)) - computed)

    interviewed = interviews(bundled_copy)
    assert len(interviewed) == 17
    assert answers[12]["answer"] == "17 participants (un entretien retranscrit chacun)"
    assert answers[18]["answer"] == f"Non{NBSP}: un seul entretien par participant"

    with sqlite3.connect(bundled_copy) as connection:
        rows = dict(connection.execute("SELECT identifier, attributes FROM participant").fetchall())
    minutes = [json.loads(rows[participant])["interview_duration"] for _, participant in interviewed]
    low, high, mean, total = min(minutes), max(minutes), statistics.fmean(minutes), round(sum(minutes))
    assert answers[21]["answer"] == (
        f"De {french_number(low)} à {french_number(high)}{NBSP}min (moyenne {french_number(mean)}{NBSP}min, "
        f"durée totale {total // 60}{NBSP}h{NBSP}{total % 60:02d}{NBSP}min)"
    )

    with sqlite3.connect(bundled_copy) as connection:
        coders = [name for (name,) in connection.execute(
            "SELECT DISTINCT k.name FROM coding c JOIN coder k ON k.id = c.coder_id JOIN document d ON d.id = c.document_id "
            "WHERE d.kind = 'transcript'"
        )]  # fmt: skip
        depths = dict(connection.execute(
            "WITH RECURSIVE tree(id, depth) AS (SELECT id, 1 FROM code WHERE parent_id IS NULL AND codebook_id = "
            "(SELECT id FROM codebook WHERE name LIKE 'Thèse 000%') UNION ALL "
            "SELECT code.id, tree.depth + 1 FROM code JOIN tree ON code.parent_id = tree.id) "
            "SELECT MIN(depth, 3), COUNT(*) FROM tree GROUP BY MIN(depth, 3)"
        ).fetchall())  # fmt: skip
    assert coders == [REFERENCE]
    assert answers[24]["answer"] == f"1 codeur{NBSP}: thesis-000 (codage de référence importé d’une thèse)"
    assert answers[25]["answer"].endswith(f"{NBSP}: {depths[1]} thèmes, {depths[2]} catégories et {depths[3]} codes")
    assert answers[26]["answer"].startswith(f"Définis à l’avance{NBSP}:")
    assert answers[27]["answer"] == "workbench 0.1.0"
    assert answers[29]["answer"] == f"Oui{NBSP}: chaque verbatim est identifié par son participant (MG1{NBSP}: «{NNBSP}…{NNBSP}»)"

    project = Project.open(bundled_copy)
    try:
        sufficiency = saturation(project, coder=REFERENCE)
    finally:
        project.close()
    assert sufficiency.last_new and sufficiency.confirmed_by >= 1
    confirmed = f"{sufficiency.confirmed_by} entretien{'s supplémentaires' if sufficiency.confirmed_by > 1 else ' supplémentaire'}"
    assert answers[22]["answer"] == (
        f"Oui{NBSP}: aucun nouveau code après l’entretien {sufficiency.last_new} "
        f"({sufficiency.total_codes} codes appliqués au total), saturation confirmée par {confirmed}"
    )


def test_the_checklist_prints_every_item_with_its_source(bundled_copy: Path) -> None:
    """The command line speaks the locale's language, whatever the project's (French here); ``--json`` keeps the project's."""
    result = run_cli(bundled_copy, "coreq", locale={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if line.strip().split(".")[0].isdigit()) == 32
    assert f"   12. Taille de l’échantillon{NBSP}: 17 participants (un entretien retranscrit chacun) (projet)" in lines
    assert f"    1. Enquêteur/animateur{NBSP}: à compléter" in lines
    assert "9 réponses tirées du projet, 0 saisie, 23 à compléter" in result.stdout
    english = run_cli(bundled_copy, "coreq")
    assert english.exit_code == 0, english.output
    assert "   12. Sample size: 17 participants (one transcribed interview each) (project)" in english.stdout.splitlines()
    assert "    1. Interviewer/facilitator: to be completed" in english.stdout.splitlines()
    assert "9 answers from the project, 0 typed, 23 to complete" in english.stdout


# Typed answers.


def test_a_typed_answer_overrides_the_project_and_persists(bundled_copy: Path) -> None:
    typed = "Seize médecins généralistes et un remplaçant : 17 participants"
    assert run_json(bundled_copy, "--coder", "claire", "coreq", "set", "12", typed)["source"] == "investigator"
    run_json(bundled_copy, "coreq", "set", "1", "  Une interne de médecine générale (autrice de la thèse)  ")
    answers = answers_of(bundled_copy)
    assert (answers[12]["answer"], answers[12]["source"]) == (typed, "investigator")
    assert answers[12]["computed"] == "17 participants (un entretien retranscrit chacun)"
    assert (answers[1]["answer"], answers[1]["source"]) == ("Une interne de médecine générale (autrice de la thèse)", "investigator")

    project = Project.open(bundled_copy)
    try:
        assert project.setting("coreq.12") == typed
        from workbench.storage.project import change_log

        with project.session() as session:
            entries = [entry for entry in change_log(session) if entry.action == "coreq.answered"]
        assert [(entry.actor, entry.target, entry.details["text"]) for entry in entries][0] == ("claire", "12", typed)
        set_coreq_answer(project, 12, typed, actor="claire")  # the same answer again: nothing written
        with project.session() as session:
            assert sum(entry.action == "coreq.answered" for entry in change_log(session)) == 2
        by_number = {answer.number: answer for answer in coreq_answers(project)}
        assert by_number[12].answer == typed and by_number[27].source == "project"
    finally:
        project.close()

    assert run_json(bundled_copy, "coreq", "clear", "12") == {"number": 12, "cleared": True}
    assert answers_of(bundled_copy)[12]["source"] == "project"
    assert run_json(bundled_copy, "coreq", "clear", "12") == {"number": 12, "cleared": False}


@pytest.mark.parametrize(
    ("arguments", "mentions"),
    [
        (("coreq", "set", "0", "text"), "no COREQ item 0"),
        (("coreq", "set", "33", "text"), "no COREQ item 33"),
        (("coreq", "set", "--", "-1", "text"), "no COREQ item -1"),
        (("coreq", "set", "5", "   "), "empty answer to COREQ item 5"),
        (("coreq", "set", "5", ""), "empty answer to COREQ item 5"),
        (("coreq", "clear", "40"), "no COREQ item 40"),
        (("export", "coreq", "-o", "{folder}/coreq.pdf"), "written to Word"),
        (("export", "coreq", "-o", "{folder}/missing/coreq.docx"), "no folder"),
        (("export", "coreq", "-o", "{folder}/coreq.docx", "--coders", REFERENCE, REFERENCE), "both coders"),
        (("export", "coreq", "-o", "{folder}/coreq.docx", "--coders", REFERENCE, "nobody"), "no coder 'nobody'"),
        (("coreq", "--coders", REFERENCE, "nobody"), "no coder 'nobody'"),
    ],
)
def test_refusals_leave_the_project_unchanged(bundled_copy: Path, tmp_path: Path, arguments: tuple[str, ...], mentions: str) -> None:
    run_json(bundled_copy, "coreq", "set", "5", "Formation à l'entretien semi-dirigé")
    arguments = tuple(argument.format(folder=tmp_path) for argument in arguments)
    assert_rejected(bundled_copy, *arguments, mentions=mentions)
    assert not (tmp_path / "coreq.docx").exists() and not (tmp_path / "coreq.pdf").exists()
    assert answers_of(bundled_copy)[5]["answer"] == "Formation à l'entretien semi-dirigé"


# The Word export.


def item_rows(table) -> list:  # noqa: ANN001 - a python-docx table
    return [row for row in table.rows if row.cells[0].text.strip().isdigit()]


def test_the_word_export_has_the_methods_paragraph_and_the_32_items(bundled_copy: Path, tmp_path: Path) -> None:
    run_json(bundled_copy, "coreq", "set", "19", "Oui : enregistrement audio, retranscription intégrale")
    output = tmp_path / "coreq.docx"
    summary = run_json(bundled_copy, "export", "coreq", "-o", str(output))
    assert (summary["items"], summary["from_project"], summary["typed"], summary["missing"]) == (32, 9, 1, 22)
    assert summary["agreement"] is None
    document = Document(str(output))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Grille COREQ"
    assert summary["methods"] in texts
    assert summary["methods"].startswith("L’analyse a porté sur 17 entretiens retranscrits")
    assert "Le codage a été réalisé par un codeur, thesis-000" in summary["methods"]
    assert document.sections[0].page_width > document.sections[0].page_height

    (table,) = document.tables
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == ["N°", "Item", "Question", "Réponse"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    rows = item_rows(table)
    assert [int(row.cells[0].text) for row in rows] == list(range(1, 33))
    merged = [row for row in table.rows if len({cell._tc for cell in row.cells}) == 1]
    assert [row.cells[0].text for row in merged][:2] == [f"Domaine 1{NBSP}: Équipe de recherche et réflexivité", "Caractéristiques personnelles"]
    assert len(merged) == 3 + 8
    answers = {int(row.cells[0].text): row.cells[3].text for row in rows}
    assert answers[12] == f"17 participants (un entretien retranscrit chacun){NBSP}(projet)"
    assert answers[19] == f"Oui{NBSP}: enregistrement audio, retranscription intégrale"
    assert answers[1] == "à compléter"
    assert sum(text.endswith("(projet)") for text in answers.values()) == 9
    assert sum(text == "à compléter" for text in answers.values()) == 22
    assert rows[0].cells[1].text == "Enquêteur/animateur"


def test_the_english_checklist(bundled_copy: Path, tmp_path: Path) -> None:
    project = Project.open(bundled_copy)
    try:
        project.set_setting("language", "en")
        paragraph = methods_paragraph(project)
        answers = {answer.number: answer for answer in coreq_answers(project)}
    finally:
        project.close()
    assert paragraph.startswith("The analysis covered 17 transcribed interviews lasting 4.5 to 32")
    assert "coded by one coder, thesis-000 (reference coding imported from a thesis)" in paragraph
    assert answers[18].answer == "No: one interview per participant"
    output = tmp_path / "coreq.docx"
    run_json(bundled_copy, "export", "coreq", "-o", str(output))
    (table,) = Document(str(output)).tables
    assert [cell.text for cell in table.rows[0].cells] == ["No.", "Item", "Question", "Answer"]
    assert item_rows(table)[0].cells[3].text == "to be completed"


# Two coders: the agreement in the methods paragraph.


@pytest.fixture
def two_coders(two_coder_template: Path, tmp_path: Path) -> Path:
    """A copy of the bundled study with alice's codings derived from thesis-000's."""
    return Path(shutil.copyfile(two_coder_template, tmp_path / "two-coders.db"))


def test_the_methods_paragraph_gives_the_kappa_computed_independently(two_coders: Path, tmp_path: Path) -> None:
    first, second = pooled(unit_presence(read_tables(two_coders), None))
    kappa = cohen_kappa_score(first, second)
    observed = float(np.mean(first == second))
    expected_kappa = f"κ de Cohen{NBSP}={NBSP}{kappa:.2f}".replace(".", ",")
    expected_agreement = f"accord observé de {100 * observed:.1f}{NBSP}%".replace(".", ",")

    output = tmp_path / "coreq.docx"
    summary = run_json(two_coders, "export", "coreq", "-o", str(output), "--coders", REFERENCE, SECOND)
    methods = summary["methods"]
    assert expected_kappa in methods and expected_agreement in methods
    assert summary["agreement"]["cohen_kappa"] == pytest.approx(kappa, abs=1e-9)
    assert summary["agreement"]["level"] == "unit" and summary["agreement"]["left_out"] == ["MG13"]
    assert "au niveau des unités de sens" in methods and "deux codeurs, thesis-000 (codage de référence importé d’une thèse) et alice" in methods
    assert "L’entretien MG13, codé par un seul des deux codeurs, n’a pas été comparé." in methods
    paragraphs = [paragraph.text for paragraph in Document(str(output)).paragraphs]
    assert any(expected_kappa in text for text in paragraphs)

    answers = {entry["number"]: entry for entry in run_json(two_coders, "coreq", "--coders", REFERENCE, SECOND)["answers"]}
    assert answers[24]["answer"] == f"2 codeurs (double codage){NBSP}: thesis-000 (codage de référence importé d’une thèse) et alice"
    # without --coders, the interviews' two coders are compared all the same
    assert run_json(two_coders, "export", "coreq", "-o", str(output))["agreement"]["cohen_kappa"] == pytest.approx(kappa, abs=1e-9)


def test_the_methods_paragraph_says_when_joint_absences_dominate_the_observed_agreement(two_coders: Path, tmp_path: Path) -> None:
    """Almost every unit × code pair is a joint absence on the bundled study: the paragraph gives the
    share and the agreement without them, counted here from the presence tables."""
    first, second = pooled(unit_presence(read_tables(two_coders), None))
    absences = float(np.mean(~first & ~second))
    without = float(np.sum(first & second) / np.sum(first | second))
    summary = run_json(two_coders, "export", "coreq", "-o", str(tmp_path / "coreq.docx"), "--coders", REFERENCE, SECOND)
    agreement, methods = summary["agreement"], summary["methods"]
    assert agreement["dominated_by_joint_absences"] and agreement["joint_absence_share"] == pytest.approx(absences, abs=1e-9)
    assert agreement["agreement_without_joint_absences"] == pytest.approx(without, abs=1e-9)
    assert f"Les absences conjointes représentant {100 * absences:.1f}{NBSP}%".replace(".", ",") in methods
    assert f"l’accord hors absences conjointes est de {100 * without:.1f}{NBSP}%".replace(".", ",") in methods


def test_unsegmented_documents_fall_back_to_the_document_level(bundled_copy: Path) -> None:
    """bob codes MG1 and MG2 (not cut into units) with every other code thesis-000 used there."""
    with sqlite3.connect(bundled_copy) as connection:
        reference = connection.execute(
            'SELECT d.identifier, c.code_id, c.start, c."end" FROM coding c JOIN coder k ON k.id = c.coder_id '
            "JOIN document d ON d.id = c.document_id WHERE k.name = ? AND d.identifier IN ('MG1', 'MG2') ORDER BY c.id",
            (REFERENCE,),
        ).fetchall()
    project = Project.open(bundled_copy)
    try:
        for document, code, start, end in reference[::2]:
            add_coding(project, document, code, start, end, coder="bob")
        agreement = coder_agreement(project, (REFERENCE, "bob"))
        paragraph = methods_paragraph(project, (REFERENCE, "bob"))
    finally:
        project.close()
    codes = sorted({code for _, code, _, _ in reference})
    presence = [
        [(document, code) in {(d, c) for d, c, _, _ in rows} for document in ("MG1", "MG2") for code in codes]
        for rows in (reference, reference[::2])
    ]
    kappa = cohen_kappa_score(*presence)
    assert agreement.level == "document" and agreement.compared == 2
    assert agreement.cohen_kappa == pytest.approx(kappa, abs=1e-9)
    assert "Les entretiens n’étant pas découpés en unités de sens" in paragraph
    assert f"κ de Cohen{NBSP}={NBSP}{kappa:.2f}".replace(".", ",") in paragraph


def test_memos_repeat_interviews_and_codes_created_while_coding(bundled_copy: Path) -> None:
    """Two memos; MG2's transcript credited to MG1 (MG1 interviewed twice); a code created after
    coding began, and an in-vivo code under "In vivo"."""
    from workbench.services.codebook.operations import add_code
    from workbench.services.coding.memos import write_memo

    with sqlite3.connect(bundled_copy) as connection:
        connection.execute("UPDATE document SET participant_id = 'MG1' WHERE identifier = 'MG2'")
    project = Project.open(bundled_copy)
    try:
        write_memo(project, "Entretien au cabinet, interruption par un appel", coder="claire")
        write_memo(project, "Bruit de fond", coder="claire", about="document", target=1)
        before = {answer.number: answer for answer in coreq_answers(project)}
        codebook = "Thèse 000"
        add_code(project, "In vivo", actor="claire", codebook=codebook)
        add_code(project, "« On ne peut plus suivre »", actor="claire", codebook=codebook, parent="In vivo")
        after = {answer.number: answer for answer in coreq_answers(project)}
    finally:
        project.close()
    assert before[20].answer == f"2 mémos consignés dans le projet (journal de bord{NBSP}: 1, sur des entretiens{NBSP}: 1)"
    assert before[12].answer == "16 participants, 17 entretiens retranscrits"
    assert before[18].answer == f"Oui{NBSP}: 1 participant interviewé plusieurs fois (MG1{NBSP}: 2 entretiens)"
    assert before[26].answer.startswith("Définis à l’avance")
    assert after[26].answer == f"Thèmes issus des données{NBSP}: 2 codes créés en cours de codage, dont 1 in vivo"
