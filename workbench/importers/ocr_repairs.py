"""OCR repairs for thesis 002 (seeds NOTES §5.3), as explicit ordered rules.

Only what the codebook's names and descriptions need: glyph confusions, lost accents (a word
list, checked by hand against the text), apostrophes, and the preposition « à » read as « a ».
"""

from __future__ import annotations

import re

GLYPH_RULES: tuple[tuple[str, str], ...] = (  # (pattern, replacement), applied in this order
    (r"[’'\"]{2,}", "’"),  # doubled apostrophes: d’'un, qu'’ils, I"'aborder
    (r"\|\.\.\.\]|\[\.\.\.J", "[...]"),  # |...] and [...Jet
    (r"\bLU’|\bLU'", "L’"),  # LU’embauche
    (r"\bIl'y\b", "Il y"),
    (r"(?:\b[I1]|\|)['’](?=\w)", "l’"),  # I'assistant, 1’assistant, |'assistant, I'URSSAF
    (r"(?<=\s)'(?=[a-zàâéèêëîôûç])", "l’"),  # a 'embauche: the l was dropped
    (r"\|l\b", "Il"),
    (r"\b(?:lls|IIs|lIs)\b", "Ils"),
    (r"¢c?a", "ça"),
    (r"\bCa\b", "Ça"),
    (r"j’7", "j’"),
    (r"\)’ai", "J’ai"),
    (r"(?<=\w)'(?=\w)", "’"),  # one apostrophe throughout: the curly one
)

WORD_FIXES: dict[str, str] = {  # whole words, case-sensitive
    "Lasituation": "La situation",
    "Lechoix": "Le choix",
    "Laformation": "La formation",
    "bindbme": "binôme",
    "goQt": "goût",
    "sOr": "sûr",
    "sdr": "sûr",
    "c6té": "côté",
    "t6t": "tôt",
    "guelgu": "quelqu",
    "meédecins": "médecins",
    "effagait": "effaçait",
    "fagon": "façon",
    "recu": "reçu",
    "exercant": "exerçant",
    "étre": "être",
    "méme": "même",
    "arrét": "arrêt",
    "arréts": "arrêts",
    "requétes": "requêtes",
    "réle": "rôle",
    "plutét": "plutôt",
    "plutot": "plutôt",
    "diplomé": "diplômé",
    "diplomés": "diplômés",
    "grace": "grâce",
    "lacher": "lâcher",
    "tache": "tâche",
    "taches": "tâches",
    "connaitre": "connaître",
    "dégout": "dégoût",
    "déja": "déjà",
    "dela": "delà",
    "accés": "accès",
    "acces": "accès",
    "aprés": "après",
    "apres": "après",
    "auprés": "auprès",
    "trés": "très",
    "tres": "très",
    "trées": "très",
    "anamneése": "anamnèse",
    "programmeés": "programmés",
    "collégues": "collègues",
    "critére": "critère",
    "étrangere": "étrangère",
    "financiere": "financière",
    "financiéere": "financière",
    "financiére": "financière",
    "financiéres": "financières",
    "financierement": "financièrement",
    "hospitaliére": "hospitalière",
    "infirmiére": "infirmière",
    "hygiene": "hygiène",
    "manieres": "manières",
    "maniéres": "manières",
    "paralléle": "parallèle",
    "particulierement": "particulièrement",
    "patientele": "patientèle",
    "patientéle": "patientèle",
    "patienteles": "patientèles",
    "premieres": "premières",
    "premiére": "première",
    "probleme": "problème",
    "problemes": "problèmes",
    "problémes": "problèmes",
    "systéme": "système",
}
WORD_PATTERN = re.compile(r"\b(" + "|".join(sorted(WORD_FIXES, key=len, reverse=True)) + r")\b")

# « a » is the preposition « à » unless it is the verb: after a subject pronoun or « il y »,
# or before a past participle or « aussi ».
PREPOSITION_A = re.compile(
    r"(?<!\bil )(?<!\by )(?<!\bon )(?<!elle )(?<!qui )\ba\b"
    r"(?! (?:été|eu|pu|fait|permis|aussi|dû|vu|pris|mis)\b)"
)
PHRASE_FIXES: tuple[tuple[str, str], ...] = (
    ("La encore", "Là encore"),
    ("santé, ou l’arrivée", "santé, où l’arrivée"),
)


def repair(text: str) -> str:
    """Apply the glyph rules, the word list, « à » and the phrase fixes, in that order."""
    for pattern, replacement in GLYPH_RULES:
        text = re.sub(pattern, replacement, text)
    text = WORD_PATTERN.sub(lambda match: WORD_FIXES[match[1]], text)
    text = PREPOSITION_A.sub("à", text)
    for wrong, right in PHRASE_FIXES:
        text = text.replace(wrong, right)
    return text


LABEL_FIXES: dict[str, str] = {"MBS": "M5", "MB9": "M9", "M_2": "M2"}
"""Participant labels misread by the OCR of thesis 002 (seeds NOTES §5.2): ``MBS`` is M5 (the
speaker is a woman, M8 a man), ``MB9`` M9, ``M_2`` M2."""
