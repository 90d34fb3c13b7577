"""The methods paragraph of a COREQ report: the interviews and their durations, who coded, the
two coders' agreement (κ and percent agreement, per unit of meaning or per interview) and data
sufficiency, in the project's language.

The agreement is computed here (:func:`coder_agreement`) because the paragraph is what reports it;
the figures are worded by :mod:`workbench.services.coreq.wording`.
"""

from __future__ import annotations

import statistics

from sqlmodel import select

from workbench.domain.coreq import CoderAgreement
from workbench.domain.errors import WorkbenchError
from workbench.domain.text import natural_key
from workbench.domain.typography import french_spacing, percent_text
from workbench.services.agreement.comparison import MIN_COVER, load_comparison
from workbench.services.agreement.reports import report_at_level
from workbench.services.coreq.facts import StudyFacts, study_facts
from workbench.services.coreq.wording import (
    NBSP,
    SOFTWARE,
    capitalised,
    coder_label,
    joined,
    kappa_text,
    kappa_words,
    minutes_text,
    number_text,
    plural,
    saturation_text,
)
from workbench.storage.project import Project
from workbench.storage.records import DocumentRecord, UnitRecord


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
        min_cover if level == "unit" else None, report.joint_absences.share,
        report.pooled.statistics["agreement_without_joint_absences"].value, report.joint_absences.dominated,
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
            f"pour une unité lorsque les codages en couvrent au moins {cover}, un codage plus court sur chaque "
            f"unité qu’il touche comptant sur celle qu’il couvre le plus)"
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
    if agreement.dominated and agreement.joint_absence_share is not None and agreement.without_joint_absences is not None:
        sentence += (
            f" Les absences conjointes représentant {percent_text(agreement.joint_absence_share, 'fr')} de ces couples, l’accord "
            f"observé compte surtout les codes qu’aucun codeur n’a appliqués ; l’accord hors absences conjointes est de "
            f"{percent_text(agreement.without_joint_absences, 'fr')}."
        )
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
            f"in {documents}; a code applies to a unit when its codings cover at least {cover} of it, a coding shorter than that on "
            f"every unit it touches counting on the one it covers most), over every unit × code pair: "
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
    if agreement.dominated and agreement.joint_absence_share is not None and agreement.without_joint_absences is not None:
        sentence += (
            f" As joint absences make up {percent_text(agreement.joint_absence_share, 'en')} of these pairs, the observed "
            f"agreement mostly counts codes neither coder applied; the agreement without joint absences is "
            f"{percent_text(agreement.without_joint_absences, 'en')}."
        )
    if left_out := agreement.left_out:
        many = len(left_out) > 1
        sentence += f" {'Interviews' if many else 'Interview'} {joined(left_out, 'en')}, coded by one of the two only, {'were' if many else 'was'} not compared."
    return sentence
