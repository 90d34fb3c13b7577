"""The corpus of hostile and broken files (``tests/hostile/files``, written by
``tests/hostile/make_corpus.py``): every importer refuses each file with one line naming the
problem, and the project database is left exactly as it was."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import assert_rejected, run_cli, snapshot_of

HOSTILE = Path(__file__).parent / "hostile"
FILES = HOSTILE / "files"
SCRIPT = HOSTILE / "make_corpus.py"


def expected() -> list[tuple[str, str, str]]:
    """``(name, arguments, fragment)`` for each file of ``EXPECTED.tsv``."""
    lines = (FILES / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\targuments\tfragment"
    rows = [tuple(line.split("\t")) for line in lines[1:] if line]
    assert all(len(row) == 3 for row in rows), rows
    return rows  # type: ignore[return-value]


CASES = expected()


def test_the_script_regenerates_exactly_the_committed_files(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    written = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    committed = {path.name: path.read_bytes() for path in FILES.iterdir()}
    assert sorted(written) == sorted(committed), "run python tests/hostile/make_corpus.py"
    differing = [name for name in written if written[name] != committed[name]]
    assert not differing, f"{differing} differ: run python tests/hostile/make_corpus.py"


def test_the_corpus_is_large_enough_and_small_enough() -> None:
    names = [name for name, _, _ in CASES]
    assert len(names) >= 20 and len(set(names)) == len(names)
    assert sorted(names) == sorted(path.name for path in FILES.iterdir() if path.name != "EXPECTED.tsv")
    assert sum(path.stat().st_size for path in FILES.iterdir()) < 2_000_000
    suffixes = {Path(name).suffix for name in names}
    assert {".qdpx", ".qdc", ".yaml", ".docx", ".txt", ".csv", ".toml"} <= suffixes
    assert any(arguments.startswith("import-reference") for _, arguments, _ in CASES)


@pytest.mark.parametrize(("name", "arguments", "fragment"), CASES, ids=[name for name, _, _ in CASES])
def test_each_hostile_file_is_refused_in_one_line_and_nothing_is_written(
    bundled_copy: Path, name: str, arguments: str, fragment: str
) -> None:
    path = FILES / name
    assert path.is_file()
    command = [argument.replace("{path}", str(path)) for argument in arguments.split()]
    line = assert_rejected(bundled_copy, *command, mentions=fragment)
    assert "Traceback" not in line


def test_a_zip_with_too_many_entries_is_refused(bundled_copy: Path, tmp_path: Path) -> None:
    """10,001 empty entries (about 0.9 MB, too big to commit: built here)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number in range(10_001):
            archive.writestr(zipfile.ZipInfo(f"{number}", date_time=(1980, 1, 1, 0, 0, 0)), b"")
    for suffix in (".qdpx", ".docx"):
        path = tmp_path / f"many{suffix}"
        path.write_bytes(buffer.getvalue())
        assert_rejected(bundled_copy, "import", str(path), mentions="10,001 entries in the archive")


# Study manifests whose entries are not checked (workbench/services/exchange/study.py): a file named by a
# manifest may lie outside the manifest's folder, and a manifest of the wrong shape ends in a
# Python traceback. Known bugs: these tests fail until the manifest reader refuses them.

MANIFESTS = {
    "relative path out of the folder": '[[documents]]\nid = "X1"\nfile = "../outside.txt"\n',
    "absolute path": '[[documents]]\nid = "X1"\nfile = "{outside}"\n',
    "documents as a list of names": 'documents = ["../outside.txt"]\n',
    "file given as a number": "[[documents]]\nfile = 5\n",
    "study given as text": 'study = "name"\n',
}


@pytest.mark.parametrize("case", list(MANIFESTS))
def test_a_manifest_naming_files_outside_its_folder_or_of_the_wrong_shape_is_refused(
    bundled_copy: Path, tmp_path: Path, case: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("M : Bonjour.\nMG1 : Je suis hors du dossier de l’étude.\n", encoding="utf-8")
    folder = tmp_path / "study"
    folder.mkdir()
    manifest = folder / "study.toml"
    manifest.write_text(MANIFESTS[case].replace("{outside}", str(outside)), encoding="utf-8")
    before = snapshot_of(bundled_copy)
    result = run_cli(bundled_copy, "import", str(manifest))
    assert snapshot_of(bundled_copy) == before
    assert result.exit_code == 1 and result.stderr.startswith("workbench: ") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["transcript-invalid-utf8.txt", "codebook-tab.yaml", "codebook-invalid-xml.qdc", "qdpx-invalid-xml.qdpx"])
def test_files_over_the_size_limit_are_refused(bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The limit is the user's: WORKBENCH_MAX_FILE_MB (here lowered to 100 bytes)."""
    source = FILES / name
    if not source.exists():
        pytest.skip(f"{name} is not in the corpus")
    big = tmp_path / name
    big.write_bytes(source.read_bytes() + b" " * 200)
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "0.0001")
    assert_rejected(bundled_copy, "import", str(big), mentions="more than the 100 bytes allowed")


def test_a_size_limit_that_is_no_number_is_refused(bundled_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "beaucoup")
    assert_rejected(bundled_copy, "import", str(FILES / "codebook-tab.yaml"), mentions="WORKBENCH_MAX_FILE_MB='beaucoup' is not a size")
