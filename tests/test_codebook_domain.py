"""The pure codebook core: the tree, its numbering, and the rules on names, colours and shortcuts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.domain.codebook import (
    Code,
    CodeNode,
    CodeTree,
    check_colour,
    check_name,
    check_shortcut,
    derived_guid,
    join_definition,
    split_definition,
)
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.numbering import FRENCH_THESIS, NumberingScheme, NumberStyle, letters, roman


def code(identifier: int, parent: int | None, position: int, name: str) -> Code:
    return Code(identifier, 1, parent, position, name)


# I. Organisation › A. Accueil › 1. Téléphone › • Appels manqués › • Rappels ; 2. Secrétariat ; B. Délégation ; II. Relation
TREE = CodeTree(
    [
        code(7, None, 2, "Relation médecin–patient"),
        code(1, None, 1, "Organisation du cabinet"),
        code(3, 2, 1, "Téléphone"),
        code(2, 1, 1, "Accueil des patients"),
        code(4, 2, 2, "Secrétariat"),
        code(5, 3, 1, "Appels manqués"),
        code(6, 5, 1, "Rappels l’après-midi"),
        code(8, 1, 2, "Délégation de tâches"),
    ]
)


def test_the_domain_module_imports_only_the_standard_library() -> None:
    script = "import sys, workbench.domain.codebook; print('\\n'.join(sys.modules))"
    modules = set(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split())
    heavy = {"sqlmodel", "sqlalchemy", "textual", "spacy", "yaml", "docx", "lxml", "defusedxml", "typer"}
    assert not heavy & modules


def test_tree_walks_in_pre_order_with_depths_and_paths() -> None:
    assert [entry.id for entry in TREE.walk()] == [1, 2, 3, 5, 6, 4, 8, 7]
    assert [entry.name for entry in TREE.roots] == ["Organisation du cabinet", "Relation médecin–patient"]
    assert [TREE.depth(identifier) for identifier in (1, 2, 3, 5, 6)] == [1, 2, 3, 4, 5]
    assert TREE.path(6) == ("Organisation du cabinet", "Accueil des patients", "Téléphone", "Appels manqués", "Rappels l’après-midi")
    assert TREE.path_text(4) == "Organisation du cabinet/Accueil des patients/Secrétariat"
    assert TREE.ancestor(6, 2).name == "Accueil des patients" and TREE.ancestor(6, 5).id == 6
    assert [entry.id for entry in TREE.walk(2)] == [3, 5, 6, 4]
    assert TREE.is_within(6, 2) and TREE.is_within(2, 2) and not TREE.is_within(2, 6)
    with pytest.raises(InputError, match="no ancestor at depth 6"):
        TREE.ancestor(6, 6)


def test_a_cycle_or_a_lost_parent_is_refused() -> None:
    with pytest.raises(InputError, match=r"codes \[2, 3\] are their own ancestors"):
        CodeTree([code(1, None, 1, "A"), code(2, 3, 1, "B"), code(3, 2, 1, "C")])
    with pytest.raises(InputError, match="outside its codebook"):
        CodeTree([code(1, 9, 1, "A")])


def test_codes_are_found_by_id_path_or_unique_end() -> None:
    assert TREE.find(3).name == TREE.find("3").name == "Téléphone"
    assert TREE.find("Organisation du cabinet/Accueil des patients/Téléphone").id == 3
    assert TREE.find("accueil  des patients/TÉLÉPHONE").id == 3
    assert TREE.find("Rappels l’après-midi").id == 6
    with pytest.raises(NotFoundError, match="no code with id 99"):
        TREE.find(99)
    with pytest.raises(NotFoundError, match="did you mean 'Téléphone'"):
        TREE.find("Telephone")
    twins = CodeTree([code(1, None, 1, "A"), code(2, 1, 1, "Autres"), code(3, None, 2, "B"), code(4, 3, 1, "Autres")])
    with pytest.raises(NotFoundError, match="2 codes match 'Autres': A/Autres; B/Autres") as error:
        twins.find("Autres")
    assert "full path" in error.value.one_line()
    assert twins.find("B/Autres").id == 4


def test_french_thesis_numbering_with_bullets_below_the_third_level() -> None:
    numbers = TREE.numbers(FRENCH_THESIS)
    assert [numbers[entry.id] for entry in TREE.walk()] == ["I.", "A.", "1.", "", "", "2.", "B.", "II."]
    bulleted = TREE.numbers(FRENCH_THESIS, bulleted=frozenset({2}))
    assert [bulleted[identifier] for identifier in (2, 3, 4, 8)] == ["A.", "", "", "B."]


def test_decimal_numbering_with_a_prefix_like_thesis_002() -> None:
    scheme = NumberingScheme((NumberStyle.DECIMAL, NumberStyle.DECIMAL), start=2, prefix="2.")
    numbers = TREE.numbers(scheme)
    assert [numbers[entry.id] for entry in TREE.walk()] == ["2.2", "2.2.1", "", "", "", "", "2.2.2", "2.3"]
    assert NumberingScheme.from_json(scheme.as_json()) == scheme
    lower = NumberingScheme((NumberStyle.ARABIC, NumberStyle.LOWER_LETTER))
    assert [TREE.numbers(lower)[identifier] for identifier in (1, 2, 8)] == ["1.", "a.", "b."]


@pytest.mark.parametrize(("value", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1999, "MCMXCIX")])
def test_roman_numerals(value: int, expected: str) -> None:
    assert roman(value) == expected


def test_letters_go_on_after_z() -> None:
    assert [letters(value) for value in (1, 26, 27, 52, 53)] == ["A", "Z", "AA", "AZ", "BA"]


def test_colours_names_and_shortcuts() -> None:
    assert check_colour(" #4e79a7 ") == "#4E79A7"
    for bad in ("#4E79A", "4E79A7", "#GGGGGG", "bleu", None):
        with pytest.raises(InputError, match="#RRGGBB"):
            check_colour(bad, "line 3")
    assert check_name("  Manque\tde\n médecins ") == "Manque de médecins"
    assert check_name("Me\u0301decins") == "Médecins"  # NFC
    with pytest.raises(InputError, match="code without a name"):
        check_name("   ")
    assert check_shortcut("é") == "é" and check_shortcut("") is None and check_shortcut(None) is None
    for bad in ("ab", " "):
        with pytest.raises(InputError, match="not one key"):
            check_shortcut(bad)


def test_a_definition_joins_into_one_text_and_splits_back() -> None:
    node = CodeNode(
        "Confiance",
        description="Le médecin fait confiance à l’assistante.\n\nSecond paragraphe.",
        when_to_use="Quand il délègue\u00a0: prise des constantes…",
        when_not_to_use="La confiance du patient.",
        example="«\u00a0Je lui fais confiance\u00a0»",
    )
    text = join_definition(node, "fr")
    assert "\n\nQuand l’utiliser\u00a0:\nQuand il délègue" in text and "\n\nExemple\u00a0:\n«" in text
    parts = split_definition(text)
    assert parts == {
        "description": node.description, "when_to_use": node.when_to_use,
        "when_not_to_use": node.when_not_to_use, "example": node.example,
    }
    english = join_definition(node, "en")
    assert "When not to use:\nLa confiance" in english and split_definition(english) == parts
    assert split_definition("Une description seule.")["description"] == "Une description seule."
    assert split_definition("Quand l’utiliser :\nsaisi à la main")["when_to_use"] == "saisi à la main"


def test_derived_guids_are_stable_and_differ_by_path() -> None:
    first = derived_guid("Thèse 000", ("I", "A"))
    assert first == derived_guid("Thèse 000", ("I", "A"))
    assert len({first, derived_guid("Thèse 000", ("I", "B")), derived_guid("Thèse 002", ("I", "A"))}) == 3
