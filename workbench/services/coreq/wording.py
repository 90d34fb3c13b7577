"""The wording of the COREQ texts, in French or English: figures as the texts write them
(decimal comma, non-breaking spaces, κ and its Landis and Koch words) and the answers the project
pre-fills, item by item, from its :class:`~workbench.services.coreq.facts.StudyFacts`.

The methods paragraph (:mod:`workbench.services.coreq.methods`) writes its figures with the same
helpers, so that the checklist and the paragraph never state a figure two ways.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

import workbench
from workbench.domain.typography import decimal_comma, french_spacing
from workbench.services.coreq.facts import StudyFacts, TreeShape

if TYPE_CHECKING:
    from workbench.services.analysis.saturation import SaturationReport

NBSP = "\u00a0"
SOFTWARE = f"workbench {workbench.__version__}"


# Figures as the texts write them.


def number_text(value: float, language: str, digits: int = 1) -> str:
    """``value`` with at most ``digits`` decimals (none when whole), a decimal comma in French."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return decimal_comma(text, language)


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
