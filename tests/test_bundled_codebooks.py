"""The bundled codebooks: well-formed YAML, the theses' trees, checked against the seed texts."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.factories import CODEBOOK_000, CODEBOOK_002, CODEBOOKS

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CODE_KEYS = {"name", "number", "colour", "description", "children"}
OPTIONAL_KEYS = {"shortcut", "when_to_use", "when_not_to_use", "example"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
QUOTE_LABEL = re.compile(r"MG\s?\d+\s*:?\s*«|\bM\d+\s*:?\s*«")
LEVELS_000 = ((1, r"^(I|II|III|IV)\.$"), (2, r"^[A-H]\.$"), (3, r"^\d{1,2}\.$"))
LEVELS_002 = ((1, r"^2\.\d$"), (2, r"^2\.\d\.\d$"))
HEADINGS_000 = ((1, r"^(I|II|III|IV)\.\s+"), (2, r"^[A-H]\.\s+"), (3, r"^\d{1,2}\.\s+"))
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def walk(codes: list[dict], path: tuple[str, ...] = ()) -> Iterator[tuple[dict, tuple[str, ...]]]:
    """Every code with the names of its ancestors, depth first."""
    for code in codes:
        yield code, path
        yield from walk(code.get("children", []), (*path, code["name"]))


def level(code: dict, patterns: tuple[tuple[int, str], ...], unnumbered: int) -> int:
    """The heading level of a code, read from its printed number."""
    number = code.get("number", "")
    return next((lvl for lvl, rx in patterns if re.match(rx, number)), unnumbered)


def heading_name(text: str) -> str:
    return re.sub(r"\s*:$", "", re.sub(r"\s+", " ", text).strip())


def results_000() -> list[str]:
    lines = (SEEDS / "000_ced94200ebd9b1f1.txt").read_text(encoding="utf-8").split("\n")
    return [line.strip() for line in lines[766:2078]]  # NOTES §3: lines 767–2078


@pytest.mark.parametrize("path", [CODEBOOK_000, CODEBOOK_002], ids=["000", "002"])
def test_codebook_is_well_formed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# workbench codebook — schema: see codebooks/README.md\n")
    document = load(path)
    assert {"name", "language", "codes"} <= set(document) <= {"name", "language", "source", "codes"}
    assert document["language"] == "fr"
    for code, _ in walk(document["codes"]):
        assert set(code) <= CODE_KEYS | OPTIONAL_KEYS, code.get("name")
        assert isinstance(code["name"], str) and code["name"].strip() == code["name"] != ""
        assert "  " not in code["name"] and not code["name"].endswith(":")
        assert COLOUR.match(code["colour"]), code["name"]
        if "children" in code:
            assert isinstance(code["children"], list) and code["children"], code["name"]
        if "description" in code:
            description = code["description"]
            assert description.strip() and "  " not in description, code["name"]
            assert "\n" not in description.replace("\n\n", " "), code["name"]
        if "shortcut" in code:
            assert len(code["shortcut"]) == 1
    themes = [code["colour"] for code in document["codes"]]
    assert len(set(themes)) == len(themes)


@pytest.mark.parametrize(
    ("path", "patterns", "unnumbered", "expected"),
    [
        (CODEBOOK_000, LEVELS_000, 4, {1: 4, 2: 12, 3: 20, 4: 34}),
        (CODEBOOK_002, LEVELS_002, 3, {1: 4, 2: 19, 3: 12}),
    ],
    ids=["000", "002"],
)
def test_node_counts_per_level(path: Path, patterns, unnumbered: int, expected: dict) -> None:
    codes = list(walk(load(path)["codes"]))
    assert Counter(level(code, patterns, unnumbered) for code, _ in codes) == expected
    for code, _ in codes:  # levels only deepen, whatever the nesting
        for child in code.get("children", []):
            assert level(child, patterns, unnumbered) > level(code, patterns, unnumbered)


@pytest.mark.parametrize("path", [CODEBOOK_000, CODEBOOK_002], ids=["000", "002"])
def test_descriptions_hold_no_quotes(path: Path) -> None:
    for code, _ in walk(load(path)["codes"]):
        assert not QUOTE_LABEL.search(code.get("description", "")), code["name"]


def test_002_ocr_artefacts_are_repaired() -> None:
    artefacts = re.compile(r"\b[I1|]['’]\w|[¢|]|\b(?:lls|IIs)\b|\b(?:étre|méme|trés)\b|\w'\w")
    for code, _ in walk(load(CODEBOOK_002)["codes"]):
        for text in (code["name"], code.get("description", "")):
            assert not artefacts.search(text), artefacts.search(text)


@needs_seeds
def test_000_numbered_headings_sit_at_their_level_under_their_parent() -> None:
    expected: list[tuple[str, tuple[str, ...]]] = []
    stack: list[tuple[int, str]] = []
    for line in results_000():
        match = next(((lvl, m) for lvl, rx in HEADINGS_000 if (m := re.match(rx, line))), None)
        if match:
            lvl, found = match
            while stack and stack[-1][0] >= lvl:
                stack.pop()
            name = heading_name(line[found.end() :])
            expected.append((name, tuple(n for _, n in stack)))
            stack.append((lvl, name))
    actual = [
        (code["name"], path) for code, path in walk(load(CODEBOOK_000)["codes"]) if "number" in code
    ]
    assert actual == expected
    assert len(expected) == 36


@needs_seeds
def test_000_bullet_sub_categories_sit_under_their_heading() -> None:
    lines = results_000()
    expected: list[tuple[str, str]] = []
    parent = ""
    for index, line in enumerate(lines):
        if any(re.match(rx, line) for _, rx in HEADINGS_000):
            parent = heading_name(re.sub(r"^\S+\s+", "", line))
        elif line.startswith("\uf0b7"):
            parts = [line[1:].strip()]
            following = [text for text in lines[index + 1 :] if text]
            for text in following:  # NOTES §3.1: a bullet wraps onto lines starting lower-case
                if parts[-1].endswith(":") or text[0].isupper():
                    break
                parts.append(text)
            expected.append((heading_name(" ".join(parts)), parent))
    actual = [
        (code["name"], path[-1]) for code, path in walk(load(CODEBOOK_000)["codes"])
        if "number" not in code
    ]
    assert actual == expected
    assert len(expected) == 34


@needs_seeds
def test_002_numbered_headings_sit_under_their_theme() -> None:
    lines = (SEEDS / "002_00ebf9da570b4255.txt").read_text(encoding="utf-8").split("\n")[170:897]
    heading = re.compile(r"^(2\.\d(?:\.\d)?)(?:\s|[A-Z])")  # the space may be lost
    numbers = [match[1] for line in lines if (match := heading.match(line.strip()))]
    codes = load(CODEBOOK_002)["codes"]
    by_number = {code["number"]: path for code, path in walk(codes) if "number" in code}
    assert sorted(by_number) == sorted(numbers)
    themes = {code["number"]: code["name"] for code in codes}
    for number, path in by_number.items():
        assert path == (() if number.count(".") == 1 else (themes[number[:3]],))


@needs_seeds
def test_builder_reproduces_the_committed_files(tmp_path: Path) -> None:
    builder = CODEBOOKS / "build_bundled_codebooks.py"
    command = [sys.executable, str(builder), "--seeds", str(SEEDS), "--output", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    for path in (CODEBOOK_000, CODEBOOK_002):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
