"""OCR repairs for thesis 002 (NOTES.md §5.3): explicit glyph rules, then accent restoration
checked against a vocabulary built from the clean seed texts (only unknown words are touched)."""

from __future__ import annotations

import re

GLYPH_RULES: list[tuple[str, str]] = [
    (r"\bI[’'](?=[a-zà-ÿ]|[A-ZÉ]{2})", "l’"),
    (r"¢c?a", "ça"),
    (r"[’'][’']", "’"),
    (r"\blIs\b|\blls\b|\bIIs\b", "Ils"),
    (r"\|l\b", "Il"),
    (r"\|[’']", "l’"),
    (r"(?<![\w’'])[’'](?=embauche|emploi)", "l’"),
    (r"\b1[’'](?=[a-zà-ÿ])", "l’"),
    (r"(?<![\w])Ca\b", "Ça"),
    (r"bientét", "bientôt"), (r"plutét", "plutôt"), (r"hépital", "hôpital"),
    (r"fagon", "façon"), (r"remplagant", "remplaçant"), (r"effagait", "effaçait"),
    (r"\bs[dO]r\b|\bsir\b", "sûr"),
    (r"\bdge\b", "âge"), (r"tdches", "tâches"), (r"ldcher", "lâcher"),
    (r"\bLasituation\b", "La situation"), (r"\bLechoix\b", "Le choix"), (r"\bLaformation\b", "La formation"),
    (r"c6té", "côté"), (r"t6t", "tôt"),
    (r"\|\.\.\.\]", "[...]"), (r"\[\.\.\.J", "[...] "),
    (r"j[’']7", "j’"), (r"\)[’']ai", "J’ai"),
    (r"goQt", "goût"), (r"bindbme", "binôme"), (r"guelgu[’']un", "quelqu’un"), (r"meédecins", "médecins"),
    (r"LU[’']embauche", "L’embauche"), (r"Il[’']y", "Il y"), (r"\[[’']évaluation", "l’évaluation"),
]

ACCENT_SWAPS = [("é", "è"), ("é", "ê"), ("e", "è"), ("a", "à"), ("c", "ç"), ("o", "ô"), ("a", "â"), ("i", "î"), ("e", "é")]
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def repair_glyphs(text: str) -> str:
    for pattern, replacement in GLYPH_RULES:
        text = re.sub(pattern, replacement, text)
    return text


def restore_accents(text: str, vocabulary: set[str]) -> str:
    """Fix words unknown to ``vocabulary`` by one accent swap that makes them known (not ``a``→``à``)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if lowered in vocabulary or len(word) < 3:
            return word
        for wrong, right in ACCENT_SWAPS:
            for index, character in enumerate(lowered):
                if character == wrong:
                    candidate = lowered[:index] + right + lowered[index + 1 :]
                    if candidate in vocabulary:
                        return restore_case(word, candidate)
        return word

    return WORD.sub(fix, text)


def restore_case(original: str, candidate: str) -> str:
    if original.isupper():
        return candidate.upper()
    if original[0].isupper():
        return candidate[0].upper() + candidate[1:]
    return candidate


def vocabulary_of(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text)}
