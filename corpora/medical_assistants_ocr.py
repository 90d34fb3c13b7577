"""OCR repairs for thesis 002 (``shared/seeds/NOTES.md`` §5.3), stdlib only.

Two steps: the explicit glyph rules of NOTES §5.3, in order, then an accent restoration that only
touches a word unknown to a vocabulary built from the clean seed texts (000, 001, 003, 004), and
only when one accent substitution turns it into a known word. ``a`` → ``à`` is never fixed (the
verb *a* is a known word, so it is never a candidate).
"""

from __future__ import annotations

import re

LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
"""Lower-case letters for the look-aheads of the glyph rules."""

GLYPH_RULES: list[tuple[str, str]] = [
    # `I'assistant`, `I’hygiéne`, `I'IRM`: capital I read for l (the apostrophe is kept as written)
    (rf"\bI(['’])(?=['’]?[{LOWER}]|[A-Z]{{2}})", r"l\1"),
    (r"¢c?a", "ça"),
    # a doubled apostrophe (`d’'un`, `qu'’ils`, `I’'avantage`) becomes the first one
    (r"(['’])['’]", r"\1"),
    (r"\b(?:lIs|lls|IIs)\b", "Ils"),
    (r"\|l\b", "Il"),
    (r"\|(['’])", r"l\1"),
    # `de 'emploi`, `'embauche`: the l of l’ dropped after a space
    (rf"(?<=\s)(['’])(?=[{LOWER}])", r"l\1"),
    (rf"\b1(['’])(?=[{LOWER}])", r"l\1"),
    (r"(?<!\w)Ca\b", "Ça"),
    (r"bientét", "bientôt"),
    (r"plutét", "plutôt"),
    (r"hépital", "hôpital"),
    (r"fagon", "façon"),
    (r"remplagant", "remplaçant"),
    (r"effagait", "effaçait"),
    (r"\b(?:sdr|sOr|sir)\b", "sûr"),
    (r"\bdge\b", "âge"),
    (r"tdches", "tâches"),
    (r"ldcher", "lâcher"),
    (r"\bLasituation\b", "La situation"),
    (r"\bLechoix\b", "Le choix"),
    (r"\bLaformation\b", "La formation"),
    (r"c6té", "côté"),
    (r"\bcété\b", "côté"),  # not in NOTES §5.3, the same artefact (`un cété pratique`, `a cété`)
    (r"\bt6t\b", "tôt"),
    (r"\|\.\.\.\]", "[...]"),
    (r"\[\.\.\.J(?=\w)", "[...] "),
    (r"\[\.\.\.J", "[...]"),
    (r"j(['’])7", r"j\1"),
    (r"(?<!\w)\)(['’])ai", r"J\1ai"),
    (r"goQt", "goût"),
    (r"bindbme", "binôme"),
    (r"guelgu(['’])un", r"quelqu\1un"),
    (r"meédecins", "médecins"),
    (r"LU(['’])embauche", r"L\1embauche"),
    (r"\bIl['’]y\b", "Il y"),
    (r"\[(['’])évaluation", r"l\1évaluation"),
]

ACCENT_SUBSTITUTIONS: list[tuple[str, str]] = [
    ("é", "è"),  # trés → très, patientéle → patientèle
    ("é", "ê"),  # étre → être, méme → même
    ("e", "è"),  # patientele → patientèle, tres → très
    ("a", "à"),  # déja → déjà (inside a word only: `a` alone is a known word)
    ("c", "ç"),  # francais → français
    ("o", "ô"),  # diplomé → diplômé, plutot → plutôt
    ("a", "â"),  # grace → grâce
    ("i", "î"),  # reconnaitre → reconnaître
]
"""NOTES §5.3, accent restoration: the OCR's wrong letter and the right one, tried in order."""

WORD = re.compile(r"[^\W\d_]+")


def repair_glyphs(text: str) -> str:
    """Apply the explicit glyph rules of NOTES §5.3, in order."""
    for pattern, replacement in GLYPH_RULES:
        text = re.sub(pattern, replacement, text)
    return text


def vocabulary_of(texts: list[str]) -> set[str]:
    """The lower-cased words of ``texts``."""
    return {word.lower() for text in texts for word in WORD.findall(text)}


def restore_word(word: str, vocabulary: set[str]) -> str:
    """``word`` unchanged if known, else the first known word one accent substitution away."""
    lowered = word.lower()
    if lowered in vocabulary or len(word) < 3:
        return word
    for wrong, right in ACCENT_SUBSTITUTIONS:
        for index, character in enumerate(lowered):
            if character != wrong:
                continue
            candidate = lowered[:index] + right + lowered[index + 1 :]
            if candidate in vocabulary:
                return with_case_of(word, candidate)
    return word


def with_case_of(original: str, candidate: str) -> str:
    """``candidate`` in the capitalisation of ``original`` (all caps, initial capital or lower)."""
    if original.isupper():
        return candidate.upper()
    if original[0].isupper():
        return candidate[0].upper() + candidate[1:]
    return candidate


def restore_accents(text: str, vocabulary: set[str]) -> str:
    """Restore the accents the OCR lost or misread, word by word (see :func:`restore_word`)."""
    return WORD.sub(lambda match: restore_word(match.group(0), vocabulary), text)


def repair_ocr(text: str, vocabulary: set[str]) -> str:
    """Both steps: glyph rules, then accent restoration."""
    return restore_accents(repair_glyphs(text), vocabulary)
