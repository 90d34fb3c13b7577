"""The COREQ checklist of a project: each item’s answer, pre-filled from what the project knows or
typed by the investigator, and the methods paragraph that gives the study’s figures.

What the project knows, it answers (source ``"project"``):

* 12 sample size and 18 repeat interviews: the interviews are the documents of kind ``transcript``
  that belong to a participant;
* 20 field notes: the memos written in the project (when there are any);
* 21 duration: the participants' duration attribute (minutes), for the participants interviewed;
* 22 data saturation: :func:`workbench.services.saturation.saturation` for the main coder;
* 24 number of data coders: the coders of the interviews (the reference coders, imported from a
  thesis, named as such; the consensus is not a coder);
* 25 coding tree and 26 derivation of themes: the codebook(s) the interviews were coded with, and
  whether codes were created once coding had begun (in-vivo codes included);
* 27 software: this program and its version;
* 29 quotations: identified by participant, as ``export tree`` writes them.

A typed answer is stored in the project’s settings under ``coreq.<number>`` and overrides a
pre-filled one (source ``"investigator"``); an item nobody answered has source ``""``. The texts
are in the project’s language (its ``language`` setting: French by default, else English).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, func, select

import workbench
from workbench.domain.coreq import ITEMS, CoreqItem, check_item_number, checklist_language, coreq_item
from workbench.domain.errors import InputError, WorkbenchError
from workbench.domain.participants import AttributeType
from workbench.domain.text import natural_key
from workbench.domain.typography import french_spacing
from workbench.services.agreement_project import CONSENSUS, MIN_COVER, check_coders, load_comparison, report_at_level
from workbench.services.codebook_store import load_tree
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import attribute_types
from workbench.storage.tables import (
    ChangeRecord,
    CodebookRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    ParticipantRecord,
    SettingRecord,
    UnitRecord,
)

if TYPE_CHECKING:
    from workbench.services.saturation import SaturationReport

PROJECT, INVESTIGATOR, MISSING = "project", "investigator", ""
SOURCES = (PROJECT, INVESTIGATOR, MISSING)
SETTING_PREFIX = "coreq."
ANSWERED = "coreq.answered"
CLEARED = "coreq.cleared"
TRANSCRIPT = "transcript"
REFERENCE_IMPORTED = "reference.imported"
CODE_ADDED = "code.added"
IN_VIVO = "in vivo"
"""The top-level code (compared without case) that in-vivo codes are created under."""
NBSP = "\u00a0"
SOFTWARE = f"workbench {workbench.__version__}"


def setting_key(number: int) -> str:
    return f"{SETTING_PREFIX}{number}"


@dataclass(frozen=True)
class CoreqAnswer:
    item: CoreqItem
    answer: str
    """The answer shown: the typed one, else the project’s, else ``""``."""
    source: str
    """``"investigator"`` (typed), ``"project"`` (computed) or ``""`` (missing)."""
    computed: str = ""
    """What the project would answer (kept when a typed answer overrides it)."""

    @property
    def number(self) -> int:
        return self.item.number

    def as_dict(self, language: str) -> dict[str, object]:
        return {
            "number": self.number, "domain": self.item.domain, "name": self.item.name_in(language),
            "question": self.item.question_in(language), "answer": self.answer, "source": self.source,
            "computed": self.computed,
        }  # fmt: skip


# What the project knows.


@dataclass(frozen=True)
class CoderAgreement:
    """Two coders' pooled agreement, as the methods paragraph reports it."""

    coders: tuple[str, str]
    level: str
    """``unit``, or ``document`` when the interviews are not (all) cut into units of meaning."""
    compared: int
    """Units (or documents) compared."""
    documents: list[str]
    left_out: list[str]
    """Documents coded by one of the two only."""
    percent_agreement: float | None
    cohen_kappa: float | None
    kappa_undefined: str | None
    min_cover: float | None

    @property
    def fallback(self) -> bool:
        return self.level == "document"

    def as_dict(self) -> dict[str, object]:
        return {
            "coders": list(self.coders), "level": self.level, "compared": self.compared, "documents": self.documents,
            "left_out": self.left_out, "percent_agreement": self.percent_agreement, "cohen_kappa": self.cohen_kappa,
            "min_cover": self.min_cover,
        }  # fmt: skip


