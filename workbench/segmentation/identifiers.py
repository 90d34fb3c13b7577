"""The identification audit's rules: what looks like a real name, an anonymised form, an allowed one.

Pure Python: spaCy's entities come in as plain spans (see :mod:`workbench.segmentation.audit`).

Each candidate span (an entity found by spaCy, or a form found by :data:`TITLED_NAME`,
:data:`INITIALS` or :data:`PLACEHOLDER_X`) is classified from its words:

* ``leak`` — a word looks like a real name or place: it starts with a capital, has two letters or
  more, and is neither on the allow-list, nor a title (``Dr``, ``Mme``), nor a *common word* (a
  French stop word, an interview word such as ``Merci`` or ``Pouvez``, or a word that the
  project's documents also write in lower case — so a sentence-initial ``Maintenant`` is not a
  name, while ``Valenciennes`` is);
* ``anonymised`` — no such word, but an initial (``J.``, ``T.``, ``J.-P.``, a letter after a title
  as in ``Dr X``), ``X``/``XX``/``XXX``, a participant code (``MG3``, ``M5``) or a placeholder
  (``untel``);
* ``allowed`` — none of those, but the whole span or one of its capitalised words is on the
  project's allow-list (institutions that may be named: CPAM, ARS, URML…), so ``la CPAM`` is
  allowed and ``CPAM de Lille`` is a leak;
* anything else (spaCy tagging common words) is *discarded*: counted, not listed.

Words are compared case-, accent- and apostrophe-insensitively; ``l’``, ``d’``… are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

ALLOW_LIST_SETTING = "audit.allow_list"
DEFAULT_ALLOW_LIST = (
    # institutions and schemes
    "CPAM", "CNAM", "Assurance maladie", "Sécurité sociale", "SS", "ARS", "URML", "URPS", "HAS", "CNIL",
    "CNOM", "Ordre des médecins", "Ameli", "Doctolib", "PRADO", "ASALEE", "ROSP", "ACI", "Ségur",
    "Ma santé 2022", "Covid", "France",
    # kinds of practice and care
    "MSP", "Maison de santé", "Maison de santé pluriprofessionnelle", "SISA", "SCM", "CPTS",
    "Communauté professionnelle territoriale de santé", "ESP", "CDS", "CHU", "CHR", "CH", "EHPAD", "SAMU",
    "SMUR", "SOS Médecins", "SAS", "HAD", "SSIAD", "PMI", "MDPH", "CMP", "EFS", "GE",
    # professions, training and medical terms
    "AM", "MG", "MT", "IDE", "IDEL", "IPA", "SASPAS", "N1", "ALD", "DMP", "ECG", "EFR", "IDM", "IRM",
    "MEP", "Doliprane",
)
"""Names that may stay in the text; a project keeps its own list (setting ``audit.allow_list``)."""

TITLES = frozenset("dr docteur pr professeur mme madame mlle mademoiselle mr m monsieur".split())
PLACEHOLDERS = frozenset({"untel", "unetelle", "tartempion"})
INTERVIEW_WORDS = frozenset(
    """bonjour merci pouvez pourriez pensez avez etes ecoute ecoutez voila ouai ouais bah ben euh heu
    hum ok okay apres ca concernant pareil bref enfin""".split()
)
"""Words that open spoken sentences and that spaCy's model sometimes takes for names."""

TITLE_PATTERN = r"(?:Dr|Docteur|Pr|Professeur|Mme|Madame|Mlle|Mademoiselle|Mr|Monsieur)\.?|M\."
TITLED_NAME = re.compile(rf"(?<![\w.])(?:{TITLE_PATTERN})\s+[A-ZÀ-Ý][\w'’-]*\.?")
"""A title followed by a capitalised word: ``Dr Martin``, ``Mme Lefèvre``, ``Mr P.``."""
INITIALS = re.compile(r"(?<![\w.’'-])[A-Z]\.(?:-?[A-Z]\.)*(?!\w)")
PLACEHOLDER_X = re.compile(r"(?<![\w’'-])X{1,3}(?![\w’'-])")

WORD = re.compile(r"\w+(?:['’.-]\w+)*\.?")
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
INITIAL_WORD = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*|X{1,3}")
CODE_WORD = re.compile(r"[A-Z]{1,3}\d{1,3}")


class Classification(StrEnum):
    LEAK = "leak"
    ANONYMISED = "anonymised"
    ALLOWED = "allowed"


@dataclass(frozen=True)
class Candidate:
    """A span of a text to classify; ``found_by`` is ``ner``, ``pattern`` or ``ner+pattern``."""

    start: int
    end: int
    label: str
    found_by: str


def fold(word: str) -> str:
    """Lower case, without accents, with straight apostrophes."""
    decomposed = unicodedata.normalize("NFD", word.replace("’", "'").casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def folded_allow_list(names: list[str]) -> frozenset[str]:
    return frozenset(fold(name.strip()) for name in names)


def lower_case_vocabulary(texts: list[str]) -> set[str]:
    """Folded words that the texts write in lower case at least once."""
    return {fold(word) for text in texts for word in WORD.findall(text) if word.islower()}


def pattern_candidates(text: str) -> list[Candidate]:
    """Titled names, initials and ``X`` forms, whether or not spaCy tagged them."""
    patterns = (TITLED_NAME, INITIALS, PLACEHOLDER_X)
    return [
        Candidate(match.start(), match.end(), "PER", "pattern")
        for pattern in patterns
        for match in pattern.finditer(text)
    ]


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates as one span; spaCy's label wins over the patterns' ``PER``."""
    merged: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda candidate: (candidate.start, -candidate.end)):
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            label = last.label if "ner" in last.found_by else candidate.label
            found_by = "+".join(sorted(set(last.found_by.split("+")) | {candidate.found_by}))
            merged[-1] = Candidate(last.start, max(last.end, candidate.end), label, found_by)
        else:
            merged.append(candidate)
    return merged


def classify(
    span: str, allow_list: frozenset[str], common_words: frozenset[str]
) -> Classification | None:
    """The classification of ``span`` (see the module docstring); ``None``: discarded."""
    if fold(span.strip(" .,;:!?")) in allow_list:
        return Classification.ALLOWED
    words = [ELISION.sub("", word) for word in WORD.findall(span)]
    has_title = any(fold(word.rstrip(".")) in TITLES for word in words)
    kinds = {word_kind(word, allow_list, common_words, has_title) for word in words if word}
    for kind in (Classification.LEAK, Classification.ANONYMISED, Classification.ALLOWED):
        if kind in kinds:
            return kind
    return None


def word_kind(
    word: str, allow_list: frozenset[str], common_words: frozenset[str], has_title: bool
) -> Classification | None:
    folded = fold(word.rstrip("."))
    if word[0].isupper() and (folded in allow_list or fold(word) in allow_list):
        return Classification.ALLOWED
    if INITIAL_WORD.fullmatch(word) or CODE_WORD.fullmatch(word) or folded in PLACEHOLDERS:
        return Classification.ANONYMISED
    if folded in TITLES:
        return None
    letters = sum(character.isalpha() for character in word)
    if letters == 1 and word[0].isupper() and has_title:
        return Classification.ANONYMISED
    if letters >= 2 and word[0].isupper() and folded not in common_words:
        return Classification.LEAK
    return None


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """``width`` characters either side of the span, on one line."""
    return " ".join(text[max(0, start - width) : end + width].split())
