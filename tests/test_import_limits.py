"""Bounded imports and exact text, with files too big to commit to ``tests/hostile/``: each limit of
``workbench/importers/limits.py`` and each oversize file of the hostile-input report is refused in
one line naming the limit, within seconds, the project left as it was; UTF-16 and UTF-32 files are
read exactly; a symbolic link named on the command line is refused."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import assert_rejected, run_cli, stored_text
from workbench.benchmarks.import_limits import participants_table, qdc_codebook, word_transcript, yaml_codebook
from workbench.storage.project import Project

OVERSIZE: list[tuple[str, Callable[[], bytes], str]] = [
    ("siblings.yaml", lambda: yaml_codebook(200_000, 0), "line 1,004: more than 1,000 codes under one code or at the top level (the limit)"),
    ("siblings.qdc", lambda: qdc_codebook(1, 200_000), "more than 1,000 codes under one code or at the top level (the limit)"),
    ("wide.csv", lambda: participants_table(100_000, 1), "line 1: more than 200,000 characters in one line (the limit)"),
    ("MG99.txt", lambda: b"MG99 : " + b"a" * 40_000_000, "more than 5,000,000 characters in one document (the limit)"),
    ("MG98.docx", lambda: word_transcript(45_000), "more than 5,000,000 characters in one document (the limit)"),
    ("name.yaml", lambda: yaml_codebook(1, 0, "x" * 40_000_000), "line 4: more than 200,000 characters in one line (the limit)"),
    ("name.qdc", lambda: qdc_codebook(1, 0, "x" * 40_000_000), "more than 500 characters in a code name (the limit)"),
    ("many-codes.yaml", lambda: yaml_codebook(11, 909), "more than 10,000 codes in a codebook (the limit)"),
    ("many-codes.qdc", lambda: qdc_codebook(11, 909), "more than 10,000 codes in a codebook (the limit)"),
    ("long-rows.csv", lambda: participants_table(2, 100_001), "more than 100,000 rows in a participant table (the limit)"),
    ("wide-but-short.csv", lambda: participants_table(1_000, 1), "more than 1,000 columns in a participant table (the limit)"),
]


@pytest.mark.parametrize(("name", "build", "fragment"), OVERSIZE, ids=[name for name, _, _ in OVERSIZE])
def test_an_oversize_file_is_refused_within_seconds_naming_its_limit(
    bundled_location: str, tmp_path: Path, name: str, build: Callable[[], bytes], fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    started = time.perf_counter()
    line = assert_rejected(bundled_location, "import", str(path), mentions=fragment)
    assert time.perf_counter() - started < 20, "refused, but not before the work"
    assert line.startswith(f"workbench: {name}: ")


def test_a_codebook_at_the_limits_is_imported(bundled_location: str, tmp_path: Path) -> None:
    """10 codes of 999 children each: 10,000 codes, the most a codebook may hold."""
    path = tmp_path / "au-bord.yaml"
    path.write_bytes(yaml_codebook(10, 999))
    result = run_cli(bundled_location, "import", str(path))
    assert result.exit_code == 0, result.output
    listing = run_cli(bundled_location, "codes", "--codebook", "Étude")
    assert listing.exit_code == 0 and "code 9.998" in listing.stdout


TEXT = "M : Bonjour, vous déléguez ?\nMG71 : Oui, l’assistante « fait » l’accueil… et le reste.\n"
STORED = "M : Bonjour, vous déléguez ?\n\nMG71 : Oui, l’assistante « fait » l’accueil… et le reste."
"""What the project keeps of ``TEXT`` whatever its encoding (turns one paragraph each)."""


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_unicode_files_with_their_byte_order_mark_are_read_exactly(bundled_location: str, tmp_path: Path, encoding: str) -> None:
    """UTF-32 was read as UTF-16, its text full of NUL characters."""
    path = tmp_path / "MG71.txt"
    path.write_bytes(("\ufeff" + TEXT).encode(encoding) if not encoding.endswith("sig") else TEXT.encode(encoding))
    result = run_cli(bundled_location, "import", str(path))
    assert result.exit_code == 0, result.output
    name = "UTF-32" if "32" in encoding else "UTF-16" if "16" in encoding else None
    assert (f"MG71.txt: {name} text converted to UTF-8" in result.output) == bool(name)
    project = Project.open(bundled_location)
    try:
        assert stored_text(project, "MG71") == STORED
    finally:
        project.close()


def test_a_symbolic_link_named_on_the_command_line_is_refused(bundled_location: str, tmp_path: Path) -> None:
    """As a study manifest refuses a file outside its folder: what is read is the file named."""
    secret = tmp_path / "ailleurs" / "MG72.txt"
    secret.parent.mkdir()
    secret.write_text("M : Bonjour.\nMG72 : Un texte d’ailleurs.\n", encoding="utf-8")
    link = tmp_path / "MG72.txt"
    link.symlink_to(secret)
    for suffix, arguments in ((".txt", ["import"]), (".yaml", ["import"]), (".txt", ["import-reference"])):
        named = link.with_suffix(suffix)
        if not named.is_symlink():
            named.symlink_to(secret)
        line = assert_rejected(bundled_location, *arguments, str(named), mentions="is a symbolic link; only the file itself is read")
        assert line.startswith(f"workbench: {named}: ")
    manifest = tmp_path / "ailleurs" / "study.toml"
    manifest.write_text('[study]\nname = "ailleurs"\n\n[[documents]]\nfile = "MG72.txt"\n', encoding="utf-8")
    (tmp_path / "study.toml").symlink_to(manifest)
    assert_rejected(bundled_location, "import", str(tmp_path / "study.toml"), mentions="study.toml: is a symbolic link; only the file itself is read")


def test_a_text_source_inside_a_qdpx_has_the_same_limits_as_a_transcript(bundled_location: str, tmp_path: Path) -> None:
    source = '<TextSource guid="00000000-0000-4000-8000-000000000001" name="MG99" plainTextPath="internal://MG99.txt"/>'
    qde = f'<?xml version="1.0" encoding="utf-8"?><Project name="p" xmlns="urn:QDA-XML:project:1.0"><Sources>{source}</Sources></Project>'
    path = tmp_path / "long-line.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/MG99.txt", "MG99 : " + "é" * 250_000)
    assert_rejected(bundled_location, "import", str(path), mentions="source 'MG99': line 1: more than 200,000 characters in one line (the limit)")
