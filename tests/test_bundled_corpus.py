"""The bundled study's files: rebuilt byte for byte from the seeds, and shaped as documented."""

from __future__ import annotations

import filecmp
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
STUDY = REPOSITORY / "corpora" / "medical-assistants"
SEEDS = REPOSITORY.parent / "shared" / "seeds"


def paragraphs(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


def test_every_manifest_entry_names_a_file() -> None:
    manifest = tomllib.loads((STUDY / "study.toml").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 29
    assert all((STUDY / entry["file"]).is_file() for entry in manifest["documents"])


def test_transcripts_have_one_normalised_label_per_paragraph() -> None:
    for number in range(1, 18):
        for paragraph in paragraphs(STUDY / "transcripts" / f"MG{number}.txt"):
            assert paragraph.startswith(("M : ", f"MG{number} : ")), paragraph[:40]
            assert "\n" not in paragraph
            assert "  " not in paragraph


def test_survey_answers_are_numbered() -> None:
    answers = paragraphs(STUDY / "survey" / "URML.txt")
    assert [answer.split(" : ", 1)[0] for answer in answers] == [f"R{number}" for number in range(1, 76)]


def test_excerpts_are_quotes_without_their_guillemets() -> None:
    for number in range(1, 12):
        for paragraph in paragraphs(STUDY / "excerpts" / f"M{number}.txt"):
            label, quote = paragraph.split(" : ", 1)
            assert label == f"M{number}"
            assert not quote.startswith(("«", ":")) and not quote.endswith("»")
            assert "¢" not in quote


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this checkout")
def test_the_builder_reproduces_the_committed_files(tmp_path: Path) -> None:
    script = REPOSITORY / "corpora" / "build_medical_assistants.py"
    subprocess.run([sys.executable, str(script), "--seeds", str(SEEDS), "--output", str(tmp_path)], check=True)
    comparison = filecmp.dircmp(tmp_path, STUDY)
    differing = comparison.diff_files + [f"{name}/{sub.diff_files}" for name, sub in comparison.subdirs.items() if sub.diff_files]
    assert not differing
    assert not comparison.left_only and not comparison.right_only
