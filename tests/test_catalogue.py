"""The message catalogues: every text marked in the code is in the template, the French catalogue
translates all of it (French spacing, same placeholders), and the compiled catalogue is the one the
``.po`` gives."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from workbench.domain.language import LOCALE_FOLDER, format_number, locale_language, ngettext, translate, use_language
from workbench.domain.typography import french_spacing

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_FOLDER / "workbench.pot"
FRENCH_PO = LOCALE_FOLDER / "fr" / "LC_MESSAGES" / "workbench.po"
FRENCH_MO = FRENCH_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")


def read(path: Path) -> Catalog:
    with path.open("rb") as catalogue:
        return read_po(catalogue)


def message_ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted() -> set[str | tuple[str, ...]]:
    """The texts Babel finds in the code today, as ``babel.cfg`` tells it to look."""
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS)
    return {message if isinstance(message, str) else tuple(message) for _, _, message, _, _ in found}


def test_every_text_marked_in_the_code_is_in_the_template(extracted: set[str | tuple[str, ...]]) -> None:
    template = message_ids(read(TEMPLATE))
    assert not extracted - template, f"not in workbench.pot (extract again, docs/architecture.md): {sorted(map(str, extracted - template))}"
    assert not template - extracted, f"in workbench.pot but no longer in the code: {sorted(map(str, template - extracted))}"
    assert len(template) > 250


def test_the_french_catalogue_translates_every_text() -> None:
    template, french = read(TEMPLATE), read(FRENCH_PO)
    assert message_ids(french) == message_ids(template)
    assert not list(french.obsolete)
    for message in french:
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"untranslated: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {message.id!r}"
        if isinstance(message.id, str):
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id)), message.id
        else:  # a form may leave the count out ("ce fichier"), never name another value
            english = {name for form in message.id for name in PLACEHOLDER.findall(form)}
            assert all(set(PLACEHOLDER.findall(string)) <= english for string in strings), message.id
        for string in strings:
            assert french_spacing(string) == string, f"French spacing (U+00A0 before :, U+202F before ; ? ! and inside « »): {string!r}"


def test_the_compiled_catalogue_is_the_french_catalogue_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read(FRENCH_PO))
    assert compiled.getvalue() == FRENCH_MO.read_bytes(), "compile again: pybabel compile -D workbench -d workbench/locale"


def test_a_text_is_translated_in_the_current_language_only() -> None:
    assert translate("Coding as {coder}", "fr-FR") == "Codage par {coder}"
    with use_language("fr"):
        assert format_number(19267) == "19\u202f267"
        assert [ngettext("{count} document", "{count} documents", count) for count in (0, 1, 2)] == ["{count} document"] * 2 + ["{count} documents"]
    assert [ngettext("{count} document", "{count} documents", count) for count in (0, 1, 2)] == ["{count} documents", "{count} document", "{count} documents"]
    assert format_number(19267) == "19,267"
    assert translate("No such sentence", "fr") == "No such sentence"


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr", "LANG": "C"}, "en"),
    ],
)
def test_the_command_line_follows_the_locale(environment: dict[str, str], language: str) -> None:
    assert locale_language(environment) == language


REFUSALS = {"WorkbenchError", "InputError", "ConflictError", "NotFoundError", "OthersWorkRefused"}
PRINTERS = {"echo", "print_notice", "print_table"}


def unmarked_texts(path: Path) -> list[str]:
    """The refusals raised and the command-line lines printed in ``path`` whose text is written out
    in English (a literal or an f-string) rather than marked for the catalogue."""
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name in REFUSALS or (name in PRINTERS and path.parent.name == "cli"):
            texts = [*node.args[:1], *(keyword.value for keyword in node.keywords if keyword.arg in ("what", "hint"))]
            if name in REFUSALS:
                texts += node.args[2:3]
            for text in texts:
                words = "".join(part.value for part in text.values if isinstance(part, ast.Constant)) if isinstance(text, ast.JoinedStr) else text.value if isinstance(text, ast.Constant) else None
                written = isinstance(words, str) and re.search(r"[A-Za-z]{3}", words)
                if written:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.get_source_segment(source, text)}")
    return found


def test_every_refusal_and_command_line_text_is_marked_for_the_catalogue() -> None:
    unmarked = [text for path in sorted((ROOT / "workbench").rglob("*.py")) if "benchmarks" not in path.parts for text in unmarked_texts(path)]
    assert not unmarked, "wrap them in _() (docs/architecture.md, Translation):\n" + "\n".join(unmarked)