@dataclass(frozen=True)
class TreeShape:
    codebook: str
    by_depth: dict[int, int]
    """How many nodes at each depth (1: themes)."""
    created_while_coding: int
    """Codes added once coding with this codebook had begun."""
    in_vivo: int


@dataclass
class StudyFacts:
    """Everything the checklist and the methods paragraph are pre-filled from."""

    language: str
    interviews: list[tuple[str, str]] = field(default_factory=list)
    """(document, participant) of each transcript, in project order."""
    durations: dict[str, float] = field(default_factory=dict)
    """Minutes, by participant interviewed (those whose duration is known)."""
    duration_attribute: str | None = None
    coders: list[str] = field(default_factory=list)
    """The coders reported: those named, else those who coded the interviews (consensus aside)."""
    codings: dict[str, int] = field(default_factory=dict)
    """Codings of the interviews by coder."""
    reference_coders: set[str] = field(default_factory=set)
    consensus: int = 0
    """Consensus codings of the interviews."""
    trees: list[TreeShape] = field(default_factory=list)
    memos: dict[str, int] = field(default_factory=dict)
    saturation: SaturationReport | None = None

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(participant for _, participant in self.interviews))

    @property
    def repeated(self) -> dict[str, int]:
        counts = Counter(participant for _, participant in self.interviews)
        return {participant: count for participant, count in counts.items() if count > 1}

    @property
    def main_coder(self) -> str | None:
        """The coder whose saturation is reported (unless coders are named): the one with the most codings of the interviews."""
        if not self.coders:
            return None
        return max(self.coders, key=lambda coder: self.codings.get(coder, 0))


def study_facts(project: Project, coders: tuple[str, str] | None = None, *, with_saturation: bool = True) -> StudyFacts:
    with project.session() as session:
        if coders is not None:
            coders = check_coders(session, coders)
        facts = StudyFacts(checklist_language(project_language(session)))
        facts.interviews = [
            (identifier, participant)
            for identifier, participant in session.exec(
                select(DocumentRecord.identifier, DocumentRecord.participant_id)
                .where(DocumentRecord.kind == TRANSCRIPT, DocumentRecord.participant_id.is_not(None))
                .order_by(DocumentRecord.position, DocumentRecord.id)
            )
        ]  # fmt: skip
        read_durations(session, facts)
        read_coders(session, facts, coders)
        facts.trees = tree_shapes(session, facts)
        facts.memos = dict(session.exec(select(MemoRecord.target_kind, func.count()).group_by(MemoRecord.target_kind)).all())
    if with_saturation and facts.main_coder:
        facts.saturation = saturation_of(project, facts.main_coder if coders is None else coders[0])
    return facts


def project_language(session: Session) -> str:
    record = session.get(SettingRecord, "language")
    return record.value if record else "fr"


def read_durations(session: Session, facts: StudyFacts) -> None:
    """The interview duration of each participant interviewed: the attribute of type duration (the
    one named like "interview duration" when there are several)."""
    names = [name for name, kind in attribute_types(session).items() if kind is AttributeType.DURATION]
    if not names:
        return
    preferred = [name for name in names if any(word in name.casefold() for word in ("interview", "entretien"))]
    facts.duration_attribute = (preferred or names)[0]
    interviewed = set(facts.participants)
    for record in session.exec(select(ParticipantRecord)):
        value = record.attributes.get(facts.duration_attribute)
        if record.identifier in interviewed and isinstance(value, int | float) and not isinstance(value, bool):
            facts.durations[record.identifier] = float(value)


def read_coders(session: Session, facts: StudyFacts, named: tuple[str, str] | None) -> None:
    interviews = [document for document, _ in facts.interviews]
    rows = session.exec(
        select(CoderRecord.name, func.count(CodingRecord.id))
        .join(CodingRecord, CodingRecord.coder_id == CoderRecord.id)
        .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
        .where(DocumentRecord.identifier.in_(interviews))
        .group_by(CoderRecord.name)
    ).all()  # fmt: skip
    facts.codings = dict(rows)
    facts.consensus = facts.codings.pop(CONSENSUS, 0)
    imported = set(session.exec(select(ChangeRecord.target).where(ChangeRecord.action == REFERENCE_IMPORTED)))
    # the reference coders (a thesis's own coding) first, then by name
    facts.coders = list(named) if named else sorted(facts.codings, key=lambda coder: (coder not in imported, natural_key(coder)))
    facts.reference_coders = imported & set(facts.coders)


