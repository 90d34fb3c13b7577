"""Reading a thesis's results: its headings, their prose and the quotes under each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from workbench.domain.errors import InputError
from workbench.importers.thesis_results import Layout, read_results

REFERENCE = Path(__file__).resolve().parents[1] / "corpora" / "medical-assistants" / "reference"
ROMAN = """\
Introduction sans titre numéroté.
 I. Etat des lieux
 
Les médecins décrivent un manque :
 A. Le manque de médecins
 1. Des délais
\uf0b7 Des patients qui attendent
longtemps :
MG2 : « on aura de moins en moins de médecins,
 
si elle me dit : « il a avalé de travers », voilà […] on rappelle. »
Le texte de l’auteure reprend ici.
MG 9 «  c’est l’avenir [de la médecine]. »
 II. Perspectives
M16 : « moi personnellement je trouve ça compliqué. »
 DISCUSSION
 I. Forces et limites
MG1 : « hors des résultats »
"""
DECIMAL = """\
1 Méthode
1.2 Population étudiée
2 Résultats
2.1 Caractéristiques
2.2 Des médecins en difficultés
De nombreux médecins ont évoqué le cheminement les ayant amenés à ce choix.
2.2.1 Lasituation
Pour les jeunes installés
M4 : « Et le libéral, j’ai toujours su que ça comportait des contraintes. »
Le texte reprend. M10: « Il y avait une confiance » et la suite de l’analyse est assez longue pour un paragraphe.
MBS : « Surtout au niveau de I'informatique, jamais fermée
3 Résultats principaux
3.1 Autre chose
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thesis.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_roman_layout_tree_prose_and_quotes(tmp_path: Path) -> None:
    results = read_results(write(tmp_path, ROMAN))
    assert results.layout is Layout.ROMAN and results.line_range == "2–15"
    paths = [path for _, path in results.walk()]
    assert paths[:4] == [
        ("Etat des lieux",),
        ("Etat des lieux", "Le manque de médecins"),
        ("Etat des lieux", "Le manque de médecins", "Des délais"),
        ("Etat des lieux", "Le manque de médecins", "Des délais", "Des patients qui attendent longtemps"),
    ]
    quotes = list(results.quotes())
    assert [(quote.label, quote.participant, quote.line) for quote, _ in quotes] == [
        ("MG2", "MG2", 9), ("MG 9", "MG9", 13), ("M16", "M16", 15)
    ]
    first = quotes[0][0].text
    assert first.startswith("on aura de moins") and "« il a avalé de travers », voilà […] on rappelle." in first
    assert quotes[1][0].text == "c’est l’avenir [de la médecine]."
    assert quotes[2][1] == ("Perspectives",)
    bullet = next(heading for heading, path in results.walk() if len(path) == 4)
    assert bullet.description == "Le texte de l’auteure reprend ici."


def test_decimal_layout_with_ocr_repairs_an_inline_and_an_unclosed_quote(tmp_path: Path) -> None:
    results = read_results(write(tmp_path, DECIMAL))
    assert results.layout is Layout.DECIMAL and results.first_line == 5
    assert [path for _, path in results.walk()] == [
        ("Des médecins en difficultés",),
        ("Des médecins en difficultés", "La situation"),
        ("Des médecins en difficultés", "La situation", "Pour les jeunes installés"),
    ]
    quotes = [quote for quote, _ in results.quotes()]
    assert [quote.participant for quote in quotes] == ["M4", "M10", "M5"]
    assert quotes[1].text == "Il y avait une confiance"
    assert quotes[2].text == "Surtout au niveau de l’informatique, jamais fermée"
    heading = next(heading for heading, path in results.walk() if len(path) == 3)
    assert heading.description == "Le texte reprend. et la suite de l’analyse est assez longue pour un paragraphe."


def test_a_text_without_results_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no results section found"):
        read_results(write(tmp_path, "Une lettre.\nSans titres.\n"))


def test_the_bundled_theses_have_their_120_and_109_quotes() -> None:
    thesis_000 = read_results(REFERENCE / "000_ced94200ebd9b1f1-resultats.txt")
    levels = Counter(heading.level for heading, _ in thesis_000.walk())  # II.C's bullets sit at depth 3
    assert levels == {1: 4, 2: 12, 3: 20, 4: 34}
    counts = Counter(quote.participant for quote, _ in thesis_000.quotes())
    assert sum(counts.values()) == 120  # NOTES §3.2, M16 being MG16's typo
    assert counts["MG14"] == 27 and counts["MG5"] == 19 and counts["M16"] == 1 and counts["MG13"] == 0
    thesis_002 = read_results(REFERENCE / "002_00ebf9da570b4255-resultats.txt")
    assert Counter(len(path) for _, path in thesis_002.walk()) == {1: 4, 2: 19, 3: 12}
    counts = Counter(quote.participant for quote, _ in thesis_002.quotes())
    assert counts == {"M10": 17, "M3": 16, "M5": 15, "M4": 14, "M2": 12, "M7": 11, "M1": 8, "M6": 7, "M8": 4, "M9": 3, "M11": 2}
