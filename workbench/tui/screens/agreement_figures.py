"""What the agreement screens show, as text: the blind comparison they load, each code's label, the
statistics' cells, and the heading lines that name the unit rule, the codings no unit counts and
what the pooled figures count.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted, format_share
from workbench.domain.text import shortened
from workbench.services.agreement.comparison import ComparedDocument, Comparison, UnitRule, load_comparison
from workbench.services.agreement.reports import AgreementReport, Result, report_at_level
from workbench.services.agreement.wording import figure_text
from workbench.services.coding.codings import revealed_documents
from workbench.services.projects import Project, load_codebooks
from workbench.tui.language import text

LABEL_WIDTH = 40
PAGE = 25
"""Documents in a page of the per-document table (``[`` and ``]`` turn it): each is compared alone,
some 35 ms at the unit level, so that a page is computed in about a second."""


def blind_comparison(project: Project, coders: tuple[str, str], *, depth: int | None = None, with_units: bool = True) -> Comparison:
    """The two coders' codings on the documents where the first may see the second's: a coder
    never sees another's codings through agreement figures before the document is revealed."""
    documents = revealed_documents(project, *coders)
    if not documents:
        raise InputError(
            _('no document that {coders} and {coders2} both coded is revealed to {coders} yet').format(coders=coders[0], coders2=coders[1]),
            hint=_('in a document, mark it done (d) once both coders have, or reveal it (r)'),
        )
    return load_comparison(project, coders, documents, depth=depth, with_units=with_units)


def page_of(documents: list[ComparedDocument], page: int) -> list[ComparedDocument]:
    """The documents of page ``page`` (from 0) of the per-document table."""
    return documents[page * PAGE : (page + 1) * PAGE]


def page_count(documents: list[ComparedDocument]) -> int:
    """How many pages the per-document table has (one, even empty)."""
    return max(1, -(-len(documents) // PAGE))


def document_results(comparison: Comparison, level: str, rule: UnitRule, documents: list[ComparedDocument]) -> dict[str, Result]:
    """The pooled figures of each of ``documents``, compared alone: a page of the per-document
    table, computed for that page only as each document takes as long as a small project."""
    return {document.identifier: report_at_level(alone(comparison, document, level), level, rule).pooled for document in documents}


def alone(comparison: Comparison, document: ComparedDocument, level: str) -> Comparison:
    """``comparison`` on ``document`` alone. At the character level, with only the codes coded
    there: its pooled table counts the characters of those codes whatever the codes listed, and
    its report has no figure for a code coded nowhere in the document."""
    if level != "character":
        return replace(comparison, documents=[document])
    coded = {code for spans in document.spans for *_, code in spans}
    return replace(comparison, documents=[document], codes={code: path for code, path in comparison.codes.items() if code in coded})


def code_labels(project: Project, width: int | None = LABEL_WIDTH) -> dict[int, str]:
    """Each code as a table names it: its number and name (``II.B.2 Délégation…``), shortened to
    ``width`` characters (``None``: in full)."""
    labels = {}
    for stored in load_codebooks(project, every=True):
        numbers = stored.numbers()
        for code in stored.tree.walk():
            labels[code.id] = shortened(f"{numbers[code.id] or '•'} {code.name}", width)
    return labels




DECISION_PAIRS = {"units": N_("unit × code"), "segments": N_("segment × code"), "documents": N_("document × code"), "characters": N_("character × code")}
"""What one pooled decision is, by what the report counts."""
POOLED_ONLY = ("brennan_prediger_codes",)
"""Statistics of the pooled table only: said in the heading, not in a column."""


def table_statistics(report: AgreementReport) -> list[str]:
    return [name for name in report.pooled.statistics if name not in POOLED_ONLY]


def result_cells(result: Result, names: list[str]) -> list[str]:
    """The statistics ``names``, then the counts: the figures first, so that a narrow screen shows them."""
    counts = result.counts
    cells = [str(value) for value in (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total)]
    return [figure_text(name, result.statistics.get(name)) for name in names] + cells


def rule_text(rule: UnitRule) -> str:
    """The unit rule as the headings say it (docs/agreement-methods.md says it in full)."""
    if rule.name == "share":
        return text("share rule: ≥ {share} of a unit", share=format_share(rule.min_cover or 0, digits=None))
    if rule.name == "overlap":
        return text("overlap rule: any overlap")
    return text("segment rule: segments overlapping ≥ {percent}", percent=format_share(rule.overlap_percent / 100, digits=None))


def loose_text(report: AgreementReport) -> str:
    """The codings the unit rule counts on no unit, and those it counts below the share."""
    rule = report.rule
    if rule is None or not rule.on_units:
        return ""
    line = text(" · codings in no unit: A {a} · B {b}", **{side: len(report.reaching_no_unit[side]) for side in "ab"})
    if rule.name == "share":
        line += text(" · below the share, on the unit they cover most: A {a} · B {b}", **{side: len(report.below_share[side]) for side in "ab"})
    return line


def pooled_text(report: AgreementReport) -> str:
    """What the pooled figures count, whether joint absences dominate them, and the figures without them."""
    joint, pooled = report.joint_absences, report.pooled.statistics
    line = text(
        "Pooled: {decisions} ({pair}), {share} joint absences",
        decisions=counted(joint.decisions, "{count} decision", "{count} decisions"), pair=text(DECISION_PAIRS[report.compared_kind]), share=format_share(joint.share or 0),
    )
    if joint.dominated:
        line += text(" ⚠ they inflate pooled agreement, BP and AC1")
    if "agreement_without_joint_absences" in pooled:
        line += text(
            " · agreement when coded {agreement} · BP (1/q, q = {codes}) {bp}",
            agreement=figure_text("agreement_without_joint_absences", pooled["agreement_without_joint_absences"]),
            codes=len(report.codes), bp=figure_text("brennan_prediger_codes", pooled.get("brennan_prediger_codes")),
        )
    return line