def tree_shapes(session: Session, facts: StudyFacts) -> list[TreeShape]:
    """The codebooks the interviews were coded with by the coders reported (else the one they are
    assigned, else the project’s only codebook)."""
    interviews = [document for document, _ in facts.interviews]
    used = set(
        session.exec(
            select(CodeRecord.codebook_id)
            .join(CodingRecord, CodingRecord.code_id == CodeRecord.id)
            .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
            .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
            .where(DocumentRecord.identifier.in_(interviews), CoderRecord.name.in_(facts.coders))
            .distinct()
        )
    )  # fmt: skip
    if not used:
        used = set(session.exec(select(DocumentRecord.codebook_id).where(DocumentRecord.identifier.in_(interviews)))) - {None}
    records = list(session.exec(select(CodebookRecord).order_by(CodebookRecord.id)))
    if not used and len(records) == 1:
        used = {records[0].id}
    return [tree_shape(session, record) for record in records if record.id in used]


def tree_shape(session: Session, record: CodebookRecord) -> TreeShape:
    tree = load_tree(session, record.id)
    by_depth = Counter(tree.depth(code.id) for code in tree.walk())
    in_vivo = sum(
        sum(1 for _ in tree.walk(root.id)) for root in tree.roots if root.name.casefold().strip() == IN_VIVO
    )
    first_coding = session.exec(
        select(func.min(CodingRecord.created_at)).join(CodeRecord, CodeRecord.id == CodingRecord.code_id)
        .where(CodeRecord.codebook_id == record.id)
    ).first()  # fmt: skip
    created = 0
    if first_coding is not None:
        added = session.exec(select(ChangeRecord).where(ChangeRecord.action == CODE_ADDED))
        created = sum(
            1 for entry in added
            if entry.details.get("codebook") == record.name and as_utc(entry.at) > as_utc(first_coding)
        )  # fmt: skip
    return TreeShape(record.name, dict(sorted(by_depth.items())), created, in_vivo)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite gives it back without its zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def saturation_of(project: Project, coder: str) -> SaturationReport | None:
    """The saturation of ``coder``'s coding, or ``None`` when it cannot be computed."""
    from workbench.services.saturation import saturation

    try:
        report = saturation(project, coder=coder)
    except WorkbenchError:
        return None
    return report if report.steps else None


# Figures as the texts write them.


