"""What the project knows for its COREQ checklist: the interviews, their durations, the coders,
the coding trees, the memos and the saturation of the main coder's coding, read into a
:class:`StudyFacts`.

Both the pre-filled answers (:mod:`workbench.services.coreq.wording`) and the methods paragraph
(:mod:`workbench.services.coreq.methods`) are written from these facts, so they live apart from
the wording and from the checklist itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, func, select

from workbench.domain.coreq import checklist_language
from workbench.domain.errors import WorkbenchError
from workbench.domain.participants import AttributeType
from workbench.domain.text import natural_key
from workbench.services.agreement.disagreements import CONSENSUS
from workbench.services.coding.visibility import Visibility, check_may_read, visibility
from workbench.storage.codebooks import load_tree
from workbench.storage.codings import check_coders
from workbench.storage.project import Project
from workbench.storage.queries import attribute_types
from workbench.storage.records import (
    ChangeRecord,
    CodebookRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    ParticipantRecord,
    SettingRecord,
)

if TYPE_CHECKING:
    from workbench.services.analysis.saturation import SaturationReport

TRANSCRIPT = "transcript"
REFERENCE_IMPORTED = "reference.imported"
CODE_ADDED = "code.added"
IN_VIVO = "in vivo"
"""The top-level code (compared without case) that in-vivo codes are created under."""


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


def study_facts(
    project: Project,
    coders: tuple[str, str] | None = None,
    *,
    viewer: str | None = None,
    with_saturation: bool = True,
    language: str | None = None,
) -> StudyFacts:
    """What the project knows, from the codings ``viewer`` may read (refused when ``coders`` are
    named whose codings they may not all read: blind coding), to be worded in ``language`` (by
    default the project's)."""
    if coders is not None:
        check_may_read(project, viewer, list(coders))
    seen = visibility(project, viewer)
    with project.session() as session:
        if coders is not None:
            coders = check_coders(session, coders)
        facts = StudyFacts(checklist_language(language or _project_language(session)))
        facts.interviews = [
            (identifier, participant)
            for identifier, participant in session.exec(
                select(DocumentRecord.identifier, DocumentRecord.participant_id)
                .where(DocumentRecord.kind == TRANSCRIPT, DocumentRecord.participant_id.is_not(None))
                .order_by(DocumentRecord.position, DocumentRecord.id)
            )
        ]  # fmt: skip
        _read_durations(session, facts)
        _read_coders(session, facts, coders, seen)
        facts.trees = _tree_shapes(session, facts, seen)
        facts.memos = dict(session.exec(select(MemoRecord.target_kind, func.count()).group_by(MemoRecord.target_kind)).all())
    if with_saturation and facts.main_coder:
        facts.saturation = saturation_of(project, facts.main_coder if coders is None else coders[0], viewer)
    return facts


def _project_language(session: Session) -> str:
    record = session.get(SettingRecord, "language")
    return record.value if record else "fr"


def _read_durations(session: Session, facts: StudyFacts) -> None:
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


def _read_coders(session: Session, facts: StudyFacts, named: tuple[str, str] | None, seen: Visibility) -> None:
    interviews = [document for document, _ in facts.interviews]
    rows = session.exec(
        seen.restrict(
            select(CoderRecord.name, func.count(CodingRecord.id))
            .join(CodingRecord, CodingRecord.coder_id == CoderRecord.id)
            .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
            .where(DocumentRecord.identifier.in_(interviews))
            .group_by(CoderRecord.name)
        )
    ).all()  # fmt: skip
    facts.codings = dict(rows)
    facts.consensus = facts.codings.pop(CONSENSUS, 0)
    imported = set(session.exec(select(ChangeRecord.target).where(ChangeRecord.action == REFERENCE_IMPORTED)))
    # the reference coders (a thesis's own coding) first, then by name
    facts.coders = list(named) if named else sorted(facts.codings, key=lambda coder: (coder not in imported, natural_key(coder)))
    facts.reference_coders = imported & set(facts.coders)


def _tree_shapes(session: Session, facts: StudyFacts, seen: Visibility) -> list[TreeShape]:
    """The codebooks the interviews were coded with by the coders reported (else the one they are
    assigned, else the project’s only codebook)."""
    interviews = [document for document, _ in facts.interviews]
    used = set(
        session.exec(
            seen.restrict(
                select(CodeRecord.codebook_id)
                .join(CodingRecord, CodingRecord.code_id == CodeRecord.id)
                .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
                .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
                .where(DocumentRecord.identifier.in_(interviews), CoderRecord.name.in_(facts.coders))
                .distinct()
            )
        )
    )  # fmt: skip
    if not used:
        used = set(session.exec(select(DocumentRecord.codebook_id).where(DocumentRecord.identifier.in_(interviews)))) - {None}
    records = list(session.exec(select(CodebookRecord).order_by(CodebookRecord.id)))
    if not used and len(records) == 1:
        used = {records[0].id}
    return [_tree_shape(session, record, seen) for record in records if record.id in used]


def _tree_shape(session: Session, record: CodebookRecord, seen: Visibility) -> TreeShape:
    tree = load_tree(session, record.id)
    by_depth = Counter(tree.depth(code.id) for code in tree.walk())
    in_vivo = sum(
        sum(1 for _ in tree.walk(root.id)) for root in tree.roots if root.name.casefold().strip() == IN_VIVO
    )
    first_coding = session.exec(
        seen.restrict(
            select(func.min(CodingRecord.created_at)).join(CodeRecord, CodeRecord.id == CodingRecord.code_id)
            .where(CodeRecord.codebook_id == record.id)
        )
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


def saturation_of(project: Project, coder: str, viewer: str | None = None) -> SaturationReport | None:
    """The saturation of ``coder``'s coding, or ``None`` when it cannot be computed or ``viewer``
    may not read it all."""
    from workbench.services.analysis.saturation import saturation

    try:
        report = saturation(project, coder=coder, viewer=viewer)
    except WorkbenchError:
        return None
    return report if report.steps else None
