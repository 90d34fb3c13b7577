"""The identification audit: names of persons, places and organisations left in the documents.

spaCy's French NER (``PER``, ``LOC``, ``ORG``; see :mod:`workbench.segmentation.pipeline`) runs
over the speech of every turn, speaker labels excluded; titled names and initials are also found
by pattern, because the small model misses some (``Dr Martin`` is ``MISC`` to it, ``T.`` often
nothing). Every span is classified by :mod:`workbench.segmentation.identifiers`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from workbench.domain.documents import ParsedDocument
from workbench.segmentation import pipeline
from workbench.segmentation.identifiers import (
    INTERVIEW_WORDS,
    Candidate,
    Classification,
    classify,
    context,
    fold,
    folded_allow_list,
    lower_case_vocabulary,
    merge_candidates,
    pattern_candidates,
)


@dataclass(frozen=True)
class Finding:
    document: str
    start: int
    end: int
    text: str
    label: str
    classification: Classification
    found_by: str
    context: str


@dataclass
class AuditReport:
    allow_list: list[str]
    findings: list[Finding] = field(default_factory=list)
    discarded: int = 0
    """Spans spaCy tagged that hold only common words (``Merci``, ``Maintenant``): not listed."""

    def counts(self) -> dict[str, int]:
        counted = Counter(finding.classification for finding in self.findings)
        return {kind.value: counted[kind] for kind in Classification}


def audit_documents(
    documents: list[ParsedDocument],
    allow_list: list[str],
    *,
    vocabulary_texts: list[str] | None = None,
) -> AuditReport:
    """Audit every turn of ``documents``.

    ``vocabulary_texts`` (default: the documents' texts) are where common words are learnt: pass
    every document of the project when auditing only some.
    """
    vocabulary = lower_case_vocabulary(vocabulary_texts or [document.text for document in documents])
    stop_words = {fold(word) for word in pipeline.stop_words()}
    common_words = frozenset(vocabulary | stop_words | INTERVIEW_WORDS)
    allowed = folded_allow_list(allow_list)
    report = AuditReport(allow_list)
    for document in documents:
        speeches = [turn.speech(document.text) for turn in document.turns]
        entities_by_turn = pipeline.find_entities(speeches)
        for turn, speech, entities in zip(document.turns, speeches, entities_by_turn, strict=True):
            found = [Candidate(start, end, label, "ner") for start, end, label in entities]
            for candidate in merge_candidates(found + pattern_candidates(speech)):
                span = speech[candidate.start : candidate.end]
                classification = classify(span, allowed, common_words)
                if classification is None:
                    report.discarded += 1
                    continue
                start, end = turn.start + candidate.start, turn.start + candidate.end
                report.findings.append(
                    Finding(
                        document=document.identifier,
                        start=start,
                        end=end,
                        text=span,
                        label=candidate.label,
                        classification=classification,
                        found_by=candidate.found_by,
                        context=context(document.text, start, end),
                    )
                )
    return report
