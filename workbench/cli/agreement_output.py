"""What the agreement commands print: a report as JSON, CSV or a table with its notes, and the
disagreements with each side's codes and their settlement."""

from __future__ import annotations

import csv
import sys
from typing import TYPE_CHECKING, Any

from workbench.cli.output import echo, print_notice, print_table
from workbench.domain.language import N_, _, counted, format_number, format_share
from workbench.domain.terminal_text import visible

if TYPE_CHECKING:
    from workbench.services.agreement.comparison import Comparison, LooseCoding, UnitRule
    from workbench.services.agreement.disagreements import Disagreement, Settlement
    from workbench.services.agreement.reports import AgreementReport, CodeResult, Figure, Result


CSV_COLUMNS = {
    "code": N_("code"), "path": N_("path"), "document": N_("document"), "both": N_("both"), "a_only": N_("a_only"),
    "b_only": N_("b_only"), "neither": N_("neither"), "total": N_("total"), "undefined": N_("undefined"),
}  # fmt: skip
"""How ``agreement --csv`` heads its columns in the command line's language (the English names are
the keys of the JSON output); the statistics keep their names, as the ``undefined`` column names them."""


def report_json(comparison: Comparison, report: AgreementReport) -> dict[str, Any]:
    rule = report.rule
    on_units = rule is not None and rule.on_units
    return {
        "level": report.level,
        **comparison_json(comparison, rule),
        "compared": {report.compared_kind: report.compared},
        "decision": report.decision,
        "codings_reaching_no_unit": loose_json(comparison, report.reaching_no_unit) if on_units else None,
        "codings_below_share": loose_json(comparison, report.below_share) if rule and rule.name == "share" else None,
        "codes": [code_result_json(comparison, entry, report.level) for entry in report.codes],
        "pooled": {**result_json(report.pooled), "joint_absences": joint_absences_json(report)},
    }


def loose_json(comparison: Comparison, codings: dict[str, list[LooseCoding]]) -> dict[str, Any]:
    return {
        side: {
            "coder": coder,
            "count": len(codings[side]),
            "codings": [
                {"document": coding.document, "start": coding.start, "end": coding.end, "code": coding.code,
                 "path": comparison.codes.get(coding.code, str(coding.code))}
                for coding in codings[side]
            ],  # fmt: skip
        }
        for side, coder in zip("ab", comparison.coders, strict=True)
    }


def joint_absences_json(report: AgreementReport) -> dict[str, Any]:
    joint = report.joint_absences
    return {
        "count": joint.count, "decisions": joint.decisions, "share": joint.share,
        "threshold": joint.threshold, "dominated": joint.dominated,
    }  # fmt: skip


def code_result_json(comparison: Comparison, entry: CodeResult, level: str) -> dict[str, Any]:
    entry_json = {"code": entry.code, "path": comparison.codes[entry.code], **result_json(entry.result)}
    if level == "character":
        entry_json["documents"] = [
            {"document": identifier, **result_json(result)} for identifier, result in entry.by_document.items()
        ]
    return entry_json


def comparison_json(comparison: Comparison, rule: UnitRule | None) -> dict[str, Any]:
    left_out = comparison.left_out.items()
    return {
        "coders": {"a": comparison.coders[0], "b": comparison.coders[1]},
        "depth": comparison.depth,
        "min_cover": rule.min_cover if rule else None,
        "unit_rule": rule_json(rule),
        "documents": [document.identifier for document in comparison.documents],
        "left_out": [{"document": identifier, "reason": reason} for identifier, reason in left_out],
    }


