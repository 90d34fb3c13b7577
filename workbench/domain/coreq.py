"""The COREQ checklist: the 32 items of the Consolidated criteria for reporting qualitative research
(Tong, Sainsbury & Craig, *Int J Qual Health Care* 2007), in their three domains and sub-domains,
each with its number, short name and guide question, in English and in French (the "grille COREQ"
French theses append to their methods).

Domain 1 (research team and reflexivity) holds items 1–8, domain 2 (study design) items 9–23 and
domain 3 (analysis and findings) items 24–32. Pure data: no database, no UI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workbench.domain.errors import InputError
from workbench.domain.language import _

LANGUAGES = ("fr", "en")
FIRST, LAST = 1, 32


@dataclass(frozen=True)
class CoreqItem:
    number: int
    name: dict[str, str]
    """The item’s short name by language (``fr``, ``en``)."""
    question: dict[str, str]
    """The guide question by language."""
    domain: int
    subdomain: str
    """The sub-domain’s English title (its key in :data:`SUBDOMAIN_TITLES`)."""

    def name_in(self, language: str) -> str:
        return self.name[checklist_language(language)]

    def question_in(self, language: str) -> str:
        return self.question[checklist_language(language)]


@dataclass(frozen=True)
class CoreqSubdomain:
    title: dict[str, str]
    items: tuple[CoreqItem, ...]


@dataclass(frozen=True)
class CoreqDomain:
    number: int
    title: dict[str, str]
    subdomains: tuple[CoreqSubdomain, ...]

    @property
    def items(self) -> tuple[CoreqItem, ...]:
        return tuple(item for subdomain in self.subdomains for item in subdomain.items)

    def title_in(self, language: str) -> str:
        return self.title[checklist_language(language)]


def checklist_language(language: str) -> str:
    """``fr`` for French (``fr-FR``…), ``en`` for anything else."""
    return "fr" if language.split("-")[0].lower() == "fr" else "en"


# (number, English name, English question, French name, French question), by domain and sub-domain.
_CHECKLIST: list[tuple[int, dict[str, str], list[tuple[dict[str, str], list[tuple[int, str, str, str, str]]]]]] = [
    (1, {"en": "Research team and reflexivity", "fr": "Équipe de recherche et réflexivité"}, [
        ({"en": "Personal characteristics", "fr": "Caractéristiques personnelles"}, [
            (1, "Interviewer/facilitator", "Which author(s) conducted the interviews or focus groups?",
             "Enquêteur/animateur", "Quel(s) auteur(s) a (ont) mené les entretiens individuels ou les focus groups ?"),
            (2, "Credentials", "What were the researcher’s credentials? (e.g. PhD, MD)",
             "Titre académique", "Quels étaient les titres ou diplômes du chercheur ? (ex. : doctorat, docteur en médecine)"),
            (3, "Occupation", "What was their occupation at the time of the study?",
             "Activité", "Quelle était leur activité professionnelle au moment de l’étude ?"),
            (4, "Gender", "Was the researcher male or female?",
             "Genre", "Le chercheur était-il un homme ou une femme ?"),
            (5, "Experience and training", "What experience or training did the researcher have?",
             "Expérience et formation", "Quelle expérience ou quelle formation le chercheur avait-il ?"),
        ]),
        ({"en": "Relationship with participants", "fr": "Relation avec les participants"}, [
            (6, "Relationship established", "Was a relationship established prior to study commencement?",
             "Relation antérieure", "Une relation existait-elle entre le chercheur et les participants avant le début de l’étude ?"),
            (7, "Participant knowledge of the interviewer",
             "What did the participants know about the researcher? (e.g. personal goals, reasons for doing the research)",
             "Connaissance de l’enquêteur par les participants",
             "Que savaient les participants du chercheur ? (ex. : objectifs personnels, raisons de mener la recherche)"),
            (8, "Interviewer characteristics",
             "What characteristics were reported about the interviewer/facilitator? "
             "(e.g. bias, assumptions, reasons and interests in the research topic)",
             "Caractéristiques de l’enquêteur",
             "Quelles caractéristiques de l’enquêteur/animateur sont rapportées ? "
             "(ex. : biais, présupposés, raisons et intérêt pour le sujet de recherche)"),
        ]),
    ]),
    (2, {"en": "Study design", "fr": "Conception de l’étude"}, [
        ({"en": "Theoretical framework", "fr": "Cadre théorique"}, [
            (9, "Methodological orientation and theory",
             "What methodological orientation was stated to underpin the study? "
             "(e.g. grounded theory, discourse analysis, ethnography, phenomenology, content analysis)",
             "Orientation méthodologique et théorie",
             "Quelle orientation méthodologique sous-tend l’étude ? "
             "(ex. : théorisation ancrée, analyse du discours, ethnographie, phénoménologie, analyse de contenu)"),
        ]),
        ({"en": "Participant selection", "fr": "Sélection des participants"}, [
            (10, "Sampling", "How were participants selected? (e.g. purposive, convenience, consecutive, snowball)",
             "Échantillonnage",
             "Comment les participants ont-ils été sélectionnés ? (ex. : échantillonnage raisonné, de convenance, consécutif, en boule de neige)"),
            (11, "Method of approach", "How were participants approached? (e.g. face-to-face, telephone, mail, email)",
             "Prise de contact", "Comment les participants ont-ils été contactés ? (ex. : en personne, par téléphone, courrier, courriel)"),
            (12, "Sample size", "How many participants were in the study?",
             "Taille de l’échantillon", "Combien de participants ont été inclus dans l’étude ?"),
            (13, "Non-participation", "How many people refused to participate or dropped out? Reasons?",
             "Non-participation", "Combien de personnes ont refusé de participer ou se sont retirées ? Pour quelles raisons ?"),
        ]),
        ({"en": "Setting", "fr": "Contexte"}, [
            (14, "Setting of data collection", "Where was the data collected? (e.g. home, clinic, workplace)",
             "Lieu du recueil des données", "Où les données ont-elles été recueillies ? (ex. : domicile, cabinet, lieu de travail)"),
            (15, "Presence of non-participants", "Was anyone else present besides the participants and researchers?",
             "Présence de non-participants", "D’autres personnes que les participants et les chercheurs étaient-elles présentes ?"),
            (16, "Description of sample", "What are the important characteristics of the sample? (e.g. demographic data, date)",
             "Description de l’échantillon",
             "Quelles sont les principales caractéristiques de l’échantillon ? (ex. : données démographiques, dates)"),
        ]),
        ({"en": "Data collection", "fr": "Recueil des données"}, [
            (17, "Interview guide", "Were questions, prompts, guides provided by the authors? Was it pilot tested?",
             "Guide d’entretien",
             "Les questions, relances et le guide d’entretien ont-ils été fournis par les auteurs ? Le guide a-t-il été testé au préalable ?"),
            (18, "Repeat interviews", "Were repeat interviews carried out? If yes, how many?",
             "Entretiens répétés", "Des entretiens ont-ils été répétés ? Si oui, combien ?"),
            (19, "Audio/visual recording", "Did the research use audio or visual recording to collect the data?",
             "Enregistrement audio ou vidéo", "Le recueil des données a-t-il fait appel à un enregistrement audio ou vidéo ?"),
            (20, "Field notes", "Were field notes made during and/or after the interview or focus group?",
             "Notes de terrain", "Des notes de terrain ont-elles été prises pendant et/ou après les entretiens ou les focus groups ?"),
            (21, "Duration", "What was the duration of the interviews or focus group?",
             "Durée", "Quelle a été la durée des entretiens ou des focus groups ?"),
            (22, "Data saturation", "Was data saturation discussed?",
             "Saturation des données", "La saturation des données a-t-elle été discutée ?"),
            (23, "Transcripts returned", "Were transcripts returned to participants for comment and/or correction?",
             "Retour des verbatims aux participants",
             "Les retranscriptions ont-elles été renvoyées aux participants pour commentaire et/ou correction ?"),
        ]),
    ]),
    (3, {"en": "Analysis and findings", "fr": "Analyse et résultats"}, [
        ({"en": "Data analysis", "fr": "Analyse des données"}, [
            (24, "Number of data coders", "How many data coders coded the data?",
             "Nombre de codeurs", "Combien de personnes ont codé les données ?"),
            (25, "Description of the coding tree", "Did authors provide a description of the coding tree?",
             "Description de l’arbre de codage", "Les auteurs ont-ils décrit l’arbre de codage ?"),
            (26, "Derivation of themes", "Were themes identified in advance or derived from the data?",
             "Origine des thèmes", "Les thèmes ont-ils été définis à l’avance ou issus des données ?"),
            (27, "Software", "What software, if applicable, was used to manage the data?",
             "Logiciel", "Quel logiciel a été utilisé, le cas échéant, pour gérer les données ?"),
            (28, "Participant checking", "Did participants provide feedback on the findings?",
             "Vérification par les participants", "Les participants ont-ils donné leur avis sur les résultats ?"),
        ]),
        ({"en": "Reporting", "fr": "Rédaction"}, [
            (29, "Quotations presented",
             "Were participant quotations presented to illustrate the themes/findings? Was each quotation identified? "
             "(e.g. participant number)",
             "Citations présentées",
             "Des citations des participants illustrent-elles les thèmes ou les résultats ? "
             "Chaque citation est-elle identifiée ? (ex. : numéro du participant)"),
            (30, "Data and findings consistent", "Was there consistency between the data presented and the findings?",
             "Cohérence des données et des résultats", "Les données présentées et les résultats sont-ils cohérents ?"),
            (31, "Clarity of major themes", "Were major themes clearly presented in the findings?",
             "Clarté des thèmes principaux", "Les thèmes principaux sont-ils présentés clairement dans les résultats ?"),
            (32, "Clarity of minor themes", "Is there a description of diverse cases or discussion of minor themes?",
             "Clarté des thèmes secondaires", "Les cas particuliers sont-ils décrits, ou les thèmes secondaires discutés ?"),
        ]),
    ]),
]


def _build() -> tuple[CoreqDomain, ...]:
    domains = []
    for number, title, subdomains in _CHECKLIST:
        built = []
        for subdomain_title, rows in subdomains:
            items = tuple(
                CoreqItem(item, {"en": name_en, "fr": name_fr}, {"en": question_en, "fr": question_fr}, number, subdomain_title["en"])
                for item, name_en, question_en, name_fr, question_fr in rows
            )
            built.append(CoreqSubdomain(subdomain_title, items))
        domains.append(CoreqDomain(number, title, tuple(built)))
    return tuple(domains)


DOMAINS: tuple[CoreqDomain, ...] = _build()
ITEMS: tuple[CoreqItem, ...] = tuple(item for domain in DOMAINS for item in domain.items)
SUBDOMAIN_TITLES: dict[str, dict[str, str]] = {
    subdomain.title["en"]: subdomain.title for domain in DOMAINS for subdomain in domain.subdomains
}


def coreq_item(number: int) -> CoreqItem:
    """The item numbered ``number`` (1–32)."""
    return ITEMS[check_item_number(number) - 1]


def check_item_number(number: int) -> int:
    if not FIRST <= number <= LAST:
        raise InputError(_('no COREQ item {number}').format(number=number), "N", _('give an item number from {first} to {last}').format(first=FIRST, last=LAST))
    return number


# Answers: what the checklist says of a project.

PROJECT, INVESTIGATOR, MISSING = "project", "investigator", ""
"""Where an answer comes from: computed from the project, typed by the investigator, or missing."""
SOURCES = (PROJECT, INVESTIGATOR, MISSING)


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
    joint_absence_share: float | None = None
    """The share of the pooled unit (or interview) × code pairs where neither coder applied the code."""
    without_joint_absences: float | None = None
    """The agreement that leaves joint absences out (MAXQDA's)."""
    dominated: bool = False
    """Whether joint absences are so many that the observed agreement mostly counts them."""

    @property
    def fallback(self) -> bool:
        return self.level == "document"

    def as_dict(self) -> dict[str, object]:
        return {
            "coders": list(self.coders), "level": self.level, "compared": self.compared, "documents": self.documents,
            "left_out": self.left_out, "percent_agreement": self.percent_agreement, "cohen_kappa": self.cohen_kappa,
            "min_cover": self.min_cover, "joint_absence_share": self.joint_absence_share,
            "agreement_without_joint_absences": self.without_joint_absences, "dominated_by_joint_absences": self.dominated,
        }  # fmt: skip


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