def number_text(value: float, language: str, digits: int = 1) -> str:
    """``value`` with at most ``digits`` decimals (none when whole), a decimal comma in French."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if language == "fr" else text


def percent_text(share: float, language: str) -> str:
    number = f"{100 * share:.1f}"
    return f"{number.replace('.', ',')}{NBSP}%" if language == "fr" else f"{number}%"


def kappa_text(value: float, language: str) -> str:
    number = f"{value:.2f}"
    return f"κ{NBSP}={NBSP}{number.replace('.', ',') if language == 'fr' else number}"


def minutes_text(value: float, language: str) -> str:
    return f"{number_text(value, language)}{NBSP}min"


def hours_text(minutes: float) -> str:
    total = round(minutes)
    hours, rest = divmod(total, 60)
    return f"{hours}{NBSP}h{NBSP}{rest:02d}{NBSP}min" if hours else f"{rest}{NBSP}min"


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def joined(words: list[str], language: str) -> str:
    last = " et " if language == "fr" else " and "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + last + words[-1]


LEVEL_NAMES = {
    "fr": {1: ("thème", "thèmes"), 2: ("catégorie", "catégories"), 3: ("code", "codes")},
    "en": {1: ("theme", "themes"), 2: ("category", "categories"), 3: ("code", "codes")},
}
LANDIS_KOCH = {
    "fr": ((0.0, "désaccord"), (0.2, "très faible"), (0.4, "faible"), (0.6, "modéré"), (0.8, "fort"), (1.0, "presque parfait")),
    "en": ((0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial"), (1.0, "almost perfect")),
}
"""Landis and Koch’s (1977) words for κ: the first whose bound is at least κ (below 0: the first)."""
MEMO_PLACES = {
    "fr": {"project": "journal de bord", "document": "sur des entretiens", "code": "sur des codes", "coding": "sur des codages"},
    "en": {"project": "project journal", "document": "on interviews", "code": "on codes", "coding": "on codings"},
}


def kappa_words(value: float, language: str) -> str:
    for bound, words in LANDIS_KOCH[language]:
        if value < 0 and bound == 0.0 or 0 <= value <= bound:
            return words
    return LANDIS_KOCH[language][-1][1]


def level_counts(shape: TreeShape, language: str) -> str:
    counts = {1: 0, 2: 0, 3: 0}
    for depth, count in shape.by_depth.items():
        counts[min(depth, 3)] += count
    parts = [f"{count} {LEVEL_NAMES[language][level][count != 1]}" for level, count in counts.items() if count]
    return joined(parts, language) if parts else ("aucun code" if language == "fr" else "no code")


def coder_label(facts: StudyFacts, coder: str) -> str:
    if coder not in facts.reference_coders:
        return coder
    if facts.language == "fr":
        return f"{coder} (codage de référence importé d’une thèse)"
    return f"{coder} (reference coding imported from a thesis)"


# The pre-filled answers, by item.


def computed_answers(facts: StudyFacts) -> dict[int, str]:
    language = facts.language
    fr = language == "fr"
    answers: dict[int, str] = {}
    interviews, participants = len(facts.interviews), len(facts.participants)
    if interviews:
        if participants == interviews:
            answers[12] = (
                f"{plural(participants, 'participant')} ({'un entretien retranscrit chacun' if fr else 'one transcribed interview each'})"
            )
        else:
            answers[12] = (
                f"{plural(participants, 'participant')}, {plural(interviews, 'entretien retranscrit', 'entretiens retranscrits')}"
                if fr else f"{plural(participants, 'participant')}, {plural(interviews, 'transcribed interview')}"
            )  # fmt: skip
        if repeated := facts.repeated:
            listed = "; ".join(
                f"{participant} : {count} entretiens" if fr else f"{participant}: {count} interviews"
                for participant, count in repeated.items()
            )  # fmt: skip
            answers[18] = (
                f"Oui : {plural(len(repeated), 'participant interviewé', 'participants interviewés')} plusieurs fois ({listed})"
                if fr else f"Yes: {plural(len(repeated), 'participant')} interviewed more than once ({listed})"
            )  # fmt: skip
        else:
            answers[18] = "Non : un seul entretien par participant" if fr else "No: one interview per participant"
    if facts.durations:
        answers[21] = durations_text(facts)
    if memos := sum(facts.memos.values()):
        order = list(MEMO_PLACES["en"])
        kinds = sorted(facts.memos, key=lambda kind: order.index(kind) if kind in order else len(order))
        separator = " : " if fr else ": "
        places = ", ".join(f"{MEMO_PLACES[language].get(kind, kind)}{separator}{facts.memos[kind]}" for kind in kinds)
        answers[20] = (
            f"{plural(memos, 'mémo')} consigné{'s' if memos > 1 else ''} dans le projet ({places})"
            if fr else f"{plural(memos, 'memo')} written in the project ({places})"
        )  # fmt: skip
    if facts.saturation is not None:
        answers[22] = saturation_text(facts.saturation, language, answer=True)
        if len(facts.coders) > 1:
            answers[22] += f" ({'codage du codeur' if fr else 'coding by'} {facts.saturation.coder})"
    if facts.coders:
        answers[24] = coders_text(facts)
    if facts.trees:
        answers[25] = "; ".join(
            f"Arbre de codage « {shape.codebook} » : {level_counts(shape, language)}" if fr
            else f"Coding tree “{shape.codebook}”: {level_counts(shape, language)}"
            for shape in facts.trees
        )  # fmt: skip
        answers[26] = "; ".join(derivation_text(shape, language, several=len(facts.trees) > 1) for shape in facts.trees)
    answers[27] = SOFTWARE
    if facts.interviews and facts.codings:
        example = facts.interviews[0][1]
        answers[29] = (
            f"Oui : chaque verbatim est identifié par son participant ({example} : « … »)"
            if fr else f"Yes: each quotation is identified by its participant ({example}: “…”)"
        )  # fmt: skip
    return {number: french_spacing(text) if fr else text for number, text in answers.items()}


def durations_text(facts: StudyFacts) -> str:
    language, values = facts.language, list(facts.durations.values())
    low, high, mean = min(values), max(values), statistics.fmean(values)
    if language == "fr":
        text = f"De {number_text(low, language)} à {minutes_text(high, language)} (moyenne {minutes_text(mean, language)}"
        text += f", durée totale {hours_text(sum(values))})"
        if len(values) < len(facts.participants):
            text += f" ; durée connue pour {len(values)} des {len(facts.participants)} participants"
        return text
    text = f"{number_text(low, language)} to {minutes_text(high, language)} (mean {minutes_text(mean, language)}"
    text += f", {hours_text(sum(values))} in all)"
    if len(values) < len(facts.participants):
        text += f"; duration known for {len(values)} of {len(facts.participants)} participants"
    return text


def saturation_text(report: SaturationReport, language: str, *, answer: bool) -> str:
    """Data sufficiency as the saturation service found it: the last interview that brought a new
    code, and how many interviews after it brought none."""
    fr = language == "fr"
    applied = (
        f"{plural(report.total_codes, 'code appliqué', 'codes appliqués')} au total" if fr
        else f"{plural(report.total_codes, 'code')} applied in all"
    )  # fmt: skip
    last = next(step for step in report.steps if step.document == report.last_new) if report.last_new else None
    if report.last_new is None:
        return "Aucun code : saturation non évaluable" if fr else "No code yet: saturation cannot be assessed"
    if report.confirmed_by == 0:
        new = len(last.new_codes) if last else 0
        if fr:
            text = f"le dernier entretien ({report.last_new}) a encore apporté {plural(new, 'nouveau code', 'nouveaux codes')} ({applied})"
            return f"Non atteinte : {text}" if answer else f"{text} : la saturation des données n’est pas atteinte"
        text = f"the last interview ({report.last_new}) still brought {plural(new, 'new code')} ({applied})"
        return f"Not reached: {text}" if answer else f"{text}: data saturation was not reached"
    if fr:
        confirmed = plural(report.confirmed_by, "entretien supplémentaire", "entretiens supplémentaires")
        if answer:
            return f"Oui : aucun nouveau code après l’entretien {report.last_new} ({applied}), saturation confirmée par {confirmed}"
        verb = "ce qu’a confirmé" if report.confirmed_by == 1 else "ce qu’ont confirmé"
        return f"aucun nouveau code n’est apparu après l’entretien {report.last_new} ({applied}), {verb} {confirmed}"
    confirmed = plural(report.confirmed_by, "further interview")
    if answer:
        return f"Yes: no new code after interview {report.last_new} ({applied}), saturation confirmed by {confirmed}"
    return f"no new code appeared after interview {report.last_new} ({applied}), as {confirmed} confirmed"


def coders_text(facts: StudyFacts) -> str:
    fr = facts.language == "fr"
    labels = joined([coder_label(facts, coder) for coder in facts.coders], facts.language)
    count = len(facts.coders)
    if fr:
        text = f"{plural(count, 'codeur')}{' (double codage)' if count == 2 else ''} : {labels}"
        if facts.consensus:
            text += f" ; désaccords arbitrés par consensus ({plural(facts.consensus, 'codage')})"
        return text
    text = f"{plural(count, 'coder')}{' (double coding)' if count == 2 else ''}: {labels}"
    if facts.consensus:
        text += f"; disagreements settled by consensus ({plural(facts.consensus, 'coding')})"
    return text


def derivation_text(shape: TreeShape, language: str, *, several: bool) -> str:
    fr = language == "fr"
    name = (f" « {shape.codebook} »" if fr else f" “{shape.codebook}”") if several else ""
    if shape.created_while_coding or shape.in_vivo:
        created = max(shape.created_while_coding, shape.in_vivo)
        if fr:
            text = f"Thèmes issus des données{name} : {plural(created, 'code créé', 'codes créés')} en cours de codage"
            return text + (f", dont {shape.in_vivo} in vivo" if shape.in_vivo else "")
        text = f"Derived from the data{name}: {plural(created, 'code')} created while coding"
        return text + (f", {shape.in_vivo} of them in vivo" if shape.in_vivo else "")
    if fr:
        return f"Définis à l’avance{name} : livre de codes établi avant le codage, aucun code créé en cours de codage"
    return f"Identified in advance{name}: codebook set before coding, no code created while coding"


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
        raise InputError(f"empty answer to COREQ item {number}", "TEXT", "type the answer, or `workbench coreq clear N` to remove one")
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
        session.delete(record)
        log_change(session, actor, CLEARED, "coreq", str(number), {"previous": previous})
    return True


# Agreement and the methods paragraph.


def reported_pair(facts: StudyFacts, coders: tuple[str, str] | None) -> tuple[str, str] | None:
    """The two coders compared: those named, else the interviews' coders when there are exactly two."""
    if coders is not None:
        return coders
    return (facts.coders[0], facts.coders[1]) if len(facts.coders) == 2 else None


