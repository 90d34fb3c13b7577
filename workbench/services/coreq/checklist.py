"""The COREQ checklist of a project: each item’s answer, pre-filled from what the project knows or
typed by the investigator, and the methods paragraph that gives the study’s figures.

What the project knows, it answers (source ``"project"``):

* 12 sample size and 18 repeat interviews: the interviews are the documents of kind ``transcript``
  that belong to a participant;
* 20 field notes: the memos written in the project (when there are any);
* 21 duration: the participants' duration attribute (minutes), for the participants interviewed;
* 22 data saturation: :func:`workbench.services.analysis.saturation.saturation` for the main coder;
* 24 number of data coders: the coders of the interviews (the reference coders, imported from a
  thesis, named as such; the consensus is not a coder);
* 25 coding tree and 26 derivation of themes: the codebook(s) the interviews were coded with, and
  whether codes were created once coding had begun (in-vivo codes included);
* 27 software: this program and its version;
* 29 quotations: identified by participant, as ``export tree`` writes them.

A typed answer is stored in the project’s settings under ``coreq.<number>`` and overrides a
pre-filled one (source ``"investigator"``); an item nobody answered has source ``""``. The texts
are in the project’s language (its ``language`` setting: French by default, else English).

The facts are read by :mod:`workbench.services.coreq.facts`, worded into answers by
:mod:`workbench.services.coreq.wording` and into the methods paragraph by
:mod:`workbench.services.coreq.methods`; this module keeps the checklist itself: the stored
answers, each item's answer and the whole report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlmodel import select

from workbench.domain.coreq import (
    INVESTIGATOR,
    ITEMS,
    MISSING,
    PROJECT,
    CoreqAnswer,
    CoreqReport,
    check_item_number,
    coreq_item,
)
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.services.coreq.facts import StudyFacts, study_facts
from workbench.services.coreq.methods import agreement_of, methods_paragraph
from workbench.services.coreq.wording import computed_answers
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.records import SettingRecord
from workbench.storage.row_changes import RowChanges

SETTING_PREFIX = "coreq."
ANSWERED = "coreq.answered"
CLEARED = "coreq.cleared"


def setting_key(number: int) -> str:
    return f"{SETTING_PREFIX}{number}"


# The checklist.


def typed_answers(project: Project) -> dict[int, str]:
    with project.session() as session:
        rows = session.exec(select(SettingRecord).where(SettingRecord.key.startswith(SETTING_PREFIX)))
        typed = {}
        for record in rows:
            suffix = record.key.removeprefix(SETTING_PREFIX)
            if suffix.isdigit() and 1 <= int(suffix) <= len(ITEMS):
                typed[int(suffix)] = record.value
        return typed


def coreq_answers(project: Project, *, coders: tuple[str, str] | None = None, facts: StudyFacts | None = None) -> list[CoreqAnswer]:
    """The 32 items in order, each with its answer and where it comes from."""
    facts = facts or study_facts(project, coders)
    computed = computed_answers(facts)
    typed = typed_answers(project)
    answers = []
    for item in ITEMS:
        own = computed.get(item.number, "")
        if item.number in typed:
            answers.append(CoreqAnswer(item, typed[item.number], INVESTIGATOR, own))
        elif own:
            answers.append(CoreqAnswer(item, own, PROJECT, own))
        else:
            answers.append(CoreqAnswer(item, "", MISSING, ""))
    return answers


def set_coreq_answer(project: Project, number: int, text: str, *, actor: str) -> CoreqAnswer:
    """Store the investigator’s answer to item ``number``, overriding what the project computes."""
    item = coreq_item(number)
    text = text.strip()
    if not text:
        raise InputError(_('empty answer to COREQ item {number}').format(number=number), "TEXT", _('type the answer, or `workbench coreq clear N` to remove one'))
    with project.transaction() as session:
        record = session.get(SettingRecord, setting_key(number))
        previous = record.value if record else None
        if previous == text:
            return CoreqAnswer(item, text, INVESTIGATOR)
        write_setting(session, setting_key(number), text)
        log_change(session, actor, ANSWERED, "coreq", str(number), {"text": text, "previous": previous})
    return CoreqAnswer(item, text, INVESTIGATOR)


def clear_coreq_answer(project: Project, number: int, *, actor: str) -> bool:
    """Remove the typed answer to item ``number`` (the project’s own shows again); whether there was one."""
    check_item_number(number)
    with project.transaction() as session:
        record = session.get(SettingRecord, setting_key(number))
        if record is None:
            return False
        previous = record.value
        RowChanges(session).delete("setting", setting_key(number))
        log_change(session, actor, CLEARED, "coreq", str(number), {"previous": previous})
    return True


# The whole report and its Word export.


def coreq_report(project: Project, coders: tuple[str, str] | None = None) -> CoreqReport:
    facts = study_facts(project, coders)
    agreement = agreement_of(project, facts, coders)
    paragraph = methods_paragraph(project, coders, facts=facts, agreement=agreement)
    title = project.setting("name") or ""
    return CoreqReport(facts.language, coreq_answers(project, coders=coders, facts=facts), paragraph, agreement, title)


def export_coreq(project: Project, path: Path, *, coders: tuple[str, str] | None = None) -> dict[str, object]:
    """The COREQ checklist with the methods paragraph, in Word (see :mod:`workbench.export.coreq_docx`)."""
    from workbench.export.coreq_docx import coreq_docx
    from workbench.export.files import write_atomically

    report = coreq_report(project, coders)
    write_atomically(path, coreq_docx(report))
    counts = Counter(answer.source for answer in report.answers)
    return {
        "path": str(path), "items": len(report.answers), "from_project": counts[PROJECT], "typed": counts[INVESTIGATOR],
        "missing": counts[MISSING], "methods": report.paragraph,
        "agreement": report.agreement.as_dict() if report.agreement else None,
    }  # fmt: skip
