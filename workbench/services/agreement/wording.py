"""How agreement reports are named and written in tables: what a comparison counts, each
statistic's short and full name, a figure as text, and a report laid out row by row."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.domain.language import N_, counted, format_number, format_share
from workbench.services.agreement.comparison import Comparison
from workbench.services.agreement.reports import AgreementReport, Figure, Result


def compared_count(what: str, count: int) -> str:
    """``1,234 units``, ``17 documents``… in the current language (``what``: what a comparison
    counts, :attr:`AgreementReport.compared_kind`)."""
    forms = {
        "units": lambda: counted(count, "{count} unit", "{count} units"),
        "segments": lambda: counted(count, "{count} segment", "{count} segments"),
        "documents": lambda: counted(count, "{count} document", "{count} documents"),
        "characters": lambda: counted(count, "{count} character", "{count} characters"),
    }
    return forms[what]()


STATISTIC_SYMBOLS = {
    "percent_agreement": N_("agreement"),
    "cohen_kappa": "κ",
    "brennan_prediger": "BP",
    "gwet_ac1": "AC1",
    "krippendorff_alpha": "α",
    "agreement_without_joint_absences": N_("agr. when coded"),
    "brennan_prediger_codes": "BP (1/q codes)",
}
"""Each statistic's short name in tables."""
STATISTIC_NAMES = {
    "percent_agreement": N_("percent agreement"),
    "cohen_kappa": N_("Cohen's κ"),
    "brennan_prediger": N_("Brennan–Prediger (chance 1/2)"),
    "gwet_ac1": N_("Gwet's AC1"),
    "krippendorff_alpha": N_("Krippendorff's α (nominal)"),
    "agreement_without_joint_absences": N_("agreement without joint absences (MAXQDA)"),
    "brennan_prediger_codes": N_("Brennan–Prediger with chance 1/q, q the number of codes (MAXQDA's κ)"),
}
"""Each statistic's full name, as a methods section quotes it."""


def report_rows(comparison: Comparison, report: AgreementReport) -> Iterator[tuple[str, str, str, Result]]:
    """``(code, path, document, result)`` for each code (then each of its documents), then pooled."""
    for entry in report.codes:
        path = comparison.codes[entry.code]
        yield str(entry.code), path, "all" if entry.by_document else "", entry.result
        for identifier, result in entry.by_document.items():
            yield str(entry.code), path, identifier, result
    yield "", "pooled", "", report.pooled


PERCENTAGES = ("percent_agreement", "agreement_without_joint_absences")


def figure_text(name: str, figure: Figure | None) -> str:
    """A statistic as tables show it: a percentage, three decimals, — when undefined, nothing when
    the table has no such figure (Brennan–Prediger over the codes is pooled only)."""
    if figure is None:
        return ""
    if figure.value is None:
        return "—"
    return format_share(figure.value) if name in PERCENTAGES else format_number(figure.value, 3)