def agreement_of(project: Project, facts: StudyFacts, coders: tuple[str, str] | None) -> CoderAgreement | None:
    """The agreement of the coders named (an error when it cannot be computed), else of the
    interviews' two coders when there are exactly two (``None`` when it cannot be computed)."""
    if coders is not None:
        return coder_agreement(project, coders)
    pair = reported_pair(facts, None)
    if pair is None:
        return None
    try:
        return coder_agreement(project, pair)
    except WorkbenchError:
        return None


def coder_agreement(project: Project, coders: tuple[str, str], min_cover: float = MIN_COVER) -> CoderAgreement:
    """The pooled agreement of ``coders`` on units of meaning, or on whole documents when the
    documents they both coded are not all cut into units."""
    outline = load_comparison(project, coders, with_units=False)
    compared = [document.identifier for document in outline.documents]
    with project.session() as session:
        segmented = set(
            session.exec(
                select(DocumentRecord.identifier).join(UnitRecord, UnitRecord.document_id == DocumentRecord.id)
                .where(DocumentRecord.identifier.in_(compared)).distinct()
            )
        )  # fmt: skip
    if set(compared) <= segmented:
        comparison, level = load_comparison(project, coders), "unit"
    else:
        comparison, level = outline, "document"
    report = report_at_level(comparison, level, min_cover)
    kappa = report.pooled.statistics["cohen_kappa"]
    return CoderAgreement(
        comparison.coders, level, report.compared, compared, sorted(comparison.left_out, key=natural_key),
        report.pooled.statistics["percent_agreement"].value, kappa.value, kappa.undefined_reason,
        min_cover if level == "unit" else None,
    )  # fmt: skip