def rule_json(rule: UnitRule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {
        "name": rule.name, "min_cover": rule.min_cover, "overlap_percent": rule.overlap_percent,
        "description": rule.describe(),
    }  # fmt: skip


def result_json(result: Result) -> dict[str, Any]:
    counts = result.counts
    return {
        "counts": {
            "both": counts.both, "a_only": counts.a_only, "b_only": counts.b_only,
            "neither": counts.neither, "total": counts.total,
        },
        "presences": {"a": counts.both + counts.a_only, "b": counts.both + counts.b_only},
        "statistics": {name: figure_json(figure) for name, figure in result.statistics.items()},
    }


def figure_json(figure: Figure) -> dict[str, Any]:
    return {"value": figure.value, **figure.inputs, "undefined_reason": figure.undefined_reason}


def write_csv(comparison: Comparison, report: AgreementReport) -> None:
    from workbench.services.agreement.wording import report_rows

    names = list(report.pooled.statistics)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    shown = visible if sys.stdout.isatty() else str  # a terminal shows names safely, a pipe gets them exact
    columns = ["code", "path", "document", "both", "a_only", "b_only", "neither", "total", *names, "undefined"]
    writer.writerow([_(CSV_COLUMNS[column]) if column in CSV_COLUMNS else column for column in columns])
    for code, path, document, result in report_rows(comparison, report):
        counts = result.counts
        figures = [result.statistics.get(name) for name in names]
        undefined = "; ".join(
            f"{name}: {figure.undefined_reason}"
            for name, figure in zip(names, figures, strict=True)
            if figure and figure.undefined_reason
        )
        writer.writerow(
            [shown(code), shown(path), shown(document), counts.both, counts.a_only, counts.b_only, counts.neither, counts.total]
            + ["" if figure is None or figure.value is None else repr(figure.value) for figure in figures]
            + [shown(undefined)]
        )


def print_report(comparison: Comparison, report: AgreementReport) -> None:
    from workbench.services.agreement.wording import STATISTIC_NAMES, compared_count, figure_text, report_rows
    from workbench.services.agreement.wording import STATISTIC_SYMBOLS as SYMBOLS

    first, second = comparison.coders
    names = list(report.pooled.statistics)
    title = _("{first} vs {second}, {level} level").format(first=first, second=second, level=_(report.level))
    if report.rule is not None:
        title += f", {rule_label(report.rule)}"
    if comparison.depth:
        title += ", " + _("codes at depth {depth}").format(depth=comparison.depth)
    title = _("{title}: {compared}").format(title=title, compared=compared_count(report.compared_kind, report.compared))
    if report.level != "document":
        title += " " + _("in {documents}").format(documents=counted(len(comparison.documents), "{count} document", "{count} documents"))
    by_document = report.level == "character"
    columns = [_("code"), *[_("document")] * by_document, _("both"), _("{coder} only").format(coder=first), _("{coder} only").format(coder=second)]
    columns += [_("neither"), "n", *(_(SYMBOLS[name]) for name in names)]
    reasons: dict[str, set[str]] = {}
    rows = []
    for _code, path, document, result in report_rows(comparison, report):
        counts = result.counts
        cells = [path, *[document] * by_document]
        cells += map(str, (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total))
        for name in names:
            figure = result.statistics.get(name)
            if figure and figure.undefined_reason:
                reasons.setdefault(_(figure.undefined_reason), set()).add(_(SYMBOLS[name]))
            cells.append(figure_text(name, figure))
        rows.append(cells)
    print_table(title, columns, rows)
    for reason, symbols in reasons.items():
        echo(_('— ({join}): undefined, {reason}').format(join=', '.join(sorted(symbols)), reason=reason))
    if report.rule is not None:
        echo(_('Unit rule {name}: {describe}.').format(name=report.rule.name, describe=rule_description(report.rule)))
    joint = report.joint_absences
    echo(
        _("Pooled: {decisions}, each {decision}; {absences} ({value}).").format(
            decisions=counted(joint.decisions, "{count} decision", "{count} decisions"), decision=_(report.decision),
            absences=counted(joint.count, "{count} joint absence", "{count} joint absences"), value=format_share(joint.share or 0),
        )
    )
    if joint.dominated:
        echo(
            _('Joint absences are at least {threshold} of the pooled decisions: pooled {symbols}, BP and AC1 mostly count codes neither coder applied; quote {statistic_names} and {symbols2}.').format(threshold=format_share(joint.threshold, 0), symbols=_(SYMBOLS['percent_agreement']), statistic_names=_(STATISTIC_NAMES['agreement_without_joint_absences']), symbols2=_(SYMBOLS['brennan_prediger_codes']))
        )
    if report.rule is not None and report.rule.on_units:
        outside = ", ".join(f"{coder} {len(report.reaching_no_unit[side])}" for side, coder in zip("ab", comparison.coders, strict=True))
        echo(_('Codings reaching no unit (not counted at this level): {outside}.').format(outside=outside))
    if report.rule is not None and report.rule.name == "share":
        below = ", ".join(f"{coder} {len(report.below_share[side])}" for side, coder in zip("ab", comparison.coders, strict=True))
        echo(_('Codings below the share of every unit they touch (counted on the unit they cover most): {below}.').format(below=below))
    print_left_out(comparison)


def rule_label(rule: UnitRule) -> str:
    if rule.name == "share":
        return _("min cover {share}").format(share=format_number(rule.min_cover or 0))
    if rule.name == "overlap":
        return _("any overlap")
    return _("segments overlapping at least {percent}%").format(percent=format_number(rule.overlap_percent or 0))


def rule_description(rule: UnitRule) -> str:
    """:meth:`UnitRule.describe` in the current language (``--json`` keeps the English one)."""
    if rule.name == "share":
        return _(
            "a code applies to a unit when its codings cover at least {share} of it "
            "(a coding below that share everywhere counts on the unit it covers most)"
        ).format(share=format_share(rule.min_cover or 0, 0))
    if rule.name == "overlap":
        return _("a code applies to a unit when one of its codings overlaps it (any overlap)")
    return _("each coded segment compared with the other coder's: it agrees when they overlap by at least {percent}").format(
        percent=format_share((rule.overlap_percent or 0) / 100, None)
    )


def print_left_out(comparison: Comparison) -> None:
    for identifier, why in comparison.left_out.items():
        print_notice(_('{identifier} not compared: {why} (name it with --documents to compare it)').format(identifier=identifier, why=why))


def codes_json(comparison: Comparison, codes: frozenset[int]) -> list[dict[str, Any]]:
    """``codes`` in codebook order, each with its path."""
    return [{"code": code, "path": path} for code, path in comparison.codes.items() if code in codes]


def cover_json(comparison: Comparison, disagreement: Disagreement, side: int, rule: UnitRule) -> list[dict[str, Any]]:
    """Every code with a coding of this side touching the unit: its share of the unit, whether the
    rule counts it, and whether it covers less than the rule's share."""
    cover, counted = disagreement.cover[side], disagreement.codes[side]
    return [
        {"code": code, "path": path, "share": cover[code], "counted": code in counted,
         "below_share": rule.min_cover is not None and cover[code] < rule.min_cover}
        for code, path in comparison.codes.items() if code in cover
    ]  # fmt: skip


def side_text(comparison: Comparison, disagreement: Disagreement, side: int, rule: UnitRule) -> str:
    """The codes only this side applied, then its codings the rule leaves out of the unit."""
    only = (disagreement.a_only, disagreement.b_only)[side]
    parts = [entry["path"] for entry in codes_json(comparison, only)]
    parts += [
        _("({path}: {share} of the unit, not counted)").format(path=entry["path"], share=format_share(entry["share"], 0))
        for entry in cover_json(comparison, disagreement, side, rule)
        if not entry["counted"]
    ]
    return ", ".join(parts) or "—"


def settlement_json(settlement: Settlement | None) -> dict[str, Any] | None:
    if settlement is None:
        return None
    return {
        "keep": settlement.keep,
        "codes": [{"code": code, "path": path} for code, path in settlement.codes.items()],
        "by": settlement.actor,
        "at": settlement.at.isoformat() if settlement.at else None,
        "coders": list(settlement.coders),
    }


def settlement_text(settlement: Settlement | None, coders: tuple[str, str]) -> str:
    if settlement is None:
        return ""
    kept = {
        "a": _("kept {coder}'s").format(coder=coders[0]), "b": _("kept {coder}'s").format(coder=coders[1]),
        "both": _("kept both"), "neither": _("kept neither"),
    }
    how = kept[settlement.keep] if settlement.keep else _("consensus codings")
    when = settlement.at.strftime("%Y-%m-%d %H:%M") if settlement.at else ""
    holds = ", ".join(settlement.codes.values()) or _("no code")
    return _("{how}: {holds} ({actor}, {when} UTC)").format(how=how, holds=holds, actor=settlement.actor, when=when)


def disagreement_json(comparison: Comparison, disagreement: Disagreement, rule: UnitRule) -> dict[str, Any]:
    unit = disagreement.unit
    return {
        "document": unit.document,
        "unit": unit.position,
        "start": unit.start,
        "end": unit.end,
        "turn": unit.turn,
        "text": unit.text,
        "codes_a": codes_json(comparison, disagreement.codes[0]),
        "codes_b": codes_json(comparison, disagreement.codes[1]),
        "a_only": codes_json(comparison, disagreement.a_only),
        "b_only": codes_json(comparison, disagreement.b_only),
        "cover_a": cover_json(comparison, disagreement, 0, rule),
        "cover_b": cover_json(comparison, disagreement, 1, rule),
        "settled": disagreement.settled,
        "settlement": settlement_json(disagreement.settlement),
    }