def methods_paragraph(
    project: Project, coders: tuple[str, str] | None = None, *, facts: StudyFacts | None = None,
    agreement: CoderAgreement | None = None,
) -> str:  # fmt: skip
    """The methods paragraph, in the project’s language: interviews and durations, who coded,
    the two coders' agreement (κ and percent agreement) and data sufficiency."""
    facts = facts or study_facts(project, coders)
    if agreement is None:
        agreement = agreement_of(project, facts, coders)
    writer = french_paragraph if facts.language == "fr" else english_paragraph
    text = " ".join(writer(facts, agreement))
    return french_spacing(text) if facts.language == "fr" else text


def french_paragraph(facts: StudyFacts, agreement: CoderAgreement | None) -> list[str]:
    sentences = []
    count = len(facts.interviews)
    if count:
        sentence = f"L’analyse a porté sur {plural(count, 'entretien retranscrit', 'entretiens retranscrits')}"
        if len(facts.participants) != count:
            sentence += f" auprès de {plural(len(facts.participants), 'participant')}"
        if facts.durations:
            values = list(facts.durations.values())
            low, high, mean = min(values), max(values), statistics.fmean(values)
            sentence += (
                f", d’une durée de {number_text(low, 'fr')} à {minutes_text(high, 'fr')} (moyenne {minutes_text(mean, 'fr')})"
            )
        sentences.append(sentence + ".")
    else:
        sentences.append("Aucun entretien retranscrit n’est encore importé dans le projet.")
    coders = list(agreement.coders) if agreement else facts.coders
    labels = joined([coder_label(facts, coder) for coder in coders], "fr") if coders else ""
    if len(coders) == 2:
        sentences.append(f"Un double codage a été réalisé par deux codeurs, {labels}, avec le logiciel {SOFTWARE}.")
    elif len(coders) == 1:
        sentences.append(f"Le codage a été réalisé par un codeur, {labels}, avec le logiciel {SOFTWARE}.")
    elif coders:
        sentences.append(f"Le codage a été réalisé par {len(coders)} codeurs ({labels}) avec le logiciel {SOFTWARE}.")
    else:
        sentences.append(f"Les données ont été gérées avec le logiciel {SOFTWARE}; aucun entretien n’est encore codé.")
    if agreement is not None:
        sentences.append(french_agreement(agreement))
        if facts.consensus:
            sentences.append("Les désaccords ont été discutés et arbitrés par consensus.")
    if facts.saturation is not None and facts.saturation.last_new is not None:
        text = saturation_text(facts.saturation, "fr", answer=False)
        whose = f" sur le codage du codeur {facts.saturation.coder}" if len(coders) > 1 else ""
        if facts.saturation.confirmed_by:
            sentences.append(f"La suffisance des données a été vérifiée{whose} : {text}.")
        else:
            sentences.append(f"Suffisance des données{whose} : {text}." if whose else f"{capitalised(text)}.")
    return sentences


def french_agreement(agreement: CoderAgreement) -> str:
    documents = plural(len(agreement.documents), "entretien")
    if agreement.level == "unit":
        cover = f"{round(100 * (agreement.min_cover or MIN_COVER))}{NBSP}%"
        where = (
            f"au niveau des unités de sens ({plural(agreement.compared, 'unité')} de {documents} ; un code est retenu "
            f"pour une unité lorsque les codages en couvrent au moins {cover})"
        )
        prefix = "L’accord entre les deux codeurs a été mesuré "
    else:
        where = f"au niveau des entretiens (présence de chaque code dans chacun des {documents} codés par les deux codeurs)"
        prefix = "Les entretiens n’étant pas découpés en unités de sens, l’accord entre les deux codeurs a été mesuré "
    figures = []
    if agreement.percent_agreement is not None:
        figures.append(f"accord observé de {percent_text(agreement.percent_agreement, 'fr')}")
    if agreement.cohen_kappa is not None:
        kappa = agreement.cohen_kappa
        figures.append(f"{kappa_text(kappa, 'fr').replace('κ', 'κ de Cohen', 1)} (accord {kappa_words(kappa, 'fr')} selon Landis et Koch)")
    else:
        figures.append(f"κ de Cohen non défini ({agreement.kappa_undefined or 'aucune variation'})")
    sentence = f"{prefix}{where}, sur l’ensemble des couples {'unité' if agreement.level == 'unit' else 'entretien'} × code : "
    sentence += ", ".join(figures) + "."
    if left_out := agreement.left_out:
        named = joined(left_out, "fr")
        if len(left_out) > 1:
            sentence += f" Les entretiens {named}, codés par un seul des deux codeurs, n’ont pas été comparés."
        else:
            sentence += f" L’entretien {named}, codé par un seul des deux codeurs, n’a pas été comparé."
    return sentence


def english_paragraph(facts: StudyFacts, agreement: CoderAgreement | None) -> list[str]:
    sentences = []
    count = len(facts.interviews)
    if count:
        sentence = f"The analysis covered {plural(count, 'transcribed interview')}"
        if len(facts.participants) != count:
            sentence += f" with {plural(len(facts.participants), 'participant')}"
        if facts.durations:
            values = list(facts.durations.values())
            low, high, mean = min(values), max(values), statistics.fmean(values)
            sentence += f" lasting {number_text(low, 'en')} to {minutes_text(high, 'en')} (mean {minutes_text(mean, 'en')})"
        sentences.append(sentence + ".")
    else:
        sentences.append("No transcribed interview has been imported into the project yet.")
    coders = list(agreement.coders) if agreement else facts.coders
    labels = joined([coder_label(facts, coder) for coder in coders], "en") if coders else ""
    if len(coders) == 2:
        sentences.append(f"The interviews were double-coded by two coders, {labels}, with {SOFTWARE}.")
    elif len(coders) == 1:
        sentences.append(f"The interviews were coded by one coder, {labels}, with {SOFTWARE}.")
    elif coders:
        sentences.append(f"The interviews were coded by {len(coders)} coders ({labels}) with {SOFTWARE}.")
    else:
        sentences.append(f"The data were managed with {SOFTWARE}; no interview has been coded yet.")
    if agreement is not None:
        sentences.append(english_agreement(agreement))
        if facts.consensus:
            sentences.append("Disagreements were discussed and settled by consensus.")
    if facts.saturation is not None and facts.saturation.last_new is not None:
        text = saturation_text(facts.saturation, "en", answer=False)
        whose = f" on {facts.saturation.coder}’s coding" if len(coders) > 1 else ""
        if facts.saturation.confirmed_by:
            sentences.append(f"Data sufficiency was checked{whose}: {text}.")
        else:
            sentences.append(f"Data sufficiency{whose}: {text}." if whose else f"{capitalised(text)}.")
    return sentences


def english_agreement(agreement: CoderAgreement) -> str:
    documents = plural(len(agreement.documents), "interview")
    if agreement.level == "unit":
        cover = f"{round(100 * (agreement.min_cover or MIN_COVER))}%"
        sentence = (
            f"Agreement between the two coders was measured on units of meaning ({plural(agreement.compared, 'unit')} "
            f"in {documents}; a code applies to a unit when its codings cover at least {cover} of it), over every unit × code pair: "
        )
    else:
        sentence = (
            "As the interviews are not cut into units of meaning, agreement between the two coders was measured per interview "
            f"(presence of each code in each of the {documents} both coded), over every interview × code pair: "
        )
    figures = []
    if agreement.percent_agreement is not None:
        figures.append(f"observed agreement {percent_text(agreement.percent_agreement, 'en')}")
    if agreement.cohen_kappa is not None:
        kappa = agreement.cohen_kappa
        figures.append(f"Cohen’s {kappa_text(kappa, 'en')} ({kappa_words(kappa, 'en')} agreement per Landis and Koch)")
    else:
        figures.append(f"Cohen’s κ undefined ({agreement.kappa_undefined or 'no variation'})")
    sentence += ", ".join(figures) + "."
    if left_out := agreement.left_out:
        many = len(left_out) > 1
        sentence += f" {'Interviews' if many else 'Interview'} {joined(left_out, 'en')}, coded by one of the two only, {'were' if many else 'was'} not compared."
    return sentence


# The whole report and its Word export.


@dataclass(frozen=True)
class CoreqReport:
    language: str
    answers: list[CoreqAnswer]
    paragraph: str
    agreement: CoderAgreement | None
    title: str

    def as_dict(self) -> dict[str, object]:
        counts = Counter(answer.source for answer in self.answers)
        return {
            "language": self.language, "title": self.title, "methods": self.paragraph,
            "agreement": self.agreement.as_dict() if self.agreement else None,
            "answers": [answer.as_dict(self.language) for answer in self.answers],
            "sources": {source or "missing": counts.get(source, 0) for source in SOURCES},
        }  # fmt: skip


def coreq_report(project: Project, coders: tuple[str, str] | None = None) -> CoreqReport:
    facts = study_facts(project, coders)
    agreement = agreement_of(project, facts, coders)
    paragraph = methods_paragraph(project, coders, facts=facts, agreement=agreement)
    title = project.setting("name") or ""
    return CoreqReport(facts.language, coreq_answers(project, coders=coders, facts=facts), paragraph, agreement, title)


def export_coreq(project: Project, path: Path, *, coders: tuple[str, str] | None = None) -> dict[str, object]:
    """The COREQ checklist with the methods paragraph, in Word (see :mod:`workbench.export.coreq_docx`)."""
    from workbench.export.coreq_docx import coreq_docx
    from workbench.services.codebook_export import write_atomically

    report = coreq_report(project, coders)
    write_atomically(path, coreq_docx(report))
    counts = Counter(answer.source for answer in report.answers)
    return {
        "path": str(path), "items": len(report.answers), "from_project": counts[PROJECT], "typed": counts[INVESTIGATOR],
        "missing": counts[MISSING], "methods": report.paragraph,
        "agreement": report.agreement.as_dict() if report.agreement else None,
    }  # fmt: skip
